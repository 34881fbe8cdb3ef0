"""An empty, migrated benchmark database: the SQLite file removed, or PostgreSQL's public schema recreated."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import text

from bot.db import migrate
from bot.db.engine import Database


def _forget(sqlite_file: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)


async def fresh(url: str) -> None:
    """Start a benchmark run from nothing (never point this at a real bot's database)."""
    db = Database(url)
    if db.dialect == "sqlite":
        await asyncio.to_thread(_forget, str(db.engine.url.database))
    else:
        async with db.engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await migrate.upgrade(db)
    await db.dispose()
