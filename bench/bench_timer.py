"""How long one timer tick takes to claim and run N due dose reminders (one instance, then two at once).

Run: .venv/bin/python bench/bench_timer.py [--patients 1000]
Uses a temporary SQLite file, and also PostgreSQL when BENCH_DATABASE_URL names one (its `public` schema is
dropped and recreated: give it a scratch database). Each patient has a daily 09:00 prescription; the fake clock
jumps to 09:00 and the timer runs every reminder (queued to the outbox, not sent: no Telegram here).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from fresh_db import fresh  # bench/ is on the path when a benchmark runs as a script
from sqlalchemy import func, select

from bot.app import wire
from bot.config import load_settings
from bot.context import Ctx
from bot.db.engine import Database
from bot.db.models import OutboxMessage, Prescription, User
from bot.dosing import planner
from bot.runtime import Runtime
from flows.clock import FakeClock
from flows.consent import CONSENT_VERSION
from flows.regimen import End, Phase, Regimen

DAILY = Regimen((Phase.interval(1, "day", End.open()),))
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _runtime(url: str, clock: FakeClock, name: str) -> Runtime:
    rt = Runtime(settings=load_settings(env_file=None), db=Database(url), clock=clock, instance=name)
    wire(rt)
    return rt


async def _patients(rt: Runtime, n: int, clock: FakeClock) -> None:
    async with rt.db.session() as s:
        for i in range(n):
            user = User(telegram_id=10_000 + i, chat_id=10_000 + i, first_name="P", timezone="UTC",
                        consent_version=CONSENT_VERSION, consent_at=clock.now(), created_at=clock.now())
            s.add(user)
            await s.flush()
            p = Prescription(user_id=user.id, product="hydroxocobalamin", strength="1 mg/1 mL", dose_ml=Decimal("1"),
                             route="IM", sites=["thigh"], regimen=DAILY.to_dict(), start_date=date(2026, 3, 2),
                             reminder_time="09:00", supplies={}, created_at=clock.now())
            s.add(p)
            await s.flush()
            ctx = Ctx(rt, s, user, clock.now())
            await planner.replan(ctx, p)
            await ctx.flush()


async def _round(url: str, n: int, instances: int) -> tuple[float, list[int], int]:
    await fresh(url)
    clock = FakeClock(START)
    fleet = [_runtime(url, clock, f"bench-{i}") for i in range(instances)]
    try:
        await _patients(fleet[0], n, clock)
        clock.advance(timedelta(hours=1))
        began = time.perf_counter()
        ran = await asyncio.gather(*(rt.timer.tick() for rt in fleet))
        took = time.perf_counter() - began
        async with fleet[0].db.session() as s:
            queued = int(await s.scalar(select(func.count()).select_from(OutboxMessage)) or 0)
        return took, list(ran), queued
    finally:
        for rt in fleet:
            await rt.db.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if os.environ.get("BENCH_DATABASE_URL"):
            targets.append(("postgresql", os.environ["BENCH_DATABASE_URL"]))
        print(f"{args.patients} patients, one 09:00 reminder each")
        for name, url in targets:
            for instances in (1, 2):
                took, ran, queued = await _round(url, args.patients, instances)
                per = took / max(1, sum(ran)) * 1000
                print(f"{name:<10} {instances} instance(s): {took:6.2f} s for {sum(ran)} tasks ({per:.2f} ms each, "
                      f"split {ran}), {queued} messages queued")


if __name__ == "__main__":
    asyncio.run(main())
