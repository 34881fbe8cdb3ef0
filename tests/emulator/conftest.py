"""Fixtures: a running emulator, a PTB Bot pointed at it, and a polling PTB Application helper."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from telegram import Bot
from telegram.ext import Application, ApplicationBuilder, BaseHandler

from bot.emulator import Emulator, SimUser

TOKEN = "123456:TEST-emulator-token-abcdefghij"


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """A started emulator on a free port."""
    async with Emulator(token=TOKEN, bot_username="b12_test_bot") as emulator:
        yield emulator


@pytest.fixture
def alice(emu: Emulator) -> SimUser:
    """A simulated user who has opened the chat."""
    return emu.user("Alice", "Liddell", username="alice", language_code="en")


@pytest.fixture
async def bot(emu: Emulator) -> AsyncIterator[Bot]:
    """A bare PTB Bot talking to the emulator over HTTP."""
    async with Bot(emu.token, base_url=emu.bot_base_url, base_file_url=emu.file_base_url) as ptb_bot:
        yield ptb_bot


def build_app(emu: Emulator, *handlers: BaseHandler) -> Application:
    """A PTB Application configured exactly like the real bot, pointed at the emulator."""
    app = ApplicationBuilder().token(emu.token).base_url(emu.bot_base_url).base_file_url(emu.file_base_url).build()
    for handler in handlers:
        app.add_handler(handler)
    return app


@asynccontextmanager
async def polling(emu: Emulator, *handlers: BaseHandler) -> AsyncIterator[Application]:
    """Run an Application with long polling for the duration of the block, then stop it cleanly."""
    app = build_app(emu, *handlers)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
