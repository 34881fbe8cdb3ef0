"""Starting and stopping the sandbox: a kept database, a clock that never runs backwards, signals, busy ports."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.config import load_settings
from bot.db.models import User
from bot.sandbox.main import run_sandbox, serving
from bot.sandbox.people import CAST
from bot.sandbox.sandbox import Sandbox
from flows.clock import FakeClock, OffsetClock
from tests.sandbox.conftest import START

PAT = CAST[0].id


async def test_a_restarted_sandbox_keeps_its_data_and_resumes_its_clock(db_url: str) -> None:
    settings = load_settings(env_file=None, sandbox_database_url=db_url)
    first = Sandbox(settings, OffsetClock(FakeClock(START)))
    await first.start()
    await first.advance(timedelta(days=2))
    await first.sim(PAT).send("/start")
    await first.running()[1].idle()
    reached = first.clock.now()
    welcome_id = first.sim(PAT).messages()[-1].message_id
    await first.stop()

    second = Sandbox(settings, OffsetClock(FakeClock(START)))
    await second.start()
    try:
        assert second.clock.now() >= reached
        async with second.running()[1].rt.db.session() as s:
            assert await s.scalar(select(User.first_name).where(User.telegram_id == PAT)) == "Pat"
        # The transcript lives in the emulator, so it starts empty; the bot's memory does not.
        assert second.sim(PAT).messages() == []
        # Message ids carry on past the bot's, so an edit of the old welcome can never hit a new message.
        assert (await second.sim(PAT).send("/help")).message_id > welcome_id
    finally:
        await second.stop()


async def test_serving_picks_a_free_port_and_stops_cleanly(tmp_path: Path) -> None:
    settings = load_settings(env_file=None, sandbox_database_url=f"sqlite+aiosqlite:///{tmp_path / 's.sqlite3'}")
    async with serving(settings, 0) as (sandbox, url):
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert sandbox.emu is not None
    assert sandbox.emu is None and sandbox.bot is None


def test_a_busy_port_is_a_clear_error(tmp_path: Path, capsys) -> None:
    settings = load_settings(env_file=None, sandbox_database_url=f"sqlite+aiosqlite:///{tmp_path / 's.sqlite3'}")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert run_sandbox(settings, port=busy.getsockname()[1], open_browser=False) == 1
    assert "already in use" in capsys.readouterr().err


async def test_sigterm_stops_the_sandbox_gracefully(tmp_path: Path) -> None:
    env = {**os.environ, "SANDBOX_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 's.sqlite3'}", "BOT_TOKEN": "",
           "LOG_LEVEL": "WARNING"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sandbox", "--port", "0", "--no-browser", cwd=Path(__file__).parents[2],
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        line = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
        assert re.match(r"Sandbox: open http://127\.0\.0\.1:\d+ ", line), line
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 15) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
