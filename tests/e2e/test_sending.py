"""Sending in the running bot: an update is answered without a timer tick, and an URGENT answer overtakes a
morning's backlog of reminders instead of waiting behind it."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select

from bot.db.models import OutboxMessage, User
from flows.consent import CONSENT_VERSION
from flows.messages import Priority
from tests.dosing.support import DAILY, Bed
from tests.e2e.harness import Harness

pytestmark = pytest.mark.e2e

BACKLOG = 150


def _reminders_sent(h: Harness) -> int:
    return sum(1 for c in h.emu.api_log
               if c["method"] == "sendMessage" and c["status"] == 200 and "Time for your B12" in c["params"]["text"])


async def _patients(h: Harness, n: int) -> list[Any]:
    """n patients with a daily 09:00 prescription, written straight to the database."""
    assert h.rt is not None
    bed = Bed(h.rt.db, h.clock)
    bed.rt = h.rt
    sims = []
    for i in range(n):
        sim = h.user(f"P{i}")
        async with h.rt.db.session() as s:
            user = User(telegram_id=sim.id, chat_id=sim.id, first_name="P", timezone="UTC",
                        consent_version=CONSENT_VERSION, consent_at=h.clock.now(), created_at=h.clock.now())
            s.add(user)
            await s.flush()
            user_id = user.id
        await bed.prescribe(user_id, regimen=DAILY)
        sims.append(sim)
    return sims


async def test_an_update_is_answered_without_running_the_timer(h: Harness) -> None:
    assert h.rt is not None
    alice = h.user("Alice")
    await h.idle()
    ticks = h.rt.timer.ticks
    await h.consent(alice)
    reply = await h.say(alice, "/help")
    assert "/settings" in reply.text
    assert h.rt.timer.ticks == ticks


async def test_an_urgent_answer_overtakes_a_morning_of_reminders(h: Harness) -> None:
    assert h.rt is not None
    sims = await _patients(h, BACKLOG)
    alice = h.user("Alice")
    await h.consent(alice)
    alice.mark()
    h.clock.set(h.clock.now().replace(hour=9))  # every reminder falls due at once
    tick = asyncio.create_task(h.rt.timer.tick())
    await alice.wait_for(lambda: _reminders_sent(h) >= 5, timeout=30)  # the backlog is going out
    await alice.send("my throat is closing")
    answer = await alice.next_bot_message(timeout=30)
    sent_before_answer = _reminders_sent(h)
    assert await tick == BACKLOG
    await h.idle(timeout=60)
    async with h.rt.db.session() as s:
        user = await s.scalar(select(User).where(User.telegram_id == alice.id))
        assert user is not None
        first = await s.scalar(select(OutboxMessage).where(OutboxMessage.user_id == user.id,
                                                            OutboxMessage.telegram_message_id == answer.message_id))
    assert first is not None and first.priority == Priority.URGENT
    # Most of the morning was still to go out when the answer arrived (it waited for at most a few sends).
    assert sent_before_answer < BACKLOG // 2
    assert [len(sim.bot_messages()) for sim in sims] == [1] * BACKLOG
