"""Forget everything the sandbox bot stored: delete its SQLite file, or drop its tables elsewhere."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData
from sqlalchemy.engine import make_url

from bot.db.engine import make_engine


async def wipe_database(url: str) -> None:
    """Delete the sandbox database; the next start migrates a fresh one."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            base = Path(parsed.database)
            for path in (base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")):
                path.unlink(missing_ok=True)
        return
    # Another server: drop only the tables that exist there (ours, including alembic_version), never the schema.
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            meta = MetaData()
            await conn.run_sync(meta.reflect)
            await conn.run_sync(meta.drop_all)
    finally:
        await engine.dispose()
