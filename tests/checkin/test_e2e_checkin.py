"""End to end through the Bot API emulator: check-ins after a dose, the red-flag screen, URGENT, ADVICE, /why."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.checkin.hold import pre_dose_hold
from bot.context import Ctx
from bot.db.models import Conversation, DoseEvent, SafetyHold, TriageDecision, User
from flows.triage import rules_version
from tests.e2e.harness import Harness

NONE = "None of these"


async def _user(h: Harness, sim: Any) -> User:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        user = await s.scalar(select(User).where(User.telegram_id == sim.id))
        assert user is not None
        return user


async def _set_country(h: Harness, sim: Any, country: str) -> None:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        user = await s.scalar(select(User).where(User.telegram_id == sim.id))
        assert user is not None
        user.country = country


async def _log_dose(h: Harness, sim: Any) -> int:
    """A dose logged now, announced with dose.taken exactly as the dosing feature does."""
    assert h.rt is not None
    rt = h.rt
    async with rt.db.session() as s:
        user = await s.scalar(select(User).where(User.telegram_id == sim.id))
        assert user is not None
        dose = DoseEvent(
            user_id=user.id,
            status="taken",
            taken_at=h.clock.now(),
            source="manual",
            logged_at=h.clock.now(),
            created_at=h.clock.now(),
        )
        s.add(dose)
        await s.flush()
        ctx = Ctx(rt, s, user, h.clock.now())
        await rt.registry.emit("dose.taken", ctx, dose=dose)
        await ctx.flush()
        dose_id = dose.id
    await h.idle()
    return dose_id


async def _ready(h: Harness, name: str = "Alice", country: str = "GB") -> Any:
    sim = h.user(name)
    await h.consent(sim)
    await _set_country(h, sim, country)
    return sim


async def _tap(h: Harness, sim: Any, label: str) -> Any:
    """Tap a button (by label, or the start of one) on the bot's latest message, and return the reply."""
    message = sim.last_bot_message()
    full = next((t for row in message.buttons for t, _ in row if t == label or t.startswith(label)), label)
    marker = len(sim.bot_messages())
    await sim.press(message, full)
    await h.idle()
    return await sim.wait_for(lambda: len(sim.bot_messages()) > marker or None)


async def _decisions(h: Harness) -> list[TriageDecision]:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        return list((await s.scalars(select(TriageDecision).order_by(TriageDecision.id))).all())


async def test_check_in_after_30_minutes_then_none_and_mild_soreness_is_expected(h: Harness) -> None:
    alice = await _ready(h)
    await _log_dose(h, alice)
    before = len(alice.bot_messages())
    await h.advance(timedelta(minutes=29))
    assert len(alice.bot_messages()) == before
    await h.advance(timedelta(minutes=2))
    checkin = alice.last_bot_message()
    assert "How are you after your injection?" in checkin.text
    assert NONE in [t for row in checkin.buttons for t, _ in row]
    await _tap(h, alice, NONE)
    await _tap(h, alice, "Pain or soreness")
    await _tap(h, alice, "Mild")
    await _tap(h, alice, "Nothing else")
    await _tap(h, alice, "Yes, as I was trained")
    await _tap(h, alice, "No, nothing")
    result = await _tap(h, alice, "The same")
    assert "common" in result.text and "999" in result.text
    assert "fine" not in result.text.lower() and "safe" not in result.text.lower()
    last = (await _decisions(h))[-1]
    assert (last.level, last.rules_version) == ("EXPECTED", rules_version())
    assert any(r["item"] == "E-SORE" for r in last.reasons)


async def test_lips_swelling_typed_mid_onboarding_is_urgent_with_the_uk_number(h: Harness) -> None:
    alice = await _ready(h)
    assert h.rt is not None
    async with h.rt.db.session() as s:
        conv = await s.get(Conversation, (await _user(h, alice)).id)
        assert conv is not None and conv.flow == "onboarding"
    reply = await h.say(alice, "my lips are swelling")
    assert "CALL 999" in reply.text
    assert "allergic reaction to an injection" in reply.text
    assert [t for row in reply.buttons for t, _ in row] == ["I've called", "Someone is calling", "I can't call"]
    async with h.rt.db.session() as s:
        assert await s.get(Conversation, (await _user(h, alice)).id) is None
        holds = (await s.scalars(select(SafetyHold))).all()
    assert len(holds) == 1
    [decision] = await _decisions(h)
    assert decision.level == "URGENT" and decision.rules_version == rules_version()


