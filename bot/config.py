"""Settings from the environment and `.env`; a bad value stops the program with one clear line."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable and what is expected."""


def _minutes_list(value: object) -> tuple[int, ...]:
    if isinstance(value, list | tuple):
        items = [str(v) for v in value]
    else:
        items = [p for p in str(value).replace(" ", "").split(",") if p]
    if not all(p.isdigit() for p in items):
        raise ValueError("expected comma-separated whole minutes, e.g. 30,120")
    return tuple(int(p) for p in items)


class Settings(BaseSettings):
    """Every setting the bot reads; see .env.example for the documented list."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str | None = Field(default=None, repr=False)
    database_url: str = "sqlite+aiosqlite:///./data/bot.sqlite3"
    telegram_api_url: str = "https://api.telegram.org"
    default_timezone: str = "UTC"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    webhook_url: str | None = None
    webhook_secret: str | None = Field(default=None, repr=False)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    sandbox_port: int = Field(default=8765, ge=0, le=65535)
    sandbox_database_url: str = "sqlite+aiosqlite:///./data/sandbox.sqlite3"
    reminder_repeat_minutes: Annotated[tuple[int, ...], NoDecode] = (30, 120)
    missed_after_minutes: int = Field(default=360, ge=5)
    checkin_minutes: Annotated[tuple[int, ...], NoDecode] = (30, 1440, 4320)
    invite_ttl_hours: int = Field(default=48, ge=1, le=24 * 30)
    low_stock_doses: int = Field(default=2, ge=0)
    # Telegram allows about 30 messages a second per bot and about 1 a second per chat (short bursts pass).
    send_per_second: float = Field(default=30.0, gt=0, le=1000)
    send_per_chat_per_second: float = Field(default=1.0, gt=0, le=1000)
    send_chat_burst: int = Field(default=2, ge=1, le=20)
    send_concurrency: int = Field(default=8, ge=1, le=64)

    @field_validator("bot_token")
    @classmethod
    def _token(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        if not TOKEN_RE.match(v):
            raise ValueError("expected the token from @BotFather, like 123456:ABC-DEF1234ghIklzyx57W2v1u")
        return v

    @field_validator("database_url", "sandbox_database_url")
    @classmethod
    def _db_url(cls, v: str) -> str:
        v = v.strip()
        for plain, driver in (
            ("postgres://", "postgresql+asyncpg://"),
            ("postgresql://", "postgresql+asyncpg://"),
            ("sqlite:///", "sqlite+aiosqlite:///"),
        ):
            if v.startswith(plain):
                v = driver + v[len(plain) :]
        if not v.startswith(("sqlite+aiosqlite:///", "postgresql+asyncpg://")):
            raise ValueError("expected sqlite+aiosqlite:///path/to/file.sqlite3 or postgresql+asyncpg://user@host/db")
        return v

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+", v):
            raise ValueError("expected an http(s) URL such as https://api.telegram.org")
        return v.rstrip("/")

    @field_validator("default_timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("expected an IANA time zone name such as Europe/London") from None
        return v

    @field_validator("webhook_url")
    @classmethod
    def _webhook(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        if not re.match(r"^https?://[^\s/]+", v):
            raise ValueError("expected the public https URL Telegram should post updates to")
        return v

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        if not SECRET_RE.match(v):
            raise ValueError("expected 1-256 characters from A-Z, a-z, 0-9, _ and -")
        return v

    @field_validator("reminder_repeat_minutes", "checkin_minutes", mode="before")
    @classmethod
    def _minutes(cls, v: object) -> tuple[int, ...]:
        return _minutes_list(v)


def load_settings(env_file: str | None = ".env", **overrides: object) -> Settings:
    """Read settings, turning any validation error into a one-line ConfigError."""
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "settings"
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{name}: {msg}") from None
