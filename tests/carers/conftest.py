"""Fixtures for the carers tests: a test bed on every configured backend, and the real bot for end-to-end runs."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.db.engine import Database
from flows.clock import FakeClock
from tests.carers.support import CareBed
from tests.e2e.harness import Harness, running_bot


@pytest.fixture
def bed(db: Database, clock: FakeClock) -> CareBed:
    """The whole bot wired on a fresh database, without Telegram."""
    return CareBed(db, clock)


@pytest.fixture
async def h(db_url: str, clock: FakeClock) -> AsyncIterator[Harness]:
    """The real bot polling the emulator on a fresh database."""
    async with running_bot(db_url, clock) as harness:
        yield harness
