"""An instance that dies holding a claim, a handler that raises: reminders are neither lost nor sent twice."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot import tasks as task_store
from bot.context import Ctx
from bot.db.models import Task, User
from bot.timer import MAX_ATTEMPTS
from flows.clock import FakeClock
from tests.durability.support import LEASE_PAST, fleet, tasks


async def test_a_claim_left_by_a_crashed_instance_is_taken_over_after_the_lease(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        ids = await f.patients(5, clock)
        clock.advance(timedelta(hours=1))
        claimed = await f.a.timer._claim()  # instance a claims, then "crashes" before running anything
        assert len(claimed) == 5
        assert await f.tick(f.b) == 0  # the claim holds
        assert all(not f.sims[uid].bot_messages() for uid in ids)
        clock.advance(LEASE_PAST)
        assert await f.tick(f.b) == 5
        assert all(len(f.sims[uid].bot_messages()) == 1 for uid in ids)
        assert await f.b.timer.tick() == 0


async def test_a_slow_instance_whose_claim_expired_does_not_run_the_task_too(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        ids = await f.patients(3, clock)
        clock.advance(timedelta(hours=1))
        claimed = await f.a.timer._claim()  # a claims a batch, then stalls for longer than the lease
        clock.advance(LEASE_PAST)
        assert await f.b.timer._claim() == claimed  # b takes the expired claims over
        for task_id in claimed:  # a wakes up while b runs the same tasks
            await asyncio.gather(f.a.timer._run(task_id), f.b.timer._run(task_id))
        await f.tick(f.a)
        await f.tick(f.b)
        assert [len(f.sims[uid].bot_messages()) for uid in ids] == [1, 1, 1]


async def test_a_claim_held_elsewhere_does_not_make_the_timer_spin(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        await f.patients(1, clock)
        clock.advance(timedelta(hours=1))
        await f.a.timer._claim()
        await f.b.timer.tick()
        # b must not wake again at once (a busy loop against the database for the whole lease).
        assert f.b.timer.next_wake is not None and f.b.timer.next_wake > clock.now()


async def _boom(_ctx: Ctx, _task: Task) -> None:
    raise RuntimeError("handler bug")


async def test_a_failing_task_is_retried_with_backoff_then_failed_without_blocking_others(
    db_url: str, clock: FakeClock
) -> None:
    async with fleet(db_url, clock) as f:
        f.a.registry.tasks["test.boom"] = _boom
        ids = await f.patients(2, clock)
        async with f.a.db.session() as s:
            user = await s.get(User, ids[0])
            assert user is not None
            await task_store.schedule(s, user_id=user.id, kind="test.boom", due_at=clock.now(), now=clock.now())
        clock.advance(timedelta(hours=1))
        assert await f.tick(f.a) == 2  # both reminders ran although the broken task came first
        assert [len(f.sims[uid].bot_messages()) for uid in ids] == [1, 1]
        [boom] = await tasks(f.a, kind="test.boom")
        assert (boom.status, boom.attempts) == ("pending", 1)
        assert boom.due_at == clock.now() + timedelta(minutes=1)
        waits = []
        while boom.status == "pending":
            waits.append(boom.due_at - clock.now())
            clock.set(boom.due_at)
            await f.a.timer.tick()
            [boom] = await tasks(f.a, kind="test.boom")
        assert boom.status == "failed" and boom.attempts == MAX_ATTEMPTS
        assert waits == [timedelta(minutes=n) for n in range(1, MAX_ATTEMPTS)]
        assert f.a.timer.next_wake is None or f.a.timer.next_wake > clock.now()
