"""One bot process inside the sandbox: the real Runtime and PTB Application, polling the emulator."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update

from bot.app import build_application, wire
from bot.config import Settings
from bot.db.engine import Database
from bot.emulator import Emulator
from bot.runtime import Runtime
from flows.clock import Clock

log = logging.getLogger(__name__)


class BotProcess:
    """Starts and stops the bot exactly as `python -m bot run` would, but against the emulator."""

    def __init__(self, settings: Settings, emu: Emulator, clock: Clock) -> None:
        self.settings = settings.model_copy(
            update={"bot_token": emu.token, "database_url": settings.sandbox_database_url,
                    "telegram_api_url": emu.url, "webhook_url": None}
        )
        self.emu = emu
        self.rt = Runtime(settings=self.settings, db=Database(self.settings.database_url), clock=clock)
        self._updates_before = emu.state.update_count

    async def start(self) -> None:
        """Migrate, publish commands, catch up on due tasks and start long polling."""
        wire(self.rt)
        app = build_application(self.rt, self.emu.token, self.emu.url)
        await app.initialize()
        await self.rt.on_start(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=10, allowed_updates=Update.ALL_TYPES)
        log.info("sandbox bot started")

    async def stop(self) -> None:
        """Stop polling and the application and close the database, like SIGTERM does."""
        app = self.rt.app
        if app is None:
            await self.rt.db.dispose()
            return
        # The order `run_polling` uses, with its post_stop and post_shutdown hooks (the sender stops there).
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        log.info("sandbox bot stopped")

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until the bot has handled every update sent so far, the timer is not mid-run and nothing is sendable."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._quiet():
            if loop.time() > deadline:
                log.warning("sandbox bot still busy after %ss", timeout)
                break
            await asyncio.sleep(0.01)

    def _quiet(self) -> bool:
        rt = self.rt
        if rt.updates_seen + self._updates_before < self.emu.state.update_count or rt.timer.busy:
            return False
        return rt.sender.quiet
