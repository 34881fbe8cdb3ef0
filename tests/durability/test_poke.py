"""An update's reply never queues behind a long timer tick: poke joins the running tick instead of waiting."""

from __future__ import annotations

import asyncio

from bot.app import wire
from bot.config import load_settings
from bot.context import Ctx
from bot.db.engine import Database
from bot.db.models import Task
from bot.runtime import Runtime
from bot.tasks import schedule
from flows.clock import FakeClock
from tests.dosing.support import Bed


async def test_poke_while_a_tick_runs_returns_at_once(db: Database, clock: FakeClock) -> None:
    rt = Runtime(settings=load_settings(env_file=None), db=db, clock=clock)
    async with rt.timer._lock:  # a long tick (a morning backlog) is running
        await asyncio.wait_for(rt.poke(), timeout=1)
        assert rt.timer._again


async def test_a_poke_from_inside_a_tick_does_not_deadlock_and_work_still_runs(
    db: Database, clock: FakeClock
) -> None:
    rt = Runtime(settings=load_settings(env_file=None), db=db, clock=clock)
    wire(rt)
    user_id = await Bed(db, clock).patient()
    runs: list[int] = []

    async def pokes(ctx: Ctx, task: Task) -> None:
        runs.append(task.id)
        await ctx.rt.poke()  # e.g. a listener that wants the outbox sent now

    rt.registry.task("test.pokes", pokes)
    async with db.session() as s:
        for _ in range(3):
            await schedule(s, user_id=user_id, kind="test.pokes", due_at=clock.now(), now=clock.now())
    assert await asyncio.wait_for(rt.timer.tick(), timeout=10) == 3
    assert len(runs) == 3 and not rt.timer._again

