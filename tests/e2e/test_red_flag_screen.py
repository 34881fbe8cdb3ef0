"""The red-flag screen in the running bot: an emergency typed in any state gets the country's number at once,
and ordinary set-up and dosing answers are never taken for symptoms."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.db.models import Conversation, TriageDecision, User
from tests.e2e.harness import Harness
from tests.onboarding.e2e_helpers import answer, onboard, tap

pytestmark = pytest.mark.e2e

URGENT = "my throat is closing"
Reach = Callable[[Harness, Any], Awaitable[None]]


async def _conv(h: Harness, sim: Any) -> tuple[str, str] | None:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        user = await s.scalar(select(User).where(User.telegram_id == sim.id))
        conv = None if user is None else await s.get(Conversation, user.id)
        return None if conv is None else (conv.flow, conv.state)


async def _decisions(h: Harness) -> list[str]:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        return [d.level for d in (await s.scalars(select(TriageDecision).order_by(TriageDecision.id))).all()]


async def _nothing(h: Harness, sim: Any) -> None:
    return None


async def _started(h: Harness, sim: Any) -> None:
    await h.say(sim, "/start")


async def _country(h: Harness, sim: Any) -> None:
    await h.consent(sim)


async def _us_city(h: Harness, sim: Any) -> None:
    await h.consent(sim)
    await answer(h, sim, "United States")


async def _product_name(h: Harness, sim: Any) -> None:
    await _us_city(h, sim)
    await answer(h, sim, "New York")
    await tap(h, sim, "Another product")


async def _strength(h: Harness, sim: Any) -> None:
    await _product_name(h, sim)
    await answer(h, sim, "Cobalin-H")
    await tap(h, sim, "Other strength")


async def _dose(h: Harness, sim: Any) -> None:
    await _strength(h, sim)
    await answer(h, sim, "1000mcg/ml")


async def _date(h: Harness, sim: Any) -> None:
    await _dose(h, sim)
    await answer(h, sim, "0.5")
    for part in ("(IM)", "Thigh", "Done", "every 3 months", "planned date"):
        await tap(h, sim, part)


async def _time(h: Harness, sim: Any) -> None:
    await _date(h, sim)
    await answer(h, sim, "1 Dec")


async def _idle(h: Harness, sim: Any) -> None:
    await onboard(h, sim)


async def _log_site(h: Harness, sim: Any) -> None:
    await onboard(h, sim)
    await answer(h, sim, "/log")


async def _log_batch(h: Harness, sim: Any) -> None:
    await _log_site(h, sim)
    await tap(h, sim, "Thigh")
    await tap(h, sim, "(IM)")


async def _log_time(h: Harness, sim: Any) -> None:
    await _log_batch(h, sim)
    await answer(h, sim, "AB1234")


async def _taken_site(h: Harness, sim: Any) -> None:
    await onboard(h, sim)
    await h.advance(timedelta(days=2, hours=2))  # the first reminder (tomorrow 09:00) has been sent
    reminder = next(m for m in reversed(sim.bot_messages()) if any("Taken" in t for t in m.button_texts))
    await tap(h, sim, "Taken", reminder)


async def _checkin(h: Harness, sim: Any) -> None:
    await _log_time(h, sim)
    await tap(h, sim, "Just now")
    await h.advance(timedelta(minutes=31))
    assert "How are you after your injection?" in sim.last_bot_message().text


async def _settings(h: Harness, sim: Any) -> None:
    await onboard(h, sim)
    await answer(h, sim, "/settings")
    await tap(h, sim, "Reminder time")


async def _carer_invite(h: Harness, sim: Any) -> None:
    await onboard(h, sim)
    await answer(h, sim, "/carers")
    await tap(h, sim, "Invite a carer")


# (how to get there, the conversation state expected there or None, the number to call)
STATES: dict[str, tuple[Reach, tuple[str, str] | None, str]] = {
    "no conversation, never started": (_nothing, None, "112"),
    "after /start, before consent": (_started, None, "112"),
    "set-up: typed country": (_country, ("onboarding", "country"), "112"),
    "set-up: typed city": (_us_city, ("onboarding", "tz"), "911"),
    "set-up: typed product name": (_product_name, ("onboarding", "pname"), "911"),
    "set-up: typed strength": (_strength, ("onboarding", "strt"), "911"),
    "set-up: typed dose": (_dose, ("onboarding", "dose"), "911"),
    "set-up: typed date": (_date, ("onboarding", "start"), "911"),
    "set-up: typed time": (_time, ("onboarding", "time"), "911"),
    "no conversation, set up": (_idle, None, "999"),
    "/log: site": (_log_site, ("dose", "site"), "999"),
    "/log: batch": (_log_batch, ("dose", "batch"), "999"),
    "/log: time": (_log_time, ("dose", "time"), "999"),
    "Taken: site": (_taken_site, ("dose", "site"), "999"),
    "check-in": (_checkin, None, "999"),
    "/settings: reminder time": (_settings, ("settings", "time"), "999"),
    "carer invite sent": (_carer_invite, None, "999"),
}


@pytest.mark.parametrize("where", list(STATES))
async def test_an_emergency_typed_anywhere_gets_the_countrys_number(h: Harness, where: str) -> None:
    reach, state, number = STATES[where]
    alice = h.user("Alice")
    await reach(h, alice)
    if state is not None:
        assert await _conv(h, alice) == state
    reply = await h.say(alice, URGENT)
    assert f"CALL {number}" in reply.text or (number == "112" and "112" in reply.text), reply.text
    assert "allergic reaction to an injection" in reply.text
    assert await _conv(h, alice) is None  # whatever was going on stops


# Typed answers the set-up and dose log must receive: (how to get there, state there, answers, state after).
ANSWERS: dict[str, tuple[Reach, tuple[str, str], list[str], tuple[str, str]]] = {
    "country": (_country, ("onboarding", "country"), ["Nigeria", "United States", "UK"], ("onboarding", "tz")),
    "city": (_us_city, ("onboarding", "tz"), ["New York", "UTC+5:30", "UTC-5"], ("onboarding", "prod")),
    "product name": (_product_name, ("onboarding", "pname"), ["Cobalin-H", "other", "Neo-Cytamen"],
                     ("onboarding", "str")),
    "strength": (_strength, ("onboarding", "strt"), ["1000mcg/ml", "1 mg/mL"], ("onboarding", "dose")),
    "dose": (_dose, ("onboarding", "dose"), ["1", "0.5"], ("onboarding", "route")),
    "date": (_date, ("onboarding", "start"), ["1 Dec", "tomorrow"], ("onboarding", "time")),
    "time": (_time, ("onboarding", "time"), ["9", "21:15"], ("onboarding", "confirm")),
    "batch": (_log_batch, ("dose", "batch"), ["AB1234", "none", "skip", "LOT 4471B"], ("dose", "time")),
}


@pytest.mark.parametrize("step", list(ANSWERS))
async def test_ordinary_answers_are_not_taken_for_symptoms(h: Harness, step: str) -> None:
    reach, state, typed, after = ANSWERS[step]
    for i, text in enumerate(typed):
        sim = h.user(f"User{i}")
        await reach(h, sim)
        assert await _conv(h, sim) == state
        reply = await h.say(sim, text)
        assert "CALL" not in reply.text and "How are you" not in reply.text, (text, reply.text)
        assert await _conv(h, sim) == after, text
    assert await _decisions(h) == []


async def test_an_edit_that_adds_a_red_flag_is_screened(h: Harness) -> None:
    alice = h.user("Alice")
    await onboard(h, alice)
    before = len(alice.bot_messages())
    sent = await alice.send("all fine")
    await h.idle()
    assert len(alice.bot_messages()) > before
    marker = len(alice.bot_messages())
    await alice.edit(sent, "all fine, oh wait my throat is closing")
    await h.idle()
    reply = await alice.wait_for(lambda: len(alice.bot_messages()) > marker or None)
    assert "CALL 999" in reply.text
    assert await _decisions(h) == ["URGENT"]


async def test_an_edit_before_consent_that_adds_a_red_flag_is_screened(h: Harness) -> None:
    bob = h.user("Bob")
    welcome = await h.say(bob, "/start")
    sent = await bob.send("hello")
    await h.idle()
    marker = len(bob.bot_messages())
    await bob.edit(sent, "hello, I can't breathe")
    await h.idle()
    reply = await bob.wait_for(lambda: len(bob.bot_messages()) > marker or None)
    assert "112" in reply.text and "allergic reaction to an injection" in reply.text
    assert "I agree" in welcome.button_texts


async def test_an_edited_answer_answers_nothing(h: Harness) -> None:
    alice = h.user("Alice")
    await _dose(h, alice)
    sent = await alice.send("1")
    await h.idle()
    assert await _conv(h, alice) == ("onboarding", "route")
    marker = len(alice.bot_messages())
    await alice.edit(sent, "0.5")
    await alice.edit(sent, "/cancel")
    await h.idle()
    assert await _conv(h, alice) == ("onboarding", "route")
    assert len(alice.bot_messages()) == marker


async def test_a_photo_caption_with_a_red_flag_is_screened(h: Harness) -> None:
    alice = h.user("Alice")
    await onboard(h, alice)
    marker = len(alice.bot_messages())
    await alice.send_photo(caption="look at my arm, and my throat is closing")
    await h.idle()
    reply = await alice.wait_for(lambda: len(alice.bot_messages()) > marker or None)
    assert "CALL 999" in reply.text
    assert await _decisions(h) == ["URGENT"]


async def test_a_photo_with_an_ordinary_caption_gets_the_photo_answer(h: Harness) -> None:
    alice = h.user("Alice")
    await onboard(h, alice)
    marker = len(alice.bot_messages())
    await alice.send_photo(caption="my sharps bin")
    await h.idle()
    reply = await alice.wait_for(lambda: len(alice.bot_messages()) > marker or None)
    assert "can't look at photos" in reply.text
    assert await _decisions(h) == []
