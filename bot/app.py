"""Build the PTB Application around a Runtime and wire every feature in one readable list."""

from __future__ import annotations

import json
from typing import Any

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, TypeHandler
from telegram.request import HTTPXRequest

from bot import adapter
from bot.features import carers, checkin, doses, onboarding, settings, start
from bot.runtime import Runtime
from flows.general import COMMANDS
from flows.i18n import render
from flows.messages import T

FEATURES = (start, onboarding, settings, doses, checkin, carers)


def wire(rt: Runtime) -> None:
    """Let every feature register its commands, buttons, flows, screens and tasks."""
    for feature in FEATURES:
        feature.register(rt.registry)
    # Second pass, once every feature is in: hooks that need the runtime (the outbox's unreachable
    # callbacks) or the final registration order (a screen that must run before another feature's).
    for feature in FEATURES:
        if hasattr(feature, "attach"):
            feature.attach(rt)


class QuietRequest(HTTPXRequest):
    """PTB's HTTP layer, but a body that is not JSON (a proxy's 5xx page) is not logged with a traceback.

    The caller still gets the error; the sender logs it as one line with ids, status and wait.
    """

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """Parse Telegram's JSON answer, failing with a short error instead of logging the whole body."""
        try:
            return json.loads(payload.decode("utf-8", "replace"))
        except ValueError as exc:
            raise TelegramError("Invalid server response") from exc


def build_application(rt: Runtime, token: str, api_url: str) -> Application:
    """A PTB Application that talks to `api_url` (Telegram, a self-hosted Bot API server, or the emulator)."""
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        # No PTB rate limiter: the sender paces every message and pauses on a 429 itself.
        .request(QuietRequest(connection_pool_size=max(8, rt.settings.send_concurrency * 2)))
        .get_updates_request(QuietRequest(connection_pool_size=1))
        .post_init(rt.on_start)
        .post_stop(rt.on_stop)
        .post_shutdown(_shutdown(rt))
        .build()
    )
    app.bot_data["rt"] = rt
    rt.app = app
    app.add_handler(TypeHandler(Update, adapter.on_update))
    app.add_error_handler(adapter.on_error)
    return app


def _shutdown(rt: Runtime):
    async def shutdown(_app: Application) -> None:
        # Also here: when starting failed, PTB skips post_stop but still shuts down.
        await rt.on_stop()
        await rt.db.dispose()

    return shutdown


async def publish_commands(app: Application) -> None:
    """Show the command menu in Telegram clients."""
    await app.bot.set_my_commands(
        [BotCommand(name, render(T(f"general.menu_{name}"))) for name in COMMANDS if name != "start"]
    )
