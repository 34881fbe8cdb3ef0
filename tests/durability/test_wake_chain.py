"""The timer always arms its next wake-up, and every instance can hold claims whatever its hostname."""

from __future__ import annotations

import socket
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.app import wire
from bot.config import load_settings
from bot.db.engine import Database
from bot.runtime import Runtime
from bot.timer import RETRY_WAKE
from flows.clock import FakeClock
from tests.durability.support import fleet


class FakeJobQueue:
    """Records the one wake-up job the timer keeps armed."""

    def __init__(self) -> None:
        self.jobs: list[Any] = []

    def get_jobs_by_name(self, _name: str) -> list[Any]:
        return self.jobs

    def run_once(self, callback: Any, when: float, name: str) -> None:
        self.jobs = [SimpleNamespace(callback=callback, when=when, schedule_removal=lambda: None)]


async def test_a_database_failure_during_a_wake_up_still_arms_the_next_one(
    db_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with fleet(db_url, clock) as f:
        [pat] = await f.patients(1, clock)
        queue = FakeJobQueue()
        f.a.app = SimpleNamespace(bot=f.a.bot, job_queue=queue)  # type: ignore[assignment]
        clock.advance(timedelta(hours=1))
        real_claim = f.a.timer._claim

        async def down(*_a: Any, **_k: Any) -> list[int]:
            raise OperationalError("SELECT", {}, ConnectionError("server closed the connection"))

        monkeypatch.setattr(f.a.timer, "_claim", down)
        with pytest.raises(OperationalError):
            await f.a.timer.tick()
        [job] = queue.jobs
        assert job.when == RETRY_WAKE.total_seconds()  # soon, but not a busy loop against a failing database
        monkeypatch.setattr(f.a.timer, "_claim", real_claim)
        clock.advance(RETRY_WAKE)
        await job.callback(None)
        await f.sent_by(f.a)
        assert len(f.sims[pat].bot_messages()) == 1


async def test_an_instance_on_a_host_with_a_long_name_still_claims_work(
    db_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with fleet(db_url, clock) as f:
        [pat] = await f.patients(1, clock)
        # Kubernetes pod names run to 63 characters; the claim column holds 64.
        pod = "b12-companion-production-deployment-7d8f9c6b5d-x2x4q-eu-west-1a"
        monkeypatch.setattr(socket, "gethostname", lambda: pod)
        rt = Runtime(settings=load_settings(env_file=None), db=Database(db_url), clock=clock)
        twin = Runtime(settings=load_settings(env_file=None), db=rt.db, clock=clock)
        assert rt.instance != twin.instance  # same host and pid (a container, a restart): still two owners
        wire(rt)
        rt.app = f.a.app
        clock.advance(timedelta(hours=1))
        try:
            assert await f.tick(rt) == 1
        finally:
            await rt.sender.stop()
            await rt.db.dispose()
        assert len(f.sims[pat].bot_messages()) == 1
