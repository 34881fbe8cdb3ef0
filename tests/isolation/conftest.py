"""Fixtures for the privacy tests: the real bot polling the emulator on a fresh database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from flows.clock import FakeClock
from tests.e2e.harness import Harness, running_bot


@pytest.fixture
async def h(db_url: str, clock: FakeClock) -> AsyncIterator[Harness]:
    """A running bot on a fresh database."""
    async with running_bot(db_url, clock) as harness:
        yield harness