async def test_an_onboarding_answer_is_not_taken_for_a_symptom(h: Harness) -> None:
    alice = await _ready(h)
    reply = await h.say(alice, "cyanocobalamin")
    assert NONE not in [t for row in reply.buttons for t, _ in row]
    assert await _decisions(h) == []


async def test_route_not_sure_gives_advice_to_contact_the_prescriber(h: Harness) -> None:
    alice = await _ready(h)
    await _log_dose(h, alice)
    await h.advance(timedelta(minutes=31))
    await _tap(h, alice, NONE)
    await _tap(h, alice, "Nothing there")
    await _tap(h, alice, "Not sure")
    await _tap(h, alice, "Into the muscle")
    await _tap(h, alice, "Not sure")
    await _tap(h, alice, "Yes")
    await _tap(h, alice, "Nothing unusual")
    result = await _tap(h, alice, "No, nothing")
    assert "prescriber" in result.text and "next working day" in result.text
    assert "Do not skip, repeat, move or change your next dose" in result.text
    assert "Do not inject again" in result.text
    assert (await _decisions(h))[-1].level == "ADVICE"


async def test_not_sure_about_breathing_then_silence_for_90_seconds_is_urgent(h: Harness) -> None:
    alice = await _ready(h)
    await _log_dose(h, alice)
    await h.advance(timedelta(minutes=31))
    await _tap(h, alice, "Not sure")
    check = await _tap(h, alice, "Breathing trouble")
    assert "stop to catch your breath" in check.text
    assert [t for row in check.buttons for t, _ in row] == ["Yes", "No", "Still not sure"]
    await h.advance(timedelta(seconds=80))
    assert alice.last_bot_message().message_id == check.message_id
    await h.advance(timedelta(seconds=15))
    assert "CALL 999" in alice.last_bot_message().text
    last = (await _decisions(h))[-1]
    assert last.level == "URGENT" and last.source == "timeout"


async def test_i_cant_call_repeats_the_number_and_tells_listeners(h: Harness) -> None:
    assert h.rt is not None
    heard: list[dict[str, Any]] = []

    async def listener(ctx: Ctx, **data: Any) -> None:
        heard.append(data)

    h.rt.registry.on("urgent.cant_call", listener)
    alice = await _ready(h, country="AU")
    urgent = await h.say(alice, "I can't breathe")
    assert "CALL 000" in urgent.text
    reply = await _tap(h, alice, "I can't call")
    assert reply.text.startswith("CALL 000")
    assert "I can't call" in [t for row in reply.buttons for t, _ in row]
    assert len(heard) == 1 and heard[0]["patient"].country == "AU" and heard[0]["episode"] is not None


async def test_why_explains_the_last_result(h: Harness) -> None:
    alice = await _ready(h)
    await h.say(alice, "my lips are swelling")
    reply = await h.say(alice, "/why")
    assert "swelling of the lips" in reply.text
    assert "lips are swelling" in reply.text
    assert f"Rules version {rules_version()}" in reply.text


async def test_the_go_ahead_button_clears_the_hold_after_urgent(h: Harness) -> None:
    alice = await _ready(h)
    await h.say(alice, "my tongue is swollen")
    assert h.rt is not None
    rt = h.rt
    async with rt.db.session() as s:
        user = await s.get(User, (await _user(h, alice)).id)
        assert user is not None
        ctx = Ctx(rt, s, user, h.clock.now())
        notice = await pre_dose_hold(ctx, user)
        assert notice is not None
        ctx.reply(notice)
        await ctx.flush()
    await h.idle()
    assert "do not inject until your prescriber" in alice.last_bot_message().text
    reply = await _tap(h, alice, "My prescriber said go ahead")
    assert "go ahead" in reply.text
    async with rt.db.session() as s:
        user = await s.get(User, (await _user(h, alice)).id)
        assert user is not None
        assert await pre_dose_hold(Ctx(rt, s, user, h.clock.now()), user) is None


async def test_a_restart_never_sends_a_check_in_twice(h: Harness) -> None:
    alice = await _ready(h)
    await _log_dose(h, alice)
    await h.restart()
    await h.advance(timedelta(minutes=31))
    await h.restart()
    await h.advance(timedelta(minutes=1))
    openings = [m for m in alice.bot_messages() if "How are you after your injection?" in m.text]
    assert len(openings) == 1
