"""Storage: migrations apply on every backend, SQLite runs with WAL and foreign keys, rows hang off users."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from bot.db import migrate
from bot.db.engine import Database
from bot.db.models import Base, Consent, User
from tests.dbutil import migrated

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def test_migrations_reach_head_from_nothing_and_are_idempotent(empty_db_url: str) -> None:
    db = Database(empty_db_url)
    try:
        assert await migrate.current_revision(db) is None
        await migrate.upgrade(db)
        first = await migrate.current_revision(db)
        await migrate.upgrade(db)
        assert first == ScriptDirectory.from_config(migrate.alembic_config(empty_db_url)).get_current_head()
        assert await migrate.current_revision(db) == first
    finally:
        await db.dispose()


async def test_schema_matches_the_models(db: Database) -> None:
    def tables(conn):
        from sqlalchemy import inspect

        return set(inspect(conn).get_table_names())

    async with db.engine.connect() as conn:
        found = await conn.run_sync(tables)
    assert set(Base.metadata.tables) <= found


async def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = await migrated("sqlite", tmp_path)
    try:
        async with db.engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    finally:
        await db.dispose()


async def test_a_row_for_a_missing_user_is_refused(db: Database) -> None:
    with pytest.raises(IntegrityError):
        async with db.session() as s:
            s.add(Consent(user_id=999_999, version="x", given_at=NOW))


async def test_deleting_a_user_erases_their_rows(db: Database) -> None:
    async with db.session() as s:
        user = User(telegram_id=42, chat_id=42, first_name="A", created_at=NOW)
        s.add(user)
        await s.flush()
        s.add(Consent(user_id=user.id, version="v", given_at=NOW))
    async with db.session() as s:
        await s.delete(await s.scalar(select(User)))
    async with db.session() as s:
        assert (await s.scalars(select(Consent))).all() == []


async def test_datetimes_come_back_aware_utc(db: Database) -> None:
    async with db.session() as s:
        s.add(User(telegram_id=7, chat_id=7, first_name="B", created_at=NOW))
    async with db.session() as s:
        user = await s.scalar(select(User))
        assert user is not None and user.created_at == NOW and user.created_at.tzinfo is not None
