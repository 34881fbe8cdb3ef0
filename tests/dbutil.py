"""Fresh, migrated databases for tests: a SQLite file, and PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import text

from bot.db import migrate
from bot.db.engine import Database


def backends() -> list[str]:
    """SQLite always; PostgreSQL too when TEST_DATABASE_URL names one."""
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


async def fresh_url(backend: str, tmp_path: Path) -> str:
    """A URL to an empty database of the given backend."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
    url = os.environ["TEST_DATABASE_URL"]
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await db.dispose()
    return url


async def migrated(backend: str, tmp_path: Path) -> Database:
    """A Database at the newest migration."""
    db = Database(await fresh_url(backend, tmp_path))
    await migrate.upgrade(db)
    return db
