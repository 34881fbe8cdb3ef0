"""Build the PTB Application around a Runtime and wire every feature in one readable list."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, TypeHandler

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


def build_application(rt: Runtime, token: str, api_url: str) -> Application:
    """A PTB Application that talks to `api_url` (Telegram, a self-hosted Bot API server, or the emulator)."""
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        # Flood waits are handled by the outbox (it defers the row), so the limiter never sleeps on a 429.
        .rate_limiter(AIORateLimiter(max_retries=0))
        .post_init(rt.on_start)
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
        await rt.db.dispose()

    return shutdown


async def publish_commands(app: Application) -> None:
    """Show the command menu in Telegram clients."""
    await app.bot.set_my_commands(
        [BotCommand(name, render(T(f"general.menu_{name}"))) for name in COMMANDS if name != "start"]
    )
