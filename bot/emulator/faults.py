"""Fault injection: flood control, forced 5xx replies, added latency and users who blocked the bot."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import ApiError, forbidden
from .models import Json

SEND_METHODS = frozenset({
    "sendmessage", "sendphoto", "senddocument", "sendsticker", "sendvoice", "sendaudio", "sendvideo",
    "sendanimation", "sendmediagroup", "sendlocation", "sendcontact", "copymessage", "forwardmessage",
})


@dataclass
class _Bucket:
    """Token bucket: `rate` tokens per second, holding at most `burst`."""

    rate: float
    burst: float
    tokens: float = -1.0
    stamp: float = 0.0

    def take(self, now: float) -> float:
        """Consume a token; return 0 on success or the seconds until one is available."""
        if self.tokens < 0:
            self.tokens, self.stamp = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass
class _Failure:
    status: int
    methods: frozenset[str] | None


@dataclass
class Faults:
    """Switchable misbehaviour applied by the server before and during method handling."""

    flood_enabled: bool = False
    global_rate: float = 30.0
    global_burst: float = 30.0
    chat_rate: float = 1.0
    chat_burst: float = 3.0
    latency_seconds: float = 0.0
    blocked: set[int] = field(default_factory=set)
    _failures: list[_Failure] = field(default_factory=list)
    _global: _Bucket | None = None
    _chats: dict[int, _Bucket] = field(default_factory=dict)

    def flood(self, enabled: bool = True, per_second: float | None = None, per_chat_per_second: float | None = None,
              chat_burst: float | None = None) -> None:
        """Turn Telegram-like flood control on or off; limits apply to send* methods."""
        self.flood_enabled = enabled
        if per_second is not None:
            self.global_rate = self.global_burst = per_second
        if per_chat_per_second is not None:
            self.chat_rate = per_chat_per_second
        if chat_burst is not None:
            self.chat_burst = chat_burst
        self._global = None
        self._chats.clear()

    def check_flood(self, method: str, chat_id: int) -> None:
        """Raise 429 with retry_after when a send* call exceeds the global or per-chat rate."""
        if not self.flood_enabled or method not in SEND_METHODS:
            return
        now = time.monotonic()
        if self._global is None:
            self._global = _Bucket(self.global_rate, self.global_burst)
        chat = self._chats.setdefault(chat_id, _Bucket(self.chat_rate, self.chat_burst))
        wait = max(chat.take(now), self._global.take(now))
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})

    def fail_next(self, n: int = 1, status: int = 500, methods: Iterable[str] | None = None) -> None:
        """Answer the next n matching bot API calls with an HTTP 5xx.

        Without `methods` it hits any method except getUpdates, so a polling Updater does not
        swallow failures meant for the bot's sends; name getUpdates explicitly to break polling.
        """
        if status < 500 or status > 599:
            raise ValueError("fail_next injects 5xx statuses only")
        wanted = frozenset(m.lower() for m in methods) if methods is not None else None
        self._failures.extend(_Failure(status, wanted) for _ in range(n))

    def take_failure(self, method: str) -> int | None:
        """Pop and return the status of the first queued failure that applies to this method."""
        for i, failure in enumerate(self._failures):
            applies = method != "getupdates" if failure.methods is None else method in failure.methods
            if applies:
                del self._failures[i]
                return failure.status
        return None

    @property
    def pending_failures(self) -> int:
        """How many injected failures are still queued."""
        return len(self._failures)

    def check_blocked(self, chat_id: int) -> None:
        """Raise 403 when the user behind this private chat has blocked the bot."""
        if chat_id in self.blocked:
            raise forbidden("bot was blocked by the user")

    def clear(self) -> None:
        """Back to a well-behaved Telegram; who blocked the bot is user state and stays."""
        self.flood(enabled=False)
        self.latency_seconds = 0.0
        self._failures.clear()

    def to_view(self) -> Json:
        """Current settings for the control API."""
        return {
            "flood": {"enabled": self.flood_enabled, "per_second": self.global_rate,
                      "per_chat_per_second": self.chat_rate, "chat_burst": self.chat_burst},
            "latency": self.latency_seconds,
            "pending_failures": [{"status": f.status, "methods": sorted(f.methods) if f.methods else None}
                                 for f in self._failures],
            "blocked": sorted(self.blocked),
        }
