"""Run a standalone emulator: python -m bot.emulator --port 8081 [--token T] [--username NAME]."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .emulator import DEFAULT_TOKEN, Emulator


async def _serve(args: argparse.Namespace) -> None:
    emu = Emulator(args.token, args.username, args.name)
    for name in args.user or []:
        emu.user(name)
    await emu.start(args.host, args.port)
    print(f"Bot API emulator for @{args.username} at {emu.url}  (base_url {emu.bot_base_url}, control {emu.url}/_emu/)",
          flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emu.stop()


def main() -> None:
    """Parse arguments and serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m bot.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="b12_test_bot")
    parser.add_argument("--name", default="B12 Companion", help="the bot's first_name")
    parser.add_argument("--user", action="append", help="pre-create a simulated user with this first name")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
