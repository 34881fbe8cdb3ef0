"""Webhook mode: updates are POSTed to the bot's URL with the secret header, retried, and block getUpdates."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import Bot, Update
from telegram.error import Conflict
from telegram.ext import ContextTypes, MessageHandler, filters

from bot.emulator import Emulator, SimUser
from tests.emulator.conftest import build_app


class Receiver:
    """A tiny aiohttp server that records webhook POSTs and can fail the first few."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.posts: list[tuple[dict, str | None]] = []
        self.arrived = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        if self.fail_first > 0:
            self.fail_first -= 1
            return web.Response(status=500)
        self.posts.append((await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        self.arrived.set()
        return web.Response(text="ok")

    async def next_post(self) -> dict:
        await asyncio.wait_for(self.arrived.wait(), 5)
        self.arrived.clear()
        return self.posts[-1][0]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A running webhook receiver on a free port."""
    rec = Receiver()
    app = web.Application()
    app.router.add_post("/hook", rec.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    rec.url = f"http://127.0.0.1:{port}/hook"
    yield rec
    await runner.cleanup()


async def test_updates_are_posted_with_the_secret_and_get_updates_conflicts(
    emu: Emulator, bot: Bot, alice: SimUser, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token="s3cr3t-token") is True
    await alice.send("hi hook")
    body = await receiver.next_post()
    update = Update.de_json(body, bot)
    assert update.message.text == "hi hook" and update.effective_user.id == alice.id
    assert receiver.posts[0][1] == "s3cr3t-token"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count, info.last_error_date) == (receiver.url, 0, None)

    assert await bot.delete_webhook() is True
    await alice.send("back to polling")
    [polled] = await bot.get_updates()
    assert polled.message.text == "back to polling"


async def test_a_failed_delivery_is_retried_and_reported(
    emu: Emulator, bot: Bot, alice: SimUser, receiver: Receiver
) -> None:
    receiver.fail_first = 2
    await bot.set_webhook(receiver.url)
    await alice.send("retry me")
    body = await receiver.next_post()
    assert body["message"]["text"] == "retry me" and len(receiver.posts) == 1
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.pending_update_count == 0


async def test_drop_pending_updates_on_set_webhook(emu: Emulator, bot: Bot, alice: SimUser, receiver: Receiver) -> None:
    await alice.send("stale")
    await bot.set_webhook(receiver.url, drop_pending_updates=True)
    await alice.send("fresh")
    assert (await receiver.next_post())["message"]["text"] == "fresh"
    assert [p[0]["message"]["text"] for p in receiver.posts] == ["fresh"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_ptb_webhook_server_receives_updates(emu: Emulator, alice: SimUser) -> None:
    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"via webhook: {update.effective_message.text}")

    app = build_app(emu, MessageHandler(filters.TEXT, reply))
    port = _free_port()
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="tg",
                                    webhook_url=f"http://127.0.0.1:{port}/tg", secret_token="ptb-secret")
    try:
        assert emu.webhook.url == f"http://127.0.0.1:{port}/tg"
        await alice.send("ping")
        assert (await alice.next_bot_message()).text == "via webhook: ping"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
