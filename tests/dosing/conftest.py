"""A dose test bed on every configured database backend."""

from __future__ import annotations

import pytest

from bot.db.engine import Database
from flows.clock import FakeClock
from tests.dosing.support import Bed


@pytest.fixture
def bed(db: Database, clock: FakeClock) -> Bed:
    """The dose feature wired into a runtime on a fresh database; the clock starts Monday 2 March 08:00 UTC."""
    return Bed(db, clock)
