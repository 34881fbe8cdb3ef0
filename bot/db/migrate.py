"""Apply Alembic migrations programmatically, sharing the application's async engine."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

from bot.db.engine import Database

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Any constant works; it only has to be the same in every instance so two never migrate at once.
PG_LOCK_ID = 7_212_012


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at bot/migrations for a database URL."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _upgrade(connection: Connection, cfg: Config, revision: str) -> None:
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)


async def upgrade(db: Database, revision: str = "heads") -> None:
    """Bring the schema to `revision` (default: the newest)."""
    cfg = alembic_config(db.url)
    async with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_ID})
        await conn.run_sync(_upgrade, cfg, revision)


async def current_revision(db: Database) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    async with db.engine.connect() as conn:
        has_table = await conn.run_sync(lambda c: c.dialect.has_table(c, "alembic_version"))
        if not has_table:
            return None
        return (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
