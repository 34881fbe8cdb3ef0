"""The timer: the database says what is due; PTB's JobQueue only wakes us at the next due instant."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import ContextTypes

from bot.context import Ctx
from bot.db.models import Task, User

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)
CLAIM_FOR = timedelta(minutes=5)
MAX_ATTEMPTS = 5
JOB_NAME = "timer-wake"
RETRY_WAKE = timedelta(minutes=1)


class Timer:
    """Claims due tasks by a database query (safe with several instances) and runs each in its own session."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self._lock = asyncio.Lock()
        self._again = False
        self._warned = False
        self.next_wake: datetime | None = None

    async def poke(self) -> None:
        """Run a tick now; if one is already running, have it go round once more instead of queueing behind it.

        An update's reply is already in the outbox, and a running drain re-reads the outbox by priority between
        batches, so an URGENT answer does not wait for the whole morning's reminders to go out.
        """
        if self._lock.locked():
            self._again = True
            return
        await self.tick()

    async def tick(self) -> int:
        """Run every task due now, send the outbox, and set the next wake-up; returns tasks run."""
        ran, finished = 0, False
        async with self._lock:
            try:
                while True:
                    self._again = False
                    while ids := await self._claim():
                        for task_id in ids:
                            ran += await self._run(task_id)
                    if self.rt.bot is not None:
                        await self.rt.outbox.drain(self.rt.bot)
                    if not self._again:
                        break
                finished = True
            finally:
                # Even when the database or Telegram failed mid-tick: without a next wake-up nothing more would
                # be sent until someone happened to write to the bot. After a failure, not at once (no busy loop).
                await self._reschedule(not_before=None if finished else self.rt.clock.now() + RETRY_WAKE)
        return ran

    async def _claim(self, limit: int = 50) -> list[int]:
        now = self.rt.clock.now()
        async with self.rt.db.session() as s:
            ids = (
                await s.scalars(
                    select(Task.id)
                    .where(Task.status == "pending", Task.due_at <= now)
                    .where(or_(Task.claimed_until.is_(None), Task.claimed_until < now))
                    .order_by(Task.due_at, Task.id)
                    .limit(limit)
                    # PostgreSQL: rows another instance is claiming right now are skipped, not waited for, so
                    # several instances share a backlog instead of queueing on the same rows.
                    .with_for_update(skip_locked=True)
                )
            ).all()
            won = []
            for task_id in ids:
                result = await s.execute(
                    update(Task)
                    .where(Task.id == task_id, Task.status == "pending")
                    .where(or_(Task.claimed_until.is_(None), Task.claimed_until < now))
                    .values(claimed_by=self.rt.instance, claimed_until=now + CLAIM_FOR)
                )
                if result.rowcount == 1:
                    won.append(task_id)
        return won

    async def _run(self, task_id: int) -> int:
        now = self.rt.clock.now()
        try:
            async with self.rt.db.session() as s:
                # Re-take the claim in this very transaction: it locks the row (the whole file on SQLite) until
                # the task is done, and fails if our lease ran out and another instance took the task over.
                if not await self._still_ours(s, task_id, now):
                    log.info("task taken over id=%s", task_id)
                    return 0
                task = await s.get(Task, task_id)
                if task is None or task.status != "pending":
                    return 0
                user = await s.get(User, task.user_id)
                handler = self.rt.registry.tasks.get(task.kind)
                if user is None or handler is None:
                    log.warning("task unhandled id=%s kind=%s", task.id, task.kind)
                    task.status = "failed"
                    return 0
                ctx = Ctx(self.rt, s, user, now)
                await handler(ctx, task)
                if task.status == "pending":
                    task.status, task.done_at = "done", now
                task.claimed_by = task.claimed_until = None
                await ctx.flush()
            log.info("task done id=%s kind=%s user=%s", task_id, task.kind, task.user_id)
            return 1
        except Exception:
            log.exception("task failed id=%s", task_id)
            async with self.rt.db.session() as s:
                task = await s.get(Task, task_id)
                if task is not None and task.status == "pending" and task.claimed_by == self.rt.instance:
                    task.attempts += 1
                    task.claimed_by = task.claimed_until = None
                    task.due_at = now + timedelta(minutes=task.attempts)
                    if task.attempts >= MAX_ATTEMPTS:
                        task.status = "failed"
            return 0

    async def _still_ours(self, s: AsyncSession, task_id: int, now: datetime) -> bool:
        result = await s.execute(
            update(Task)
            .where(Task.id == task_id, Task.status == "pending", Task.claimed_by == self.rt.instance)
            .values(claimed_until=now + CLAIM_FOR)
        )
        return result.rowcount == 1

    async def _reschedule(self, not_before: datetime | None = None) -> None:
        try:
            self.next_wake = await self._next_due()
        except Exception:
            log.exception("timer could not read the next due time; trying again soon")
            self.next_wake = self.rt.clock.now() + RETRY_WAKE
        if not_before is not None:
            self.next_wake = max(self.next_wake or not_before, not_before)
        self._arm()

    async def _next_due(self) -> datetime | None:
        now = self.rt.clock.now()
        async with self.rt.db.session() as s:
            free = or_(Task.claimed_until.is_(None), Task.claimed_until < now)
            next_task = await s.scalar(select(func.min(Task.due_at)).where(Task.status == "pending", free))
            # A task another instance holds is ours to look at again only when its lease runs out; waking at
            # its (past) due time would spin against the database for the whole lease.
            next_lease = await s.scalar(
                select(func.min(Task.claimed_until)).where(Task.status == "pending", Task.claimed_until >= now)
            )
        candidates = [t for t in (next_task, next_lease, await self.rt.outbox.next_wake()) if t is not None]
        return min(candidates) if candidates else None

    def _arm(self) -> None:
        queue = self.rt.app.job_queue if self.rt.app is not None else None
        if queue is None:
            if self.rt.app is not None and not self._warned:
                # Without PTB's job-queue extra nothing would wake us for a reminder: say so once, loudly.
                log.warning("no job queue: install python-telegram-bot[job-queue] or reminders only go out on updates")
                self._warned = True
            return
        for job in queue.get_jobs_by_name(JOB_NAME):
            job.schedule_removal()
        if self.next_wake is not None:
            delay = max(0.0, (self.next_wake - self.rt.clock.now()).total_seconds())
            # A wake-up more than a day away is re-checked daily, so clock drift never piles up.
            queue.run_once(self._wake, when=min(delay, 86_400.0), name=JOB_NAME)

    async def _wake(self, _context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.tick()
