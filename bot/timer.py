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
        self._warned = False
        self._hint: datetime | None = None
        self.next_wake: datetime | None = None
        self._armed_at: float | None = None  # loop time the JobQueue wake-up fires
        self.ticks = 0

    @property
    def busy(self) -> bool:
        """Whether a tick is running, or an armed wake-up is due and its tick about to start."""
        if self._lock.locked():
            return True
        return self._armed_at is not None and self._armed_at <= asyncio.get_running_loop().time()

    def wake_at(self, due: datetime) -> None:
        """A commit created a task due at `due`: wake earlier if need be, without a query and without a tick."""
        if self._hint is None or due < self._hint:
            # Seen by a tick whose next-due query may have run before this task was committed.
            self._hint = due
        if self.next_wake is None or due < self.next_wake:
            self.next_wake = due
            self._arm()

    async def tick(self) -> int:
        """Run every task due now and set the next wake-up; returns tasks run. Sending is the sender's job."""
        self.ticks += 1
        # The clock may have jumped (the sandbox's fast-forward, tests): messages deferred until now may be due.
        self.rt.sender.wake()
        ran, finished = 0, False
        async with self._lock:
            try:
                while ids := await self._claim():
                    for task_id in ids:
                        ran += await self._run(task_id)
                finished = True
            finally:
                # Even when the database failed mid-tick: without a next wake-up no reminder would go out until
                # someone happened to write to the bot. After a failure, not at once (no busy loop).
                await self._reschedule(not_before=None if finished else self.rt.clock.now() + RETRY_WAKE)
        return ran

    async def _claim(self, limit: int = 50) -> list[int]:
        now = self.rt.clock.now()
        async with self.rt.db.turn(), self.rt.db.session() as s:
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
            async with self.rt.db.turn(), self.rt.db.session() as s:
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
            async with self.rt.db.turn(), self.rt.db.session() as s:
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
        self._hint = None
        try:
            self.next_wake = await self._next_due()
        except Exception:
            log.exception("timer could not read the next due time; trying again soon")
            self.next_wake = self.rt.clock.now() + RETRY_WAKE
        if self._hint is not None and (self.next_wake is None or self._hint < self.next_wake):
            self.next_wake = self._hint
        if not_before is not None:
            self.next_wake = max(self.next_wake or not_before, not_before)
        self._arm()

    async def _next_due(self) -> datetime | None:
        now = self.rt.clock.now()
        async with self.rt.db.turn(), self.rt.db.session() as s:
            free = or_(Task.claimed_until.is_(None), Task.claimed_until < now)
            next_task = await s.scalar(select(func.min(Task.due_at)).where(Task.status == "pending", free))
            # A task another instance holds is ours to look at again only when its lease runs out; waking at
            # its (past) due time would spin against the database for the whole lease.
            next_lease = await s.scalar(
                select(func.min(Task.claimed_until)).where(Task.status == "pending", Task.claimed_until >= now)
            )
        return min((t for t in (next_task, next_lease) if t is not None), default=None)

    def _arm(self) -> None:
        queue = self.rt.app.job_queue if self.rt.app is not None else None
        if queue is None:
            if self.rt.app is not None and not self._warned:
                # Without PTB's job-queue extra nothing would wake us for a reminder: say so once, loudly.
                log.warning("no job queue: install python-telegram-bot[job-queue] or no reminder ever goes out")
                self._warned = True
            return
        for job in queue.get_jobs_by_name(JOB_NAME):
            job.schedule_removal()
        self._armed_at = None
        if self.next_wake is not None:
            # A wake-up more than a day away is re-checked daily, so clock drift never piles up.
            delay = min(max(0.0, (self.next_wake - self.rt.clock.now()).total_seconds()), 86_400.0)
            queue.run_once(self._wake, when=delay, name=JOB_NAME)
            self._armed_at = asyncio.get_running_loop().time() + delay

    async def _wake(self, _context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.tick()
