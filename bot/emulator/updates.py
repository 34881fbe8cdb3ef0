"""The bot's pending update queue and getUpdates long polling with Telegram's offset semantics."""

from __future__ import annotations

import asyncio
import contextlib
import copy
from typing import Any

from .errors import ApiError
from .models import Json

# What Telegram delivers when allowed_updates is empty: everything except these opt-in types
OPT_IN_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class UpdateQueue:
    """Updates waiting for the bot, consumed by getUpdates or by the webhook sender."""

    def __init__(self, first_update_id: int = 1) -> None:
        self.pending: list[Json] = []
        self.delivered: list[Json] = []
        self.allowed_updates: list[str] = []
        self.next_id = first_update_id
        self.closing = False
        self.waiting = 0
        self._poll_generation = 0
        self._tick = asyncio.Event()

    def _wake(self) -> None:
        self._tick.set()
        self._tick = asyncio.Event()

    def allows(self, kind: str) -> bool:
        """Whether the current allowed_updates setting lets this update type through."""
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in OPT_IN_TYPES

    def push(self, kind: str, payload: Json) -> Json | None:
        """Queue an update of the given type; returns it, or None if allowed_updates filters it out."""
        if not self.allows(kind):
            return None
        update = {"update_id": self.next_id, kind: payload}
        self.next_id += 1
        self.pending.append(update)
        self._wake()
        return update

    def confirm(self, offset: int) -> None:
        """Forget updates below offset; a negative offset keeps only the last -offset updates."""
        kept = self.pending[offset:] if offset < 0 else [u for u in self.pending if u["update_id"] >= offset]
        gone = self.pending[: len(self.pending) - len(kept)]
        self.delivered.extend(gone)
        self.pending = kept

    def pop_first(self) -> Json | None:
        """Take the oldest update off the queue (webhook delivery confirmed it)."""
        if not self.pending:
            return None
        update = self.pending.pop(0)
        self.delivered.append(update)
        return update

    def drop_pending(self) -> int:
        """Discard every pending update (drop_pending_updates=True)."""
        count = len(self.pending)
        self.pending.clear()
        return count

    def set_allowed(self, allowed: Any) -> None:
        """Remember allowed_updates; Telegram keeps the previous value when the parameter is omitted."""
        if allowed is None:
            return
        if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
            raise ApiError(400, "Bad Request: can't parse allowed updates")
        self.allowed_updates = list(allowed)

    async def wait_pending(self, timeout: float | None = None) -> bool:
        """Block until something is pending (True) or the timeout passes / the emulator stops (False)."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while not self.pending and not self.closing:
            tick = self._tick
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                return False
            try:
                await asyncio.wait_for(tick.wait(), remaining)
            except TimeoutError:
                return bool(self.pending)
        return bool(self.pending)

    async def get_updates(self, offset: int | None, limit: int, timeout: float) -> list[Json]:
        """getUpdates: confirm below offset, then wait up to timeout for at least one update."""
        if offset is not None:
            self.confirm(offset)
        # A newer getUpdates call terminates an older one with 409, as Telegram does
        self._poll_generation += 1
        generation = self._poll_generation
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, timeout)
        self.waiting += 1
        self._wake()
        try:
            return await self._wait_batch(generation, deadline, limit)
        finally:
            self.waiting -= 1

    async def _wait_batch(self, generation: int, deadline: float, limit: int) -> list[Json]:
        loop = asyncio.get_running_loop()
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request; "
                                    "make sure that only one bot instance is running")
            remaining = deadline - loop.time()
            if self.pending or remaining <= 0 or self.closing:
                return copy.deepcopy(self.pending[:limit])
            tick = self._tick
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(tick.wait(), remaining)

    async def until_polled(self, timeout: float = 5.0) -> None:
        """Wait until a getUpdates call is parked in long polling (the bot is listening)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.waiting:
            tick = self._tick
            if loop.time() >= deadline:
                raise TimeoutError("no getUpdates long poll arrived")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(tick.wait(), deadline - loop.time())

    def close(self) -> None:
        """Release every long poll so the server can shut down quickly."""
        self.closing = True
        self._wake()
