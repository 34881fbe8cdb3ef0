"""Several bot instances on one database, each with its own Timer and Outbox, sending through one emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from telegram import Bot

from bot.app import QuietRequest, wire
from bot.config import load_settings
from bot.db.engine import Database
from bot.db.models import OutboxMessage, Task, User
from bot.emulator import Emulator
from bot.runtime import Runtime
from flows.clock import FakeClock
from flows.consent import CONSENT_VERSION
from tests.dosing.support import DAILY, Bed

TOKEN = "123456:DURABILITY-emulator-token-abcdef"


# Telegram's per-chat pace (1 a second) would only make these tests wait; tests of pacing pass the real values.
TEST_PACE = {"send_per_chat_per_second": 1000.0, "send_chat_burst": 5}


def instance(db_url: str, clock: FakeClock, name: str, bot: Bot | None = None, **overrides: Any) -> Runtime:
    """One bot process: its own engine, Timer, Outbox and Sender, on the shared database and clock (no JobQueue)."""
    settings = load_settings(env_file=None, **{**TEST_PACE, **overrides})
    rt = Runtime(settings=settings, db=Database(db_url), clock=clock, instance=name)
    wire(rt)
    if bot is not None:
        rt.app = SimpleNamespace(bot=bot, job_queue=None)  # type: ignore[assignment]
    return rt


@dataclass
class Fleet:
    """Two instances, an emulator, and the simulated patients (chat id = emulator user id)."""

    emu: Emulator
    a: Runtime
    b: Runtime
    sims: dict[int, Any]  # our user id -> SimUser

    async def patients(self, n: int, clock: FakeClock, at: str = "09:00") -> list[int]:
        """n consented patients with a daily prescription, created through instance a."""
        bed = Bed(self.a.db, clock)
        bed.rt = self.a
        ids = []
        for i in range(n):
            sim = self.emu.user(first_name=f"P{i}")
            async with self.a.db.session() as s:
                user = User(telegram_id=sim.id, chat_id=sim.id, first_name="P", timezone="UTC",
                            consent_version=CONSENT_VERSION, consent_at=clock.now(), created_at=clock.now())
                s.add(user)
                await s.flush()
                ids.append(user.id)
            self.sims[ids[-1]] = sim
            await bed.prescribe(ids[-1], regimen=DAILY, at=at)
        return ids

    async def sent_by(self, *instances: Runtime) -> None:
        """Let these instances' senders (started on first use, as the app starts its own) send all they can now."""
        for rt in instances:
            assert rt.bot is not None
            rt.sender.start(rt.bot)
            rt.sender.wake()
        # Until all are quiet at once: one instance's sends can queue work for another (a carer told of a 403).
        while not all(rt.sender.quiet for rt in instances):
            for rt in instances:
                await rt.sender.settled()

    async def tick(self, rt: Runtime) -> int:
        """Run one instance's timer, then let its sender send what the tick queued; returns tasks run."""
        ran = await rt.timer.tick()
        await self.sent_by(rt)
        return ran


@asynccontextmanager
async def fleet(db_url: str, clock: FakeClock, **overrides: Any) -> AsyncIterator[Fleet]:
    """Two instances sharing the database and clock, both sending to one emulator; overrides are settings."""
    emu = Emulator(token=TOKEN)
    await emu.start()
    # The HTTP layer the application uses (bot.app.build_application), so errors are logged as in production.
    bots = [Bot(TOKEN, base_url=emu.bot_base_url, base_file_url=emu.file_base_url, request=QuietRequest())
            for _ in range(2)]
    for bot in bots:
        await bot.initialize()
    a = instance(db_url, clock, "instance-a", bots[0], **overrides)
    b = instance(db_url, clock, "instance-b", bots[1], **overrides)
    await a.migrate()
    try:
        yield Fleet(emu, a, b, {})
    finally:
        for rt in (a, b):
            await rt.sender.stop()
            await rt.db.dispose()
        for bot in bots:
            await bot.shutdown()
        await emu.stop()


async def count(rt: Runtime, model: Any, **where: Any) -> int:
    """How many rows of a model match column == value filters."""
    async with rt.db.session() as s:
        query = select(func.count()).select_from(model)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return int(await s.scalar(query) or 0)


async def tasks(rt: Runtime, **where: Any) -> list[Task]:
    """Tasks matching column == value filters, by id."""
    async with rt.db.session() as s:
        query = select(Task).order_by(Task.id)
        for column, value in where.items():
            query = query.where(getattr(Task, column) == value)
        return list((await s.scalars(query)).all())


async def outbox_rows(rt: Runtime, **where: Any) -> list[OutboxMessage]:
    """Outbox rows matching column == value filters, by id."""
    async with rt.db.session() as s:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        for column, value in where.items():
            query = query.where(getattr(OutboxMessage, column) == value)
        return list((await s.scalars(query)).all())


LEASE_PAST = timedelta(minutes=6)
