"""Run the real bot (PTB Application over HTTP) against the local Bot API emulator, with a fake clock."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from telegram import Update

from bot.app import build_application, wire
from bot.config import load_settings
from bot.db.engine import Database
from bot.emulator import Emulator
from bot.runtime import Runtime
from flows.clock import FakeClock

TOKEN = "123456:TEST-emulator-token-abcdefghij"
BOT_USERNAME = "b12_test_bot"
TEST_PACE = {"send_per_chat_per_second": 1000.0, "send_chat_burst": 5}


class Harness:
    """One emulator and one bot process at a time; `restart()` replaces the process, keeping the database."""

    def __init__(self, emu: Emulator, db_url: str, clock: FakeClock, **overrides: Any) -> None:
        # Telegram's per-chat pace (1 a second) would make a walk through onboarding take a minute of real time;
        # tests of pacing pass the real values. The emulator applies no flood control unless a test turns it on.
        overrides = {**TEST_PACE, **overrides}
        self.emu, self.db_url, self.clock, self.overrides = emu, db_url, clock, overrides
        self.rt: Runtime | None = None
        self.processes = 0
        self.handled_before = 0

    async def start(self) -> None:
        """Start a fresh Runtime and Application, as `python -m bot run` would."""
        settings = load_settings(
            env_file=None, bot_token=TOKEN, database_url=self.db_url, telegram_api_url=self.emu.url, **self.overrides
        )
        rt = Runtime(settings=settings, db=Database(settings.database_url), clock=self.clock)
        wire(rt)
        app = build_application(rt, TOKEN, settings.telegram_api_url)
        await app.initialize()
        await rt.on_start(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=Update.ALL_TYPES)
        self.rt = rt
        self.processes += 1

    async def stop(self) -> None:
        """Stop polling and the application, and close the database, like SIGTERM does."""
        if self.rt is None or self.rt.app is None:
            return
        app = self.rt.app
        await self.idle()
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
        self.handled_before += self.rt.updates_seen
        self.rt = None

    async def restart(self) -> None:
        """A new bot process on the same database and emulator."""
        await self.stop()
        await self.start()

    def emu_updates(self) -> int:
        """How many updates the emulator has produced so far."""
        return self.emu.state.update_count

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until every update is handled, no timer wake-up is due and the sender has sent all it can."""
        assert self.rt is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._quiet():
            if loop.time() > deadline:
                raise TimeoutError("bot did not handle all updates and send its messages in time")
            await asyncio.sleep(0.005)

    def _quiet(self) -> bool:
        assert self.rt is not None
        rt = self.rt
        if rt.updates_seen + self.handled_before < self.emu_updates() or rt.timer.busy:
            return False
        return rt.sender.quiet

    def user(self, first_name: str = "Alice", **kwargs: Any) -> Any:
        """A simulated Telegram user."""
        return self.emu.user(first_name=first_name, **kwargs)

    async def say(self, user: Any, text: str) -> Any:
        """Send text as a user and return the bot's next message."""
        await self.idle()
        marker = len(user.bot_messages())
        await user.send(text)
        await self.idle()
        return await user.wait_for(lambda: len(user.bot_messages()) > marker or None)

    async def consent(self, user: Any) -> None:
        """Do /start and press "I agree", waiting until the consent is stored."""
        welcome = await self.say(user, "/start")
        await user.press(welcome, "I agree")
        await self.idle()

    async def advance(self, delta: timedelta) -> None:
        """Move the fake clock and let the timer run what fell due."""
        assert self.rt is not None
        await self.idle()
        self.clock.advance(delta)
        await self.rt.timer.tick()
        await self.idle()


@asynccontextmanager
async def running_bot(db_url: str, clock: FakeClock, **overrides: Any) -> AsyncIterator[Harness]:
    """An emulator plus the real bot polling it; everything stopped afterwards."""
    emu = Emulator(token=TOKEN, bot_username=BOT_USERNAME)
    await emu.start()
    harness = Harness(emu, db_url, clock, **overrides)
    try:
        await harness.start()
        yield harness
    finally:
        await harness.stop()
        await emu.stop()
