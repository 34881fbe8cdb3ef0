"""Buttons that are stale or forged, the URGENT buttons, the pre-dose hold, and the hooks other features call."""

from __future__ import annotations

from datetime import timedelta

from bot.checkin.hold import pre_dose_hold
from bot.checkin.service import triage_for_patient
from bot.context import Ctx
from bot.db.models import CarerLink, User
from flows.events import PressIn
from flows.triage import Level
from tests.checkin.support import Bed

NONE = "None of these"


async def test_a_button_naming_someone_elses_episode_does_nothing(bed: Bed) -> None:
    alice, mallory = await bed.person("Alice"), await bed.person("Mallory")
    [reply] = await bed.do(alice, "my arm is sore")
    forged = reply.data(NONE)
    [answer] = await bed.do(mallory, PressIn(forged))
    assert "no longer valid" in answer.text
    assert (await bed.episodes(alice))[0].answers["done"] == []
    [answer] = await bed.do(mallory, PressIn(reply.data("Breathing")))
    assert "no longer valid" in answer.text
    assert (await bed.episodes(alice))[0].level == "EXPECTED"


async def test_garbled_button_data_is_answered_and_changes_nothing(bed: Bed) -> None:
    alice = await bed.person()
    for data in ("ck:1:0:RF", "ck:99:0:RF:none", "ur:1:boom", "hold:abc", "fu:5:spoke"):
        [answer] = await bed.do(alice, PressIn(data))
        assert "no longer valid" in answer.text
    assert await bed.decisions(alice) == []


async def test_an_old_non_red_flag_button_shows_the_current_question(bed: Bed) -> None:
    alice = await bed.person()
    [opening] = await bed.do(alice, "my arm is sore")
    [site] = await bed.press(alice, opening, NONE)
    [again] = await bed.press(alice, opening, "Not sure")
    assert "moved on" in again.text and "spot where you injected" in again.text
    assert again.data("Nothing there") == site.data("Nothing there")


async def test_a_red_flag_on_an_old_list_is_never_ignored(bed: Bed) -> None:
    alice = await bed.person()
    [opening] = await bed.do(alice, "my arm is sore")
    [_site] = await bed.press(alice, opening, NONE)
    [urgent] = await bed.press(alice, opening, "Swollen lips")
    assert "CALL 999" in urgent.text


async def test_i_cant_call_repeats_the_number_and_emits_the_event(bed: Bed) -> None:
    alice = await bed.person(country="IE")
    [urgent] = await bed.do(alice, "I'm wheezing badly")
    [again] = await bed.press(alice, urgent, "I can't call")
    assert again.text.startswith("CALL 112") and again.priority == 0
    [(_name, data)] = [e for e in bed.events if e[0] == "urgent.cant_call"]
    assert data["patient"].id == alice and data["episode"].level == "URGENT"


async def test_every_stored_decision_is_announced(bed: Bed) -> None:
    alice = await bed.person()
    await bed.do(alice, "my lips are swelling")
    [(_name, data)] = [e for e in bed.events if e[0] == "triage.decided"]
    assert data["decision"].level == Level.URGENT and data["reporter"].id == alice
    assert data["episode"].id == (await bed.episodes(alice))[0].id
    assert len(await bed.decisions(alice)) == 1


async def test_the_hold_is_shown_before_the_next_dose_until_the_prescriber_said_go_ahead(bed: Bed) -> None:
    alice, bob = await bed.person("Alice"), await bed.person("Bob")

    async def hold_of(ctx: Ctx) -> None:
        notice = await pre_dose_hold(ctx, ctx.user)
        if notice is not None:
            ctx.reply(notice)

    assert await bed.call(alice, hold_of) == []
    await bed.do(alice, "my lips are swelling")
    [notice] = await bed.call(alice, hold_of)
    assert "do not inject until your prescriber" in notice.text
    [refused] = await bed.press(bob, notice, "My prescriber said go ahead")
    assert "no longer valid" in refused.text
    [cleared] = await bed.press(alice, notice, "My prescriber said go ahead")
    assert "go ahead" in cleared.text
    assert await bed.call(alice, hold_of) == []
    [hold] = await bed.holds(alice)
    assert hold.cleared_by == alice


async def test_later_outcomes_remind_about_the_hold(bed: Bed) -> None:
    alice = await bed.person()
    await bed.do(alice, "my lips are swelling")
    await bed.advance(timedelta(hours=25))
    await bed.sent(alice)
    sent = await bed.do(alice, "my arm is a bit sore")
    for label in (NONE, "Nothing there", "Yes, as I was trained", "No, nothing"):
        sent = await bed.press(alice, sent[-1], label)
    assert "must hear about this reaction before your next dose" in sent[-1].text


async def _carer_of(bed: Bed, patient: int) -> int:
    carer = await bed.person("Carol")
    async with bed.rt.db.session() as s:
        s.add(CarerLink(patient_id=patient, carer_id=carer, status="active", created_at=bed.clock.now()))
    return carer


async def test_a_carer_report_of_hives_is_urgent_for_the_patient(bed: Bed) -> None:
    alice = await bed.person(country="US")
    carol = await _carer_of(bed, alice)
    result = {}

    async def report(ctx: Ctx) -> None:
        patient = await ctx.session.get(User, alice)
        result["decision"] = await triage_for_patient(ctx, patient, "she has hives all over", ctx.user)

    await bed.call(carol, report)
    assert result["decision"].level == Level.URGENT
    sent = await bed.sent()
    assert any("CALL 911 NOW and stay with them" in m.text for m in sent)
    assert any(m.text.startswith("⚠️ CALL 911 NOW.") and "Lie flat with your legs" in m.text for m in sent)
    [decision] = await bed.decisions(alice)
    assert (decision.source, decision.reporter_id) == ("carer", carol)
    [(_, data)] = [e for e in bed.events if e[0] == "triage.decided"]
    assert data["reporter"].id == carol and data["patient"].id == alice
    assert len(await bed.holds(alice)) == 1


async def test_a_carer_report_of_mild_symptoms_asks_the_patient(bed: Bed) -> None:
    alice = await bed.person()
    carol = await _carer_of(bed, alice)

    async def report(ctx: Ctx) -> None:
        await triage_for_patient(ctx, await ctx.session.get(User, alice), "her arm is a bit sore", ctx.user)

    await bed.call(carol, report)
    [asked] = await bed.sent(alice)
    assert "Carol told me" in asked.text and NONE in asked.labels()


async def test_a_carer_message_without_symptoms_changes_nothing(bed: Bed) -> None:
    alice = await bed.person()
    carol = await _carer_of(bed, alice)

    async def report(ctx: Ctx) -> None:
        decision = await triage_for_patient(ctx, await ctx.session.get(User, alice), "thanks", ctx.user)
        assert decision.level == Level.EXPECTED

    assert await bed.call(carol, report) == []
    assert await bed.episodes(alice) == []


async def test_why_before_any_result(bed: Bed) -> None:
    alice = await bed.person()
    [reply] = await bed.do(alice, "/why")
    assert "haven't given you any advice" in reply.text
