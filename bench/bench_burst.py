"""A burst: N dose reminders fall due at the same instant; how fast and how punctually does the real bot send them?

Run: .venv/bin/python bench/bench_burst.py [--patients 1000] [--round-trip 0.05] [--runs 1]
The real bot (PTB Application, polling) runs against the project's emulator with Telegram's flood control on
(30 messages a second, 1 a second per chat, 429 beyond) and a round trip added to every call. Uses a temporary
SQLite file, and also PostgreSQL when BENCH_DATABASE_URL names one (its `public` schema is dropped and recreated:
give it a scratch database). Prints the drain time against the ceiling (N / 30 s), how late the first reminder
and the others left after the due instant, the number of 429s, and how long an URGENT answer took to a patient
who wrote during the burst.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from fresh_db import fresh  # bench/ is on the path when a benchmark runs as a script
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot.app import build_application, wire
from bot.config import load_settings
from bot.context import Ctx
from bot.db.engine import Database
from bot.db.models import Prescription, User
from bot.dosing import planner
from bot.emulator import Emulator
from bot.logs import setup_logging
from bot.runtime import Runtime
from flows.clock import OffsetClock
from flows.consent import CONSENT_VERSION
from flows.regimen import End, Phase, Regimen

TOKEN = "123456:BENCH-burst-token-abcdefghijklmnop"
DAILY = Regimen((Phase.interval(1, "day", End.open()),))
DAY = date(2026, 3, 2)
DUE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEAD = 3.0  # seconds of real time between starting the bot and the due instant
REMINDER = "Time for your B12"
URGENT_TEXT = "my throat is closing"


async def _seed(url: str, emu: Emulator, clock: OffsetClock, n: int) -> int:
    """n patients with a daily 09:00 reminder, and one more (no prescription) who will write during the burst."""
    rt = Runtime(settings=load_settings(env_file=None), db=Database(url), clock=clock, instance="bench-seed")
    wire(rt)

    async def person(s: AsyncSession) -> User:
        sim = emu.user(first_name="P")
        user = User(telegram_id=sim.id, chat_id=sim.id, first_name="P", timezone="UTC", country="GB",
                    consent_version=CONSENT_VERSION, consent_at=clock.now(), created_at=clock.now())
        s.add(user)
        await s.flush()
        return user

    try:
        async with rt.db.session() as s:
            for _ in range(n):
                user = await person(s)
                p = Prescription(user_id=user.id, product="hydroxocobalamin", strength="1 mg/1 mL",
                                 dose_ml=Decimal("1"), route="IM", sites=["thigh"], regimen=DAILY.to_dict(),
                                 start_date=DAY, reminder_time="09:00", supplies={}, created_at=clock.now())
                s.add(p)
                await s.flush()
                ctx = Ctx(rt, s, user, clock.now())
                await planner.replan(ctx, p)
                await ctx.flush()
            writer = await person(s)
        return writer.telegram_id
    finally:
        await rt.db.dispose()


async def _run(url: str, n: int, round_trip: float) -> dict[str, float]:
    await fresh(url)
    emu = Emulator(token=TOKEN)
    await emu.start()
    clock = OffsetClock()
    clock.offset = (DUE - timedelta(hours=1)) - clock.now()
    writer_id = await _seed(url, emu, clock, n)
    settings = load_settings(env_file=None, bot_token=TOKEN, database_url=url, telegram_api_url=emu.url)
    rt = Runtime(settings=settings, db=Database(url), clock=clock)
    wire(rt)
    app = build_application(rt, TOKEN, emu.url)
    emu.flood(True)  # Telegram's limits: 30 a second for the bot, 1 a second (burst 3) per chat
    emu.latency(round_trip)
    # The due instant LEAD seconds from now, in the emulator's (monotonic) time.
    clock.offset += (DUE - timedelta(seconds=LEAD)) - clock.now()
    due_at = time.monotonic() + LEAD
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=10, allowed_updates=Update.ALL_TYPES)
    try:
        writer = emu.get_user(writer_id)
        seen = len(emu.api_log)
        sent: list[float] = []

        def reminders(at_least: int) -> bool | None:
            """Collect reminder send times from the emulator's log; true once at least this many went out."""
            nonlocal seen
            for call in emu.api_log[seen:]:
                if call["method"] == "sendMessage" and call["status"] == 200 and REMINDER in call["params"]["text"]:
                    sent.append(call["at"])
            seen = len(emu.api_log)
            return True if len(sent) >= at_least else None

        deadline = due_at + LEAD + n / 30 * 3 + 60
        await emu.state.wait_until(lambda: reminders(1), deadline - time.monotonic())
        # One patient writes a red flag once the burst is under way; the answer is URGENT.
        wrote = time.monotonic()
        writer.mark()
        await writer.send(URGENT_TEXT)
        await writer.next_bot_message(timeout=deadline - time.monotonic())
        urgent = time.monotonic() - wrote
        await emu.state.wait_until(lambda: reminders(n), deadline - time.monotonic())
        lateness = sorted(at - due_at for at in sent)
        floods = sum(1 for c in emu.api_log if c["status"] == 429)
        return {
            "sent": len(sent), "drain": max(sent) - due_at, "first": lateness[0],
            "p50": statistics.median(lateness), "p99": lateness[min(len(lateness) - 1, int(len(lateness) * 0.99))],
            "floods": floods, "urgent": urgent,
        }
    finally:
        await app.updater.stop()
        await app.stop()
        assert app.post_stop is not None and app.post_shutdown is not None
        await app.post_stop(app)
        await app.shutdown()
        await app.post_shutdown(app)
        await emu.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--round-trip", type=float, default=0.05, help="seconds added to every Bot API call")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    setup_logging("WARNING")
    logging.getLogger("bot").setLevel(logging.WARNING)
    ceiling = args.patients / 30
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if os.environ.get("BENCH_DATABASE_URL"):
            targets.append(("postgresql", os.environ["BENCH_DATABASE_URL"]))
        print(f"{args.patients} reminders due at once; flood control on (30/s, 1/s per chat); "
              f"round trip {args.round_trip * 1000:.0f} ms; ceiling N/30 = {ceiling:.1f} s")
        for name, url in targets:
            for run in range(1, args.runs + 1):
                r = await _run(url, args.patients, args.round_trip)
                print(f"{name:<10} run {run}: sent {r['sent']:.0f}/{args.patients} in {r['drain']:.1f} s = "
                      f"{r['drain'] / ceiling:.3f} x ceiling; first reminder {r['first']:.2f} s after due, "
                      f"lateness p50 {r['p50']:.1f} s p99 {r['p99']:.1f} s; {r['floods']:.0f} x 429; "
                      f"URGENT answer during the burst {r['urgent']:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
