"""`python -m bot sandbox`: serve the chat page on 127.0.0.1 until Ctrl-C or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import signal
import sys
import webbrowser
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

from bot.config import Settings
from bot.sandbox.sandbox import Sandbox
from bot.sandbox.web import build_web_app

log = logging.getLogger(__name__)
HOST = "127.0.0.1"


@asynccontextmanager
async def serving(settings: Settings, port: int = 0) -> AsyncIterator[tuple[Sandbox, str]]:
    """The sandbox and its web page on 127.0.0.1:port (0 picks a free one); yields it and the page URL."""
    sandbox = Sandbox(settings)
    await sandbox.start()
    runner = web.AppRunner(build_web_app(sandbox), shutdown_timeout=2.0, access_log=None)
    try:
        await runner.setup()
        site = web.TCPSite(runner, HOST, port)
        await site.start()
        bound = runner.addresses[0][1]
        yield sandbox, f"http://{HOST}:{bound}"
    finally:
        # Stopping the sandbox first releases the page's long polls, so the server closes at once.
        await sandbox.stop()
        await runner.cleanup()


async def _serve(settings: Settings, port: int, open_browser: bool) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        async with serving(settings, port) as (_sandbox, url):
            print(f"Sandbox: open {url}  (database {settings.sandbox_database_url}; Ctrl-C stops)", flush=True)
            if open_browser and _has_display():
                with contextlib.suppress(webbrowser.Error):
                    await loop.run_in_executor(None, webbrowser.open, url)
            await stop.wait()
            print("Sandbox: stopping", flush=True)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    return 0


def _has_display() -> bool:
    # Without a desktop, webbrowser would start a text-mode browser inside this terminal.
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_sandbox(settings: Settings, port: int | None = None, open_browser: bool = True) -> int:
    """Run the sandbox until stopped; returns the exit status."""
    chosen = settings.sandbox_port if port is None else port
    try:
        return asyncio.run(_serve(settings, chosen, open_browser))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"Sandbox: port {chosen} is already in use; try --port with another number", file=sys.stderr)
            return 1
        raise
