"""Sandbox fixtures: a started Sandbox on a fresh database with a deterministic fast-forward clock, and a client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.config import load_settings
from bot.sandbox.sandbox import Sandbox
from bot.sandbox.web import build_web_app
from flows.clock import FakeClock, OffsetClock

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def real_time() -> FakeClock:
    """Stands in for the wall clock under the sandbox's OffsetClock, so times are exact."""
    return FakeClock(START)


@pytest.fixture
async def sandbox(db_url: str, real_time: FakeClock) -> AsyncIterator[Sandbox]:
    """A running sandbox (emulator, cast, bot) on an empty database."""
    settings = load_settings(env_file=None, sandbox_database_url=db_url)
    box = Sandbox(settings, OffsetClock(real_time))
    await box.start()
    yield box
    await box.stop()


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[TestClient]:
    """An HTTP client for the sandbox's web app."""
    async with TestClient(TestServer(build_web_app(sandbox))) as test_client:
        yield test_client
