"""Shared fixtures: a migrated database on every configured backend, and a fake clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.db.engine import Database
from flows.clock import FakeClock
from tests.dbutil import backends, empty_url, fresh_url, migrated


@pytest.fixture(params=backends())
def backend(request: pytest.FixtureRequest) -> str:
    """Each database test runs once per backend."""
    return request.param


@pytest.fixture
async def db(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    """A freshly migrated database."""
    database = await migrated(backend, tmp_path)
    yield database
    await database.dispose()


@pytest.fixture
async def db_url(backend: str, tmp_path: Path) -> str:
    """The URL of an empty database (the bot migrates it itself on start)."""
    return await fresh_url(backend, tmp_path)


@pytest.fixture
def clock() -> FakeClock:
    """A clock frozen at a known Monday morning."""
    return FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))


@pytest.fixture
async def empty_db_url(backend: str, tmp_path: Path) -> str:
    """The URL of a database with no schema at all, for migration tests."""
    return await empty_url(backend, tmp_path)
