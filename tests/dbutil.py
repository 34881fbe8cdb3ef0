"""Fresh, migrated databases for tests: a SQLite file, and PostgreSQL when TEST_DATABASE_URL is set.

Migrating from scratch for every test is slow on PostgreSQL, so the schema is built once per test run with the
real Alembic scripts; later tests start from that schema with every table emptied (PostgreSQL) or from a copy of
the freshly migrated file (SQLite). `empty_url` gives a database with no schema at all, for migration tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.db import migrate
from bot.db.engine import Database
from bot.db.models import Base

_state: dict[str, object] = {}


def backends() -> list[str]:
    """SQLite always; PostgreSQL too when TEST_DATABASE_URL names one."""
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


async def _pg_url() -> str:
    """TEST_DATABASE_URL, or under pytest-xdist a database of this worker's own next to it (created once)."""
    url = os.environ["TEST_DATABASE_URL"]
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    if not _state.get("pg_worker_db"):
        engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            found = await conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not found:
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
        await engine.dispose()
        _state["pg_worker_db"] = True
    return base.set(database=name).render_as_string(hide_password=False)


async def empty_url(backend: str, tmp_path: Path) -> str:
    """A URL to a database with no tables at all."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
    url = await _pg_url()
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await db.dispose()
    _state.pop("pg_migrated", None)
    return url


async def _sqlite_template() -> Path:
    template = _state.get("sqlite_template")
    if isinstance(template, Path) and template.exists():
        return template
    folder = Path(tempfile.mkdtemp(prefix="b12-template-"))
    path = folder / "template.sqlite3"
    db = Database(f"sqlite+aiosqlite:///{path}")
    await migrate.upgrade(db)
    async with db.engine.begin() as conn:
        await conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    await db.dispose()
    _state["sqlite_template"] = path
    return path


async def fresh_url(backend: str, tmp_path: Path) -> str:
    """A URL to a database at the newest migration with no rows in it."""
    if backend == "sqlite":
        target = tmp_path / "test.sqlite3"
        shutil.copyfile(await _sqlite_template(), target)
        return f"sqlite+aiosqlite:///{target}"
    url = await _pg_url()
    if not _state.get("pg_migrated"):
        await empty_url(backend, tmp_path)
        db = Database(url)
        await migrate.upgrade(db)
        await db.dispose()
        _state["pg_migrated"] = True
        return url
    db = Database(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    async with db.engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await db.dispose()
    return url


async def migrated(backend: str, tmp_path: Path) -> Database:
    """A Database at the newest migration, empty."""
    db = Database(await fresh_url(backend, tmp_path))
    await migrate.upgrade(db)
    return db
