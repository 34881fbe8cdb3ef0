"""The running bot's shared parts, built once and handed to every handler and the timer."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram.error import TelegramError

from bot.config import Settings
from bot.db import migrate
from bot.db.engine import Database
from bot.outbox import QUEUED_KEY, Outbox
from bot.registry import Registry
from bot.sender import Pace, Sender
from bot.tasks import DUE_KEY
from bot.timer import Timer
from flows.clock import Clock, SystemClock

if TYPE_CHECKING:
    from telegram import Bot
    from telegram.ext import Application

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Settings, database, clock, outbox, sender, timer and the feature registry of one bot process."""

    settings: Settings
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    registry: Registry = field(default_factory=Registry)
    # Names the claims this process holds (a 64-char column): a long container hostname is cut, and a random tail
    # keeps two processes apart even when they share host and pid (containers, a restart in one process).
    instance: str = field(default_factory=lambda: f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}")
    app: Application | None = None
    bot_username: str = ""
    updates_seen: int = 0

    def __post_init__(self) -> None:
        self.outbox = Outbox(self.db, self.clock, self.instance)
        s = self.settings
        pace = Pace(s.send_per_second, s.send_per_chat_per_second, s.send_chat_burst, s.send_concurrency)
        self.sender = Sender(self.outbox, self.clock, pace)
        self.timer = Timer(self)
        self.db.after_commit.append(self._committed)

    def _committed(self, info: dict[str, Any]) -> None:
        """After a commit: wake the sender if it queued messages, the timer if it created tasks (no tick here)."""
        if info.get(QUEUED_KEY):
            self.sender.wake()
        due = info.get(DUE_KEY)
        if due is not None:
            self.timer.wake_at(due)

    @property
    def bot(self) -> Bot | None:
        """The PTB Bot once the application is built."""
        return self.app.bot if self.app is not None else None

    async def migrate(self) -> None:
        """Bring the database schema up to date."""
        await migrate.upgrade(self.db)

    async def on_start(self, app: Application) -> None:
        """After PTB initialised: start the sender, catch up on what fell due while down, arm the timer."""
        self.app = app
        await self.migrate()
        # Before the catch-up, so its reminders leave while the rest of the backlog is still being run.
        self.sender.start(app.bot)
        self.bot_username = app.bot.username or ""
        log.info("bot started instance=%s bot_id=%s", self.instance, app.bot.id)
        from bot.app import publish_commands

        try:
            await publish_commands(app)
        except TelegramError as exc:
            log.warning("command menu not published error=%s", type(exc).__name__)
        await self.timer.tick()

    async def on_stop(self, _app: Application | None = None) -> None:
        """After PTB stopped handling updates and jobs: finish the sends under way and stop the sender."""
        await self.sender.stop()
