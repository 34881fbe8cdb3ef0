"""The running bot's shared parts, built once and handed to every handler and the timer."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram.error import TelegramError

from bot.config import Settings
from bot.db import migrate
from bot.db.engine import Database
from bot.outbox import Outbox
from bot.registry import Registry
from bot.timer import Timer
from flows.clock import Clock, SystemClock

if TYPE_CHECKING:
    from telegram import Bot
    from telegram.ext import Application

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Settings, database, clock, outbox, timer and the feature registry of one bot process."""

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
        self.timer = Timer(self)

    @property
    def bot(self) -> Bot | None:
        """The PTB Bot once the application is built."""
        return self.app.bot if self.app is not None else None

    async def migrate(self) -> None:
        """Bring the database schema up to date."""
        await migrate.upgrade(self.db)

    async def on_start(self, app: Application) -> None:
        """After PTB initialised: learn our username, catch up on what fell due while down, arm the timer."""
        self.app = app
        await self.migrate()
        self.bot_username = app.bot.username or ""
        log.info("bot started instance=%s bot_id=%s", self.instance, app.bot.id)
        from bot.app import publish_commands

        try:
            await publish_commands(app)
        except TelegramError as exc:
            log.warning("command menu not published error=%s", type(exc).__name__)
        await self.timer.tick()

    async def poke(self) -> None:
        """Something changed: send the outbox now and recompute the next wake-up."""
        await self.timer.poke()
