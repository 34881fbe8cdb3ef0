"""The command line: `python -m bot run | migrate | sandbox | triage`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.config import ConfigError, Settings, load_settings
from bot.logs import setup_logging

log = logging.getLogger("bot")
NO_TOKEN = (
    "BOT_TOKEN is not set: starting the sandbox instead. To run the real bot, get a token from "
    "@BotFather in Telegram and put BOT_TOKEN=... in .env (see .env.example)."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="B12 companion: a Telegram bot for prescribed vitamin B12 injections at home.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="run the bot (long polling; webhook mode when WEBHOOK_URL is set)")
    sub.add_parser("migrate", help="apply database migrations and exit")
    sandbox = sub.add_parser("sandbox", help="try the bot in a browser against the local Bot API emulator")
    sandbox.add_argument("--port", type=int, help="web page port (default SANDBOX_PORT, 8765)")
    sandbox.add_argument("--no-browser", action="store_true", help="do not try to open a browser")
    sub.add_parser("triage", help="triage a text the way the bot would (see `triage --help`)", add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run a command; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "triage":
        from bot.triage_cli import main as triage_main

        return triage_main(argv[1:])
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, [settings.bot_token or "", settings.webhook_secret or ""])
    command = args.command or ("run" if settings.bot_token else "sandbox")
    if command == "migrate":
        return asyncio.run(_migrate(settings))
    if command == "sandbox" or (command == "run" and not settings.bot_token):
        if command == "run" or args.command is None:
            print(NO_TOKEN, file=sys.stderr)
        from bot.sandbox.main import run_sandbox

        return run_sandbox(
            settings, port=getattr(args, "port", None), open_browser=not getattr(args, "no_browser", False)
        )
    return _run(settings)


async def _migrate(settings: Settings) -> int:
    from bot.db import migrate
    from bot.db.engine import Database

    db = Database(settings.database_url)
    try:
        await migrate.upgrade(db)
        print(f"database is up to date (revision {await migrate.current_revision(db)})")
    finally:
        await db.dispose()
    return 0


def _run(settings: Settings) -> int:
    from telegram import Update

    from bot.app import build_application, wire
    from bot.db.engine import Database
    from bot.runtime import Runtime

    assert settings.bot_token
    rt = Runtime(settings=settings, db=Database(settings.database_url))
    wire(rt)
    app = build_application(rt, settings.bot_token, settings.telegram_api_url)
    if settings.webhook_url:
        log.info("starting webhook listen=%s port=%s", settings.webhook_listen, settings.webhook_port)
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=f"{settings.webhook_url.rstrip('/')}/telegram",
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        log.info("starting long polling")
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
