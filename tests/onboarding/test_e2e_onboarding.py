"""The set-up through the real bot and the emulator: consent → questions → summary → stored rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.db.models import DoseEvent
from flows.regimen import template_regimen
from tests.e2e.harness import Harness
from tests.onboarding.e2e_helpers import answer, onboard, stored, tap

pytestmark = pytest.mark.e2e


async def test_consent_leads_into_the_set_up_and_confirm_stores_everything(h: Harness) -> None:
    alice = h.user("Alice")
    await h.consent(alice)
    question = alice.last_bot_message()
    assert "Which country" in question.text and "United Kingdom" in question.button_texts
    assert "takes about two minutes" in question.text
    await tap(h, alice, "United Kingdom")
    await tap(h, alice, "London")
    await tap(h, alice, "Hydroxocobalamin")
    reply = await tap(h, alice, "1 mg/mL")
    assert "in mL" in reply.text
    reply = await answer(h, alice, "lots")
    assert "for example 1 or 0.5" in reply.text
    reply = await answer(h, alice, "1")
    assert "(IM)" in reply.button_texts[0]
    reply = await tap(h, alice, "(SC)")
    assert "muscle (IM) only" in reply.text
    await tap(h, alice, "Change to")
    sites = await tap(h, alice, "Thigh")
    assert sites.edited and any(t.startswith("✅ Thigh") for t in sites.button_texts)
    await tap(h, alice, "Outer hip")
    await tap(h, alice, "Done")
    await tap(h, alice, "every 3 months")
    reply = await tap(h, alice, "planned date")
    assert "first dose" in reply.text
    reply = await answer(h, alice, "2026-02-30")
    assert "couldn't read that date" in reply.text
    await tap(h, alice, "Tomorrow")
    reply = await answer(h, alice, "25:99")
    assert "couldn't read that time" in reply.text
    summary = await answer(h, alice, "21:15")
    assert "Nothing is saved until you tap Save" in summary.text
    assert "Thigh (outer side), Outer hip" in summary.text and "21:15" in summary.text

    _, prescriptions, conversation = await stored(h, alice)
    assert prescriptions == [] and conversation is not None and conversation.state == "confirm"

    reply = await tap(h, alice, "Save")
    assert "prescription is saved" in reply.text or "/schedule" in reply.text
    user, [rx], conversation = await stored(h, alice)
    assert conversation is None
    assert (rx.product, rx.product_name, rx.strength, rx.dose_ml, rx.route) == (
        "hydroxocobalamin", None, "1 mg/mL", Decimal("1.00"), "im"
    )
    assert rx.sites == ["thigh", "outer_hip"] and rx.active and rx.ended_at is None
    assert rx.regimen == template_regimen("uk_no_neuro_3m").to_dict()
    assert rx.start_date == date(2026, 3, 3) and rx.reminder_time == "21:15"
    assert (user.country, user.timezone, user.home_timezone) == ("GB", "Europe/London", "Europe/London")
    assert h.rt is not None
    async with h.rt.db.session() as s:
        planned = (await s.scalars(select(DoseEvent).where(DoseEvent.prescription_id == rx.id))).all()
    # The planner turned the new prescription into the next dose: Wednesday (Mon/Wed/Fri from Tuesday).
    assert [e.local_due for e in planned if e.status == "scheduled"] == ["2026-03-04 21:15"]


async def test_cancel_midway_stores_nothing(h: Harness) -> None:
    bob = h.user("Bob")
    await h.consent(bob)
    await tap(h, bob, "United Kingdom")
    await tap(h, bob, "London")
    await tap(h, bob, "Cyanocobalamin")
    reply = await answer(h, bob, "/cancel")
    assert "Nothing from that step was saved" in reply.text
    user, prescriptions, conversation = await stored(h, bob)
    assert prescriptions == [] and conversation is None
    assert (user.country, user.timezone) == (None, None)
    reply = await answer(h, bob, "1")
    assert "not sure what you mean" in reply.text


async def test_a_stale_press_is_refused_and_changes_nothing(h: Harness) -> None:
    carol = h.user("Carol")
    await h.consent(carol)
    countries = carol.last_bot_message()
    await tap(h, carol, "United Kingdom")
    _, _, before = await stored(h, carol)
    reply = await tap(h, carol, "Ireland", message=countries)
    assert "no longer valid" in reply.text
    _, _, after = await stored(h, carol)
    assert before is not None and after is not None
    assert (after.state, after.data) == (before.state, before.data)
    await carol.press(carol.last_bot_message(), "ob:1:country:GB", forge=True)
    await h.idle()
    assert "no longer valid" in carol.last_bot_message().text


async def test_a_restart_mid_set_up_resumes_at_the_same_question(h: Harness) -> None:
    dave = h.user("Dave")
    await h.consent(dave)
    for part in ("United Kingdom", "London", "Hydroxocobalamin", "1 mg/mL"):
        await tap(h, dave, part)
    await h.restart()
    reply = await answer(h, dave, "/start")
    assert "carry on where we left off" in reply.text and "in mL" in reply.text
    reply = await answer(h, dave, "0.5")
    assert "How does your prescription say" in reply.text
    _, _, conversation = await stored(h, dave)
    assert conversation is not None and conversation.state == "route" and conversation.data["dose"] == "0.50"


async def test_start_again_after_set_up_does_not_restart_it(h: Harness) -> None:
    erin = h.user("Erin")
    await onboard(h, erin)
    reply = await answer(h, erin, "/start")
    assert "Which country" not in reply.text
    _, prescriptions, conversation = await stored(h, erin)
    assert len(prescriptions) == 1 and conversation is None
