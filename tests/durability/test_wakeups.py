"""A commit wakes what it concerns, cheaply: queued messages wake the sender, new tasks re-arm the timer; no tick."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot import outbox
from bot.app import wire
from bot.config import load_settings
from bot.context import Ctx
from bot.db.engine import Database
from bot.db.models import Task, User
from bot.runtime import Runtime
from bot.tasks import schedule
from flows.clock import FakeClock
from flows.messages import Message, Raw
from tests.dosing.support import Bed


def _runtime(db: Database, clock: FakeClock) -> Runtime:
    rt = Runtime(settings=load_settings(env_file=None), db=db, clock=clock)
    wire(rt)
    return rt


async def test_a_commit_with_a_message_wakes_the_sender_and_one_with_a_task_arms_the_timer_without_a_tick(
    db: Database, clock: FakeClock
) -> None:
    rt = _runtime(db, clock)
    user_id = await Bed(db, clock).patient()
    rt.timer.next_wake = clock.now() + timedelta(days=1)
    async with db.session() as s:
        user = await s.get(User, user_id)
        assert user is not None
        await outbox.enqueue(s, user, Message.say(Raw("hello")), clock.now())
        assert rt.sender.quiet is True and not rt.sender._wake.is_set()  # nothing is visible before the commit
    assert rt.sender._wake.is_set()
    async with db.session() as s:
        await schedule(s, user_id=user_id, kind="test.later", due_at=clock.now() + timedelta(hours=2), now=clock.now())
        await schedule(s, user_id=user_id, kind="test.sooner", due_at=clock.now() + timedelta(hours=1), now=clock.now())
    assert rt.timer.next_wake == clock.now() + timedelta(hours=1)
    async with db.session() as s:
        await schedule(s, user_id=user_id, kind="test.after", due_at=clock.now() + timedelta(hours=3), now=clock.now())
    assert rt.timer.next_wake == clock.now() + timedelta(hours=1)  # a later task leaves the wake-up alone
    assert rt.timer.ticks == 0


async def test_a_rolled_back_transaction_wakes_nothing(db: Database, clock: FakeClock) -> None:
    rt = _runtime(db, clock)
    user_id = await Bed(db, clock).patient()
    rt.sender._wake.clear()
    try:
        async with db.session() as s:
            user = await s.get(User, user_id)
            assert user is not None
            await outbox.enqueue(s, user, Message.say(Raw("never")), clock.now())
            await schedule(s, user_id=user_id, kind="test.never", due_at=clock.now(), now=clock.now())
            raise RuntimeError("the handler failed")
    except RuntimeError:
        pass
    assert not rt.sender._wake.is_set() and rt.timer.next_wake is None


async def test_tasks_scheduled_from_inside_a_tick_do_not_deadlock_and_run_in_the_same_tick(
    db: Database, clock: FakeClock
) -> None:
    rt = _runtime(db, clock)
    user_id = await Bed(db, clock).patient()
    runs: list[str] = []

    async def chain(ctx: Ctx, task: Task) -> None:
        runs.append(task.kind)
        if len(runs) < 3:  # each run schedules the next one, due now: its commit re-arms the running timer
            await schedule(ctx.session, user_id=ctx.user.id, kind="test.chain", due_at=ctx.now, now=ctx.now)

    rt.registry.task("test.chain", chain)
    async with db.session() as s:
        await schedule(s, user_id=user_id, kind="test.chain", due_at=clock.now(), now=clock.now())
    assert await asyncio.wait_for(rt.timer.tick(), timeout=10) == 3
    assert len(runs) == 3 and rt.timer.next_wake is None
