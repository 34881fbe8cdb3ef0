"""How fast `python -m bot run` answers /start: real processes, the emulator standing in for Telegram.

Run: .venv/bin/python bench/bench_reply_latency.py [--users 20]
Starts `python -m bot.emulator` and `python -m bot run` (temporary SQLite database) as subprocesses, sends
/start from N simulated users through the emulator's control API one after another, and prints the median and
worst time from the user's message to the bot's reply, and whether each consent press was stored.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TOKEN = "123456789:AAEmulatorTestTokenForLocalUseOnly00"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(base: str, path: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def _wait_reply(base: str, chat: int, after: int, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msgs = [m for m in _call(base, f"/_emu/chats/{chat}/messages")["messages"] if m["from_bot"]]
        if len(msgs) > after:
            return msgs[after]
        time.sleep(0.005)
    raise TimeoutError("no reply")


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    tmp = Path(tempfile.mkdtemp())
    env = {**os.environ, "BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": base, "LOG_LEVEL": "WARNING",
           "DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'bench.sqlite3'}"}
    emu = subprocess.Popen([sys.executable, "-m", "bot.emulator", "--port", str(port)], stdout=subprocess.PIPE)
    bot = None
    try:
        emu.stdout.readline()  # the emulator prints its address once it listens
        bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp)
        times = []
        for i in range(args.users):
            user = _call(base, "/_emu/users", {"first_name": f"User{i}"})
            chat = user["chat_id"]
            start = time.perf_counter()
            _call(base, f"/_emu/chats/{chat}/send", {"text": "/start"})
            welcome = _wait_reply(base, chat, 0, timeout=30 if i == 0 else 10)
            times.append(time.perf_counter() - start)
            _call(base, f"/_emu/chats/{chat}/press", {"message_id": welcome["message_id"], "text": "I agree"})
            _wait_reply(base, chat, 1)
        stored = sqlite3.connect(tmp / "bench.sqlite3").execute("select count(*) from consents").fetchone()[0]
        warm = times[1:] or times
        print(f"/start → welcome over {len(times)} users: first {times[0] * 1000:.0f} ms (includes start-up), "
              f"median {statistics.median(warm) * 1000:.1f} ms, worst {max(warm) * 1000:.1f} ms")
        print(f"consents stored: {stored}/{len(times)}")
        return 0 if stored == len(times) and max(warm) < 1.0 else 1
    finally:
        for proc in (bot, emu):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
