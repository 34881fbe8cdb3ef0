"""The sender: one long-lived task that sends committed outbox rows at Telegram's pace, most urgent first."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiolimiter import AsyncLimiter
from telegram import Bot

from bot.db.models import OutboxMessage
from bot.outbox import Outbox
from flows.clock import Clock

log = logging.getLogger(__name__)
# Rows committed by another instance (which then died) wake nobody here: look again this often when idle.
IDLE_RECHECK = 10.0
RETRY_AFTER_ERROR = 1.0
# A nearly-due instant is waited for at least this long, so rounding never turns the wait into a busy loop.
MIN_WAIT = 0.01
# Per-chat buckets of people who have not been written to lately are forgotten beyond this many.
CHAT_BUCKETS_KEPT = 10_000


@dataclass(frozen=True)
class Pace:
    """Telegram's limits as we keep them: messages a second for the bot, a pace and burst per chat, sends in flight."""

    per_second: float = 30.0
    per_chat_per_second: float = 1.0
    chat_burst: int = 2
    concurrency: int = 8


class Sender:
    """Claims outbox rows when woken and sends them: bot-wide and per-chat pacing, several in flight, 429 pauses.

    Only `concurrency` rows are claimed at a time and each claim takes the most urgent rows first, so an URGENT
    message committed during a backlog of reminders waits for at most the few sends already under way.
    """

    def __init__(self, outbox: Outbox, clock: Clock, pace: Pace) -> None:
        self.outbox, self.clock, self.pace = outbox, clock, pace
        self._wake = asyncio.Event()
        self._quiet = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._sends: set[asyncio.Task[None]] = set()
        self._busy: set[int] = set()  # people with a claimed row not yet finished: their next message waits
        self._throttled: dict[int, float] = {}  # people whose chat bucket is empty -> loop time it has room again
        self._chat_pace: dict[int, AsyncLimiter] = {}
        self._bot_pace: AsyncLimiter | None = None
        self._paused_until: datetime | None = None
        self._stopping = False
        self.sent = 0
        self.flood_waits = 0

    @property
    def running(self) -> bool:
        """Whether the sending task is alive."""
        return self._task is not None and not self._task.done()

    @property
    def quiet(self) -> bool:
        """True when nothing is sendable now (or the sender is not running)."""
        return not self.running or self._quiet.is_set()

    def wake(self) -> None:
        """Something was committed or the clock moved: look for sendable rows now."""
        self._quiet.clear()
        self._wake.set()

    def start(self, bot: Bot) -> None:
        """Start the sending task on the running loop (once)."""
        if self.running:
            return
        self._stopping = False
        # A bucket of one: sends are spaced evenly instead of bursting, so our count and Telegram's never drift
        # apart by the few milliseconds a request takes to arrive.
        self._bot_pace = AsyncLimiter(1, 1 / self.pace.per_second)
        self._chat_pace.clear()
        self._throttled.clear()
        self._quiet.clear()
        self._task = asyncio.create_task(self._run(bot), name="outbox-sender")

    async def stop(self) -> None:
        """Claim nothing more, let the sends under way finish, and give back what was claimed but not sent."""
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        await self._task
        await asyncio.gather(*self._sends, return_exceptions=True)
        self._task = None

    async def settled(self) -> None:
        """Wait until nothing is sendable now: everything went out, or waits for a later instant or a 429."""
        if self.running:
            await self._quiet.wait()

    async def _run(self, bot: Bot) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                if await self._fill(bot):
                    continue
                timeout = await self._idle_timeout()
            except Exception:
                log.exception("sender could not claim messages; trying again soon")
                timeout = RETRY_AFTER_ERROR
            if not self._sends and not self._throttled and not self._wake.is_set():
                self._quiet.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
        self._quiet.set()

    async def _fill(self, bot: Bot) -> bool:
        """Claim rows for the free send slots and start sending them; False when nothing was claimed."""
        if self._paused():
            return False
        room = self.pace.concurrency - len(self._sends)
        if room <= 0:
            return False
        now = asyncio.get_running_loop().time()
        for user_id in [u for u, ready in self._throttled.items() if ready <= now]:
            del self._throttled[user_id]
        rows = await self.outbox.claim(room, busy=self._busy | self._throttled.keys())
        for row in rows:
            self._busy.add(row.user_id)
            task = asyncio.create_task(self._send(bot, row))
            self._sends.add(task)
            task.add_done_callback(self._finished)
        return bool(rows)

    def _finished(self, task: asyncio.Task[None]) -> None:
        # Here, not in _send: the slot counts as free only once the task is really done.
        self._sends.discard(task)
        self._wake.set()

    async def _send(self, bot: Bot, row: OutboxMessage) -> None:
        try:
            chat = self._chat(row.user_id)
            await chat.acquire()
            if not chat.has_capacity():
                # Claim no more for this chat until its bucket has room (at most one interval from now).
                self._throttled[row.user_id] = asyncio.get_running_loop().time() + 1 / self.pace.per_chat_per_second
            assert self._bot_pace is not None
            await self._bot_pace.acquire()
            if self._stopping or self._paused():
                await self.outbox.release([row.id])
                return
            result = await self.outbox.deliver(bot, row)
            self.sent += result.sent
            if result.flood_wait is not None:
                # Telegram asked us to stop: every send waits, not only this chat's.
                self.flood_waits += 1
                until = self.clock.now() + result.flood_wait
                self._paused_until = max(self._paused_until or until, until)
        except Exception:
            log.exception("sender failed id=%s", row.id)
        finally:
            self._busy.discard(row.user_id)

    def _chat(self, user_id: int) -> AsyncLimiter:
        limiter = self._chat_pace.get(user_id)
        if limiter is None:
            if len(self._chat_pace) >= CHAT_BUCKETS_KEPT:
                # A full bucket has no history worth keeping: a new one behaves the same.
                self._chat_pace = {u: b for u, b in self._chat_pace.items() if not b.has_capacity(b.max_rate)}
            burst = self.pace.chat_burst
            limiter = self._chat_pace[user_id] = AsyncLimiter(burst, burst / self.pace.per_chat_per_second)
        return limiter

    def _paused(self) -> bool:
        if self._paused_until is not None and self.clock.now() >= self._paused_until:
            self._paused_until = None
        return self._paused_until is not None

    async def _idle_timeout(self) -> float:
        """Seconds until something may become sendable without a wake-up: a pause ends, a chat has room again."""
        waits = [IDLE_RECHECK]
        if self._paused() and self._paused_until is not None:
            waits.append(self._seconds_until(self._paused_until))
        if self._throttled:
            waits.append(min(self._throttled.values()) - asyncio.get_running_loop().time())
        if not self._sends:
            # Only when idle: during a backlog every finished send wakes us anyway, without a query.
            deferred = await self.outbox.next_wake()
            if deferred is not None:
                waits.append(self._seconds_until(deferred))
        return max(MIN_WAIT, min(waits))

    def _seconds_until(self, instant: datetime) -> float:
        return (instant - self.clock.now()) / timedelta(seconds=1)
