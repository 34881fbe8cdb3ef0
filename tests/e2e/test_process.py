"""`python -m bot run` as a real process: answers through the emulator, logs ids only, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.emulator import Emulator

TOKEN = "123456789:AAProcessTestTokenForTheEmulator0001"


async def _run_bot(emu: Emulator, tmp_path: Path, db_url: str, **env: str) -> asyncio.subprocess.Process:
    environ = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": emu.url,
        "DATABASE_URL": db_url,
        "LOG_LEVEL": "DEBUG",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=environ, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )


async def test_run_answers_start_logs_no_secrets_and_stops_on_sigterm(tmp_path: Path, db_url: str) -> None:
    async with Emulator(token=TOKEN, bot_username="b12_test_bot") as emu:
        proc = await _run_bot(emu, tmp_path, db_url)
        try:
            alice = emu.user("Alicia", username="alicia_private")
            await alice.send("/start")
            welcome = await alice.next_bot_message(timeout=30)
            await alice.press(welcome, "I agree")
            await alice.next_bot_message(timeout=10)
            await alice.send("my secret symptom words")
            await alice.next_bot_message(timeout=10)
        finally:
            proc.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    logs = stderr.decode()
    assert proc.returncode == 0, logs[-2000:]
    assert "update handled" in logs
    for secret in (TOKEN, TOKEN.split(":")[1], "Alicia", "alicia_private", "secret symptom"):
        assert secret not in logs


async def test_migrate_command_brings_an_empty_database_to_head(tmp_path: Path, empty_db_url: str) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "migrate", env={**os.environ, "DATABASE_URL": empty_db_url}, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    assert "database is up to date" in stdout.decode()


async def test_webhook_mode_receives_updates_with_the_secret(tmp_path: Path, db_url: str) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    async with Emulator(token=TOKEN, bot_username="b12_test_bot") as emu:
        proc = await _run_bot(
            emu,
            tmp_path,
            db_url,
            WEBHOOK_URL=f"http://127.0.0.1:{port}",
            WEBHOOK_SECRET="s3cret-for-tests",
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port),
        )
        try:
            await emu.state.wait_until(lambda: emu.webhook.url or None, 30)
            assert emu.webhook.url == f"http://127.0.0.1:{port}/telegram"
            alice = emu.user("Alice")
            await alice.send("/start")
            welcome = await alice.next_bot_message(timeout=15)
            assert "I agree" in welcome.button_texts
        finally:
            proc.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    assert "s3cret-for-tests" not in stderr.decode()
