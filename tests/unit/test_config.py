"""Settings: defaults, normalisation, and one clear line for a bad value."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_use_a_sqlite_file_under_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = load_settings(env_file=None)
    assert settings.database_url == "sqlite+aiosqlite:///./data/bot.sqlite3"
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.bot_token is None


def test_plain_database_urls_get_the_async_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    assert load_settings(env_file=None).database_url == "postgresql+asyncpg://u@h/db"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("BOT_TOKEN", "not-a-token", "BOT_TOKEN: expected the token from @BotFather"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: expected sqlite+aiosqlite"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus", "DEFAULT_TIMEZONE: expected an IANA time zone"),
        ("WEBHOOK_PORT", "eighty", "WEBHOOK_PORT:"),
        ("REMINDER_REPEAT_MINUTES", "soon", "REMINDER_REPEAT_MINUTES: expected comma-separated whole minutes"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL:"),
    ],
)
def test_a_bad_setting_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings(env_file=None)
    assert str(info.value).startswith(expected)
    assert "\n" not in str(info.value)


def test_cli_stops_with_one_line_and_non_zero_status(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "BOT_TOKEN": "123:short", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "configuration error: BOT_TOKEN: expected the token from @BotFather, like 123456:ABC-DEF1234ghIklzyx57W2v1u"
    ]
    assert "Traceback" not in proc.stderr
