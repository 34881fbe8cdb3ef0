"""Two instances tick at once on one database: every due reminder runs once and every message arrives once."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from bot.db.models import DoseEvent
from flows.clock import FakeClock
from tests.durability.support import count, fleet, outbox_rows, tasks

PATIENTS = 40


async def test_two_instances_ticking_together_send_each_reminder_exactly_once(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        ids = await f.patients(PATIENTS, clock)
        clock.advance(timedelta(hours=1))  # 09:00: every first reminder is due
        ran = Counter[str]()
        for _ in range(5):
            a1, b1, a2, b2 = await asyncio.gather(
                f.a.timer.tick(), f.b.timer.tick(), f.a.timer.tick(), f.b.timer.tick()
            )
            ran.update(a=a1 + a2, b=b1 + b2)
        await f.sent_by(f.a, f.b)  # both senders at once, on the same rows
        assert ran["a"] + ran["b"] == PATIENTS
        per_chat = Counter(len(f.sims[uid].bot_messages()) for uid in ids)
        assert per_chat == {1: PATIENTS}
        assert all("Time for your B12" in f.sims[uid].bot_messages()[0].text for uid in ids)
        done = await tasks(f.a, kind="dose.remind", status="done")
        assert len(done) == PATIENTS
        assert {t.claimed_by for t in done} == {None}
        assert await count(f.a, DoseEvent, reminders_sent=1) == PATIENTS
        sent = await outbox_rows(f.a)
        assert len(sent) == PATIENTS and {r.status for r in sent} == {"sent"}
        assert await f.a.timer.tick() == 0 and await f.b.timer.tick() == 0
