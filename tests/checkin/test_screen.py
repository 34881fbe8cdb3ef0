"""The red-flag screen: every typed message, in any state, before anything else."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot import conversations
from bot.context import Ctx
from bot.db.models import Conversation, TriageDecision
from tests.checkin.support import Bed

NONE = "None of these"


async def _in_conversation(bed: Bed, user: int, flow: str = "settings", state: str = "time") -> None:
    async def begin(ctx: Ctx) -> None:
        await conversations.begin(ctx, flow, state, {"draft": 1})

    await bed.call(user, begin)


async def _conversation(bed: Bed, user: int) -> Conversation | None:
    async with bed.rt.db.session() as s:
        return await s.get(Conversation, user)


async def test_urgent_text_with_no_conversation_is_urgent_at_once(bed: Bed) -> None:
    alice = await bed.person(country="US")
    [reply] = await bed.do(alice, "I can't breathe properly")
    assert reply.text.startswith("⚠️ CALL 911 NOW.") and reply.priority == 0
    [episode] = await bed.episodes(alice)
    assert (episode.kind, episode.level) == ("report", "URGENT")
    [decision] = await bed.decisions(alice)
    assert decision.source == "text" and decision.reporter_id == alice


async def test_symptom_text_starts_triage_without_a_check_in(bed: Bed) -> None:
    alice = await bed.person()
    [reply] = await bed.do(alice, "my arm is a bit sore and red")
    assert "Thank you for telling me" in reply.text and NONE in reply.labels()
    [episode] = await bed.episodes(alice)
    assert episode.kind == "report"


async def test_text_that_is_not_about_symptoms_falls_through(bed: Bed) -> None:
    alice = await bed.person()
    await _in_conversation(bed, alice, "someflow", "product")
    for text in ("cyanocobalamin", "09:00", "every 3 months", "Ireland"):
        sent = await bed.do(alice, text)
        assert all(NONE not in m.labels() for m in sent)
    assert await bed.episodes(alice) == []
    conv = await _conversation(bed, alice)
    assert conv is not None and (conv.flow, conv.state) == ("someflow", "product")


async def test_a_report_mid_conversation_resumes_it_afterwards(bed: Bed) -> None:
    alice = await bed.person()
    await bed.dose(alice, ago=timedelta(hours=1))
    await _in_conversation(bed, alice)
    [first] = await bed.do(alice, "the spot is a bit itchy")
    assert NONE in first.labels()
    conv = await _conversation(bed, alice)
    assert conv is not None and conv.flow == "checkin"
    for label in (NONE, "Nothing there", "Yes, as I was trained", "No, nothing"):
        sent = await bed.press(alice, first, label)
        first = sent[-1]
    assert any("carry on with what we were doing" in m.text for m in sent)
    conv = await _conversation(bed, alice)
    assert conv is not None and (conv.flow, conv.state, conv.data) == ("settings", "time", {"draft": 1})


async def test_urgent_text_mid_conversation_stops_every_question(bed: Bed) -> None:
    alice = await bed.person()
    await _in_conversation(bed, alice, "onboarding", "product")
    [reply] = await bed.do(alice, "my tongue feels swollen")
    assert "CALL 999" in reply.text
    assert await _conversation(bed, alice) is None


async def test_before_consent_an_emergency_still_gets_the_urgent_message_and_nothing_is_stored(bed: Bed) -> None:
    alice = await bed.person(consented=False, country=None)
    [reply] = await bed.do(alice, "help my throat is closing up")
    assert "your local emergency number" in reply.text and "112" in reply.text
    assert await bed.episodes(alice) == [] and await bed.decisions(alice) == []
    [prompt] = await bed.do(alice, "my arm is sore")
    assert "need your agreement" in prompt.text and "emergency" in prompt.text
    [ack] = await bed.press(alice, reply, "I've called")
    assert "Stay lying or sitting" in ack.text


async def test_text_mid_check_in_answers_the_question_it_matches(bed: Bed) -> None:
    alice = await bed.person()
    await bed.dose(alice)
    await bed.advance(timedelta(minutes=30))
    await bed.sent(alice)
    [site] = await bed.do(alice, "none of these")
    assert "spot where you injected" in site.text
    [_question] = await bed.press(alice, site, "Pain or soreness")
    [nxt] = await bed.do(alice, "mild")
    assert "Anything else at the injection spot?" in nxt.text


async def test_unrecognised_text_mid_check_in_asks_again_without_moving_on(bed: Bed) -> None:
    alice = await bed.person()
    await bed.dose(alice)
    await bed.advance(timedelta(minutes=30))
    [opening] = await bed.sent(alice)
    [again] = await bed.do(alice, "fine thanks")
    assert "Please still look at this list" in again.text
    assert again.data(NONE) == opening.data(NONE)  # same step: earlier buttons still work


async def test_a_long_rambling_message_mid_check_in_is_still_screened(bed: Bed) -> None:
    alice = await bed.person()
    await bed.dose(alice)
    await bed.advance(timedelta(minutes=30))
    await bed.sent(alice)
    [reply] = await bed.do(alice, "so anyway " * 300 + "and now my lips are swelling up")
    assert "CALL 999" in reply.text


async def test_new_red_flag_talk_mid_check_in_opens_the_red_flag_list_again(bed: Bed) -> None:
    alice = await bed.person()
    await bed.dose(alice)
    await bed.advance(timedelta(minutes=30))
    [opening] = await bed.sent(alice)
    [_site] = await bed.press(alice, opening, NONE)
    [reply] = await bed.do(alice, "my lips are a bit tingly")
    assert "noted that" in reply.text and NONE in reply.labels()
    async with bed.rt.db.session() as s:
        stored = (await s.scalars(select(TriageDecision).where(TriageDecision.source == "text"))).all()
    assert stored and "RF3" in stored[-1].asks


async def test_an_urgent_episode_is_never_argued_down(bed: Bed) -> None:
    alice = await bed.person()
    await bed.do(alice, "my face is swelling")
    [reply] = await bed.do(alice, "actually it's just a bit sore now")
    assert "serious symptoms earlier" in reply.text and "999" in reply.text
    [episode] = await bed.episodes(alice)
    assert episode.level == "URGENT"
    assert [d.level for d in await bed.decisions(alice)] == ["URGENT", "URGENT"]
