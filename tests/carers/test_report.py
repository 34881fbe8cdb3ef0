"""A carer reports symptoms for the person they care for: triage runs for that patient; other text falls through."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from bot.carers import report
from bot.context import Ctx
from bot.db.models import Conversation, User
from tests.carers.support import CareBed


@dataclass(frozen=True)
class Decision:
    """Stands in for flows.triage's Decision."""

    level: str
    items: tuple[str, ...]
    timing: str | None = None


@pytest.fixture
def triaged(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str, int]]:
    """Replace the check-in's triage with one that decides URGENT for "hives" and emits like the real one."""
    calls: list[tuple[int, str, int]] = []

    async def fake(ctx: Ctx, patient: User, text: str, reporter: User) -> Any:
        calls.append((patient.id, text, reporter.id))
        decision = Decision("URGENT", ("U-HIVES",)) if "hives" in text else Decision("EXPECTED", ("E-SORE",))
        await ctx.rt.registry.emit("triage.decided", ctx, patient=patient, decision=decision, episode=None,
                                   reporter=reporter)
        return decision

    monkeypatch.setattr(report, "triage", fake)
    monkeypatch.setattr(report, "mentions_symptoms", lambda text: any(w in text for w in ("hives", "sore")))
    return calls


async def test_a_carer_report_runs_triage_for_the_patient_and_alerts_the_others(bed: CareBed, triaged) -> None:
    pat, ann, bob = await bed.person("Pat"), await bed.person("Ann"), await bed.person("Bob")
    await bed.link(pat, ann)
    await bed.link(pat, bob)
    reply = await bed.do(ann, "she has hives all over")
    assert triaged == [(pat, "she has hives all over", ann)]
    assert "Call your local emergency number now" in reply[-1] and "stay with Pat" in reply[-1]
    assert "URGENT: Pat" in (await bed.texts(bob))[-1]
    assert not any("URGENT: Pat" in t for t in await bed.texts(ann))


async def test_a_carer_of_two_people_is_asked_who_it_is_about(bed: CareBed, triaged) -> None:
    pat, quinn, ann = await bed.person("Pat"), await bed.person("Quinn"), await bed.person("Ann")
    await bed.link(pat, ann)
    await bed.link(quinn, ann)
    reply = await bed.do(ann, "he has hives")
    assert "Who is this about?" in reply[0]
    assert triaged == []
    await bed.press(ann, "Quinn")
    assert triaged == [(quinn, "he has hives", ann)]
    assert await bed.rows(Conversation) == []


async def test_naming_the_patient_skips_the_question(bed: CareBed, triaged) -> None:
    pat, quinn, ann = await bed.person("Pat"), await bed.person("Quinn"), await bed.person("Ann")
    await bed.link(pat, ann)
    await bed.link(quinn, ann)
    await bed.do(ann, "Quinn has hives")
    assert triaged == [(quinn, "Quinn has hives", ann)]


async def test_text_that_is_not_about_symptoms_falls_through(bed: CareBed, triaged) -> None:
    pat, ann = await bed.person("Pat"), await bed.person("Ann")
    await bed.link(pat, ann)
    reply = await bed.do(ann, "what time is it")
    assert triaged == [] and "not sure what you mean" in reply[0]


async def test_someone_who_is_nobodys_carer_is_not_taken(bed: CareBed, triaged) -> None:
    eve = await bed.person("Eve")
    await bed.do(eve, "she has hives")
    assert triaged == []


async def test_a_carer_in_their_own_conversation_is_left_alone(bed: CareBed, triaged) -> None:
    pat, ann = await bed.person("Pat"), await bed.person("Ann")
    await bed.link(pat, ann)
    async with bed.rt.db.session() as s:
        s.add(Conversation(user_id=ann, flow="onboarding", state="x", data={}, updated_at=bed.clock.now()))
    await bed.do(ann, "she has hives")
    assert triaged == []


async def test_a_forged_pick_for_someone_elses_link_is_refused(bed: CareBed, triaged) -> None:
    pat, quinn = await bed.person("Pat"), await bed.person("Quinn")
    ann, bob = await bed.person("Ann"), await bed.person("Bob")
    await bed.link(pat, ann)
    await bed.link(quinn, ann)
    other = await bed.link(quinn, bob)
    await bed.do(ann, "he has hives")
    reply = await bed.do(ann, f"cr:rep:{other}")
    assert "no longer valid" in reply[0]
    assert triaged == []


@pytest.mark.parametrize(
    ("text", "taken"),
    [("she has hives all over", True), ("Dad feels weird", True), ("thanks!", False), ("what time is it", False),
     ("my husband is fine", False), ("no hives", False)],
)
async def test_the_triage_engine_decides_what_is_about_symptoms(
    bed: CareBed, monkeypatch: pytest.MonkeyPatch, text: str, taken: bool
) -> None:
    called: list[str] = []

    async def record(ctx: Ctx, patient: User, text: str, reporter: User) -> Any:
        called.append(text)
        return Decision("EXPECTED", ())

    monkeypatch.setattr(report, "triage", record)
    pat, ann = await bed.person("Pat"), await bed.person("Ann")
    await bed.link(pat, ann)
    await bed.do(ann, text)
    assert (called == [text]) is taken
