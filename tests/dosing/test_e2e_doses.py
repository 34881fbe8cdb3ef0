"""End to end through the Bot API emulator: reminders on time, Taken/snooze/skip/missed, restarts, DST, forgery."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from bot.context import Ctx
from bot.db.models import DoseEvent, Prescription, User
from bot.dosing import planner
from flows.clock import FakeClock
from flows.regimen import Regimen
from tests.dosing.support import DAILY, WEEKLY
from tests.e2e.harness import Harness, running_bot
from tests.onboarding.e2e_helpers import onboard

pytestmark = pytest.mark.e2e


@pytest.fixture
async def h(db_url: str, clock: FakeClock) -> AsyncIterator[Harness]:
    """The real bot polling the emulator, on a fresh database, with the fake clock."""
    async with running_bot(db_url, clock) as harness:
        yield harness


async def _patient(h: Harness, name: str = "Alice") -> Any:
    u = h.user(name)
    await h.consent(u)
    return u


async def _prescribe(h: Harness, u: Any, *, regimen: Regimen = WEEKLY, start: date | None = None,
                     tz: str = "Europe/London") -> None:
    """What onboarding does on confirmation: store the prescription and the zone, then replan."""
    assert h.rt is not None
    async with h.rt.db.session() as s:
        user = await s.scalar(select(User).where(User.telegram_id == u.id))
        assert user is not None
        user.timezone = tz
        p = Prescription(
            user_id=user.id, product="hydroxocobalamin", strength="1 mg/1 mL", dose_ml=Decimal("1"), route="IM",
            sites=["thigh", "outer_hip"], regimen=regimen.to_dict(), start_date=start or h.clock.now().date(),
            reminder_time="09:00", created_at=h.clock.now(),
        )
        s.add(p)
        await s.flush()
        ctx = Ctx(h.rt, s, user, h.clock.now())
        await planner.replan(ctx, p)
        await ctx.flush()
    await h.idle()


async def _events(h: Harness, u: Any) -> list[DoseEvent]:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        user = await s.scalar(select(User).where(User.telegram_id == u.id))
        assert user is not None
        rows = await s.scalars(select(DoseEvent).where(DoseEvent.user_id == user.id).order_by(DoseEvent.id))
        return list(rows.all())


async def _tap(h: Harness, u: Any, message: Any, label: str) -> Any:
    u.mark()
    await u.press(message, label)
    await h.idle()
    return await u.next_bot_message()


def _reminders(u: Any) -> list[Any]:
    return [m for m in u.bot_messages() if m.text and ("Time for your B12" in m.text or "not logged yet" in m.text)]


async def test_reminder_on_time_then_taken_logs_site_and_route_and_next_is_right(h: Harness) -> None:
    alice = await _patient(h)
    await _prescribe(h, alice)
    await h.advance(timedelta(minutes=59))
    assert _reminders(alice) == []
    alice.mark()
    await h.advance(timedelta(minutes=1))
    reminder = await alice.wait_for(lambda m: "Time for your B12" in (m.text or ""))
    assert "into the muscle (IM)" in reminder.text and "Suggested site: Thigh" in reminder.text
    assert [t for row in reminder.buttons for t, _ in row] == [
        "Taken", "Snooze 15 min", "Snooze 1 hour", "Skip", "Checklist"]
    ask_site = await _tap(h, alice, reminder, "Taken")
    assert "Where did you inject?" in ask_site.text
    ask_route = await _tap(h, alice, ask_site, "Thigh (suggested)")
    ask_batch = await _tap(h, alice, ask_route, "into the muscle (IM)")
    ask_time = await _tap(h, alice, ask_batch, "Skip")
    logged = await _tap(h, alice, ask_time, "Just now")
    assert "Logged" in logged.text and "Thigh" in logged.text and "into the muscle (IM)" in logged.text
    [taken, following] = await _events(h, alice)
    assert (taken.status, taken.site, taken.route, taken.taken_at) == ("taken", "thigh", "IM", h.clock.now())
    assert following.status == "scheduled"
    nxt = await h.say(alice, "/next")
    assert "Your next dose is Monday 9 March at 09:00 (Europe/London time)" in nxt.text


async def test_snooze_skip_and_missed_with_repeats(h: Harness) -> None:
    alice = await _patient(h)
    await _prescribe(h, alice, regimen=DAILY)
    await h.advance(timedelta(hours=1))
    reminder = _reminders(alice)[-1]
    snoozed = await _tap(h, alice, reminder, "Snooze 15 min")
    assert "15 minutes (at 09:15)" in snoozed.text
    await h.advance(timedelta(minutes=15))
    assert len(_reminders(alice)) == 2
    ask = await _tap(h, alice, _reminders(alice)[-1], "Skip")
    done = await _tap(h, alice, ask, "Away from home")
    assert "skipped" in done.text and "Tuesday 3 March at 09:00" in done.text
    # Tuesday: nobody answers; repeats at 09:30 and 11:00, missed at 15:00.
    await h.advance(timedelta(days=1) - timedelta(minutes=15))
    for step in (timedelta(minutes=30), timedelta(minutes=90)):
        await h.advance(step)
    assert len(_reminders(alice)) == 5
    alice.mark()
    await h.advance(timedelta(hours=4))
    missed = await alice.wait_for(lambda m: "marked it as missed" in (m.text or ""))
    assert "Do not double up" in missed.text
    statuses = [e.status for e in await _events(h, alice)]
    assert statuses == ["skipped", "missed", "scheduled"]


async def test_a_restart_mid_schedule_delivers_each_due_reminder_exactly_once(h: Harness) -> None:
    alice = await _patient(h)
    await _prescribe(h, alice)
    await h.advance(timedelta(hours=1))
    assert len(_reminders(alice)) == 1
    await h.restart()
    await h.advance(timedelta(minutes=1))
    assert len(_reminders(alice)) == 1
    # Down from 09:01 to 12:00: the 09:30 and 11:00 repeats fell due meanwhile; one message says so.
    await h.stop()
    h.clock.set(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    await h.start()
    await h.idle()
    await alice.wait_for(lambda: len(_reminders(alice)) == 2)
    assert "it was due at Monday 2 March at 09:00" in _reminders(alice)[-1].text
    await h.restart()
    await h.advance(timedelta(hours=2, minutes=59))
    assert len(_reminders(alice)) == 2
    await h.restart()
    await h.advance(timedelta(minutes=1))
    await alice.wait_for(lambda m: "marked it as missed" in (m.text or ""), since=0)
    await h.restart()
    await h.advance(timedelta(minutes=5))
    assert len([m for m in alice.bot_messages() if "marked it as missed" in (m.text or "")]) == 1
    assert len(_reminders(alice)) == 2


async def test_a_0900_london_reminder_across_the_march_change(h: Harness) -> None:
    h.clock.set(datetime(2026, 3, 28, 8, 0, tzinfo=UTC))
    alice = await _patient(h)
    await _prescribe(h, alice, regimen=DAILY, start=date(2026, 3, 28))
    await h.advance(timedelta(minutes=59))
    assert _reminders(alice) == []
    await h.advance(timedelta(minutes=1))  # 09:00 GMT = 09:00 UTC
    assert len(_reminders(alice)) == 1
    await _tap(h, alice, _reminders(alice)[-1], "Skip")
    await alice.press(alice.last_bot_message(), "Another reason")
    await h.idle()
    h.clock.set(datetime(2026, 3, 29, 7, 59, tzinfo=UTC))
    await h.advance(timedelta(0))
    assert len(_reminders(alice)) == 1
    await h.advance(timedelta(minutes=1))  # 09:00 BST = 08:00 UTC
    assert len(_reminders(alice)) == 2
    [saturday, sunday] = await _events(h, alice)
    assert (saturday.local_due, saturday.due_at) == ("2026-03-28 09:00", datetime(2026, 3, 28, 9, 0, tzinfo=UTC))
    assert (sunday.local_due, sunday.due_at) == ("2026-03-29 09:00", datetime(2026, 3, 29, 8, 0, tzinfo=UTC))


async def test_a_forged_press_on_another_persons_dose_is_refused_and_changes_nothing(h: Harness) -> None:
    alice, mallory = await _patient(h, "Alice"), await _patient(h, "Mallory")
    await _prescribe(h, alice)
    await h.advance(timedelta(hours=1))
    [dose] = [e for e in await _events(h, alice) if e.status == "reminded"]
    mallory.mark()
    await mallory.press(mallory.last_bot_message(), f"d:t:{dose.id}", forge=True)
    await h.idle()
    reply = await mallory.next_bot_message()
    assert "no longer valid" in reply.text
    [after] = [e for e in await _events(h, alice) if e.id == dose.id]
    assert (after.status, after.site, after.taken_at, after.logged_by) == ("reminded", None, None, None)


async def test_supplies_are_asked_again_on_bad_input_then_stored(h: Harness) -> None:
    alice = h.user("Alice")
    await onboard(h, alice)
    assert "How many ampoules do you have?" in (await h.say(alice, "/supplies")).text
    assert "whole number, for example 5" in (await h.say(alice, "lots")).text
    assert "a few words are enough" in (await h.say(alice, "x" * 4096)).text
    assert "Saved: 5 ampoule(s)" in (await h.say(alice, "5")).text
    assert h.rt is not None
    async with h.rt.db.session() as s:
        prescription = await s.scalar(select(Prescription).where(Prescription.active.is_(True)))
        assert prescription is not None and prescription.supplies.get("ampoules") == 5
