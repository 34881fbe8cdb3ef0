"""/settings through the real bot: edits end on a confirm and replan; switches flip; a clinician's new plan."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from bot.db.models import DoseEvent, User
from tests.e2e.harness import Harness
from tests.onboarding.e2e_helpers import answer, onboard, stored, tap

pytestmark = pytest.mark.e2e


async def _scheduled(h: Harness, user_id: int) -> list[str | None]:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        query = select(DoseEvent.local_due).where(DoseEvent.user_id == user_id, DoseEvent.status == "scheduled")
        return list((await s.scalars(query)).all())


async def test_settings_before_set_up_leads_into_it(h: Harness) -> None:
    alice = h.user("Alice")
    await h.consent(alice)
    await answer(h, alice, "/settings")
    assert "Which country" in alice.last_bot_message().text
    assert any("finish setting up" in m.text for m in alice.bot_messages()[-2:])


async def test_changing_the_reminder_time_confirms_then_replans(h: Harness) -> None:
    alice = h.user("Alice")
    await onboard(h, alice)
    user, [rx], _ = await stored(h, alice)
    assert await _scheduled(h, user.id) == ["2026-03-04 09:00"]
    menu = await answer(h, alice, "/settings")
    assert "Reminder time" in menu.button_texts
    await tap(h, alice, "Reminder time")
    summary = await answer(h, alice, "18:30")
    assert "Nothing changes until you tap Save" in summary.text and "18:30" in summary.text
    user, [same], _ = await stored(h, alice)
    assert same.reminder_time == "09:00"  # not yet
    reply = await tap(h, alice, "Save the change")
    assert "Future reminders follow the change" in reply.text
    user, [same], conversation = await stored(h, alice)
    assert conversation is None and same.id == rx.id and same.reminder_time == "18:30"
    assert await _scheduled(h, user.id) == ["2026-03-04 18:30"]


async def test_switches_flip_in_place(h: Harness) -> None:
    bob = h.user("Bob")
    await onboard(h, bob)
    menu = await answer(h, bob, "/settings")
    assert "Checklist before each injection: on" in menu.button_texts
    edited = await tap(h, bob, "Checklist before each injection")
    assert edited.message_id == menu.message_id and "Checklist before each injection: off" in edited.button_texts
    await tap(h, bob, "Reminder the day before")
    await tap(h, bob, "Keep home time")
    user, _, _ = await stored(h, bob)
    assert (user.checklist_enabled, user.heads_up_enabled, user.home_timezone) == (False, True, None)
    await tap(h, bob, "Keep home time")
    user, _, _ = await stored(h, bob)
    assert user.home_timezone == "Europe/London"


async def test_a_clinician_change_clears_the_review_and_starts_a_new_plan(h: Harness) -> None:
    carol = h.user("Carol")
    await onboard(h, carol)
    user, [old], _ = await stored(h, carol)
    assert h.rt is not None
    async with h.rt.db.session() as s:
        await s.execute(update(User).where(User.id == user.id).values(review_pending=True))
        await s.commit()
    menu = await answer(h, carol, "/settings")
    assert "paused until you enter the plan" in menu.text
    reply = await tap(h, carol, "My clinician changed my plan")
    assert "Your reminders start again once you save it" in reply.text
    await tap(h, carol, "every 2 months")
    await tap(h, carol, "planned date")
    await tap(h, carol, "Today")
    await tap(h, carol, "Save the change")
    user, [ended, current], _ = await stored(h, carol)
    assert not user.review_pending
    assert ended.id == old.id and not ended.active and ended.ended_at == h.clock.now()
    assert current.active and current.regimen["template_id"] == "uk_no_neuro_2m"
    assert current.sites == old.sites and current.reminder_time == old.reminder_time


async def test_cancel_in_the_middle_of_a_settings_edit_changes_nothing(h: Harness) -> None:
    dave = h.user("Dave")
    await onboard(h, dave)
    await answer(h, dave, "/settings")
    await tap(h, dave, "Country and time zone")
    await answer(h, dave, "France")
    await answer(h, dave, "/cancel")
    user, [rx], conversation = await stored(h, dave)
    assert conversation is None and (user.country, user.timezone) == ("GB", "Europe/London")
    assert rx.active


async def test_travelling_keeps_home_time(h: Harness) -> None:
    erin = h.user("Erin")
    await onboard(h, erin)
    await answer(h, erin, "/settings")
    await tap(h, erin, "Country and time zone")
    await answer(h, erin, "France")
    reply = await tap(h, erin, "Paris")
    assert "travelling" in reply.text
    await tap(h, erin, "Travelling")
    await tap(h, erin, "Save the change")
    user, _, _ = await stored(h, erin)
    assert (user.country, user.timezone, user.home_timezone) == ("FR", "Europe/Paris", "Europe/London")
    assert await _scheduled(h, user.id) == ["2026-03-04 09:00"]  # still 09:00 London time
