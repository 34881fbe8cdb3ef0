"""Triage alerts: URGENT to every carer at once (rate-limited per episode), "I can't call" once, ADVICE if chosen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from bot.carers import alerts
from bot.db.models import CarerLink, Episode, OutboxMessage, User
from flows.messages import Priority
from tests.carers.support import CareBed

URGENT = "URGENT: Pat may be having a serious reaction"


@dataclass(frozen=True)
class Decision:
    """Stands in for flows.triage's Decision until it lands."""

    level: str
    items: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    timing: str | None = None
    text: str = "my lips are swelling and my sister is here"
    extra: dict[str, str] = field(default_factory=dict)


@pytest.fixture(autouse=True)
def _numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alerts, "number_for", lambda country: {"GB": "999"}.get(country or ""))


async def _setup(bed: CareBed) -> tuple[int, int, int, int]:
    pat = await bed.person("Pat", timezone="Europe/Madrid", country="GB")
    ann, bob = await bed.person("Ann"), await bed.person("Bob")
    await bed.link(pat, ann)
    await bed.link(pat, bob)
    async with bed.rt.db.session() as s:
        episode = Episode(user_id=pat, kind="checkin", level="URGENT", answers={}, opened_at=bed.clock.now())
        s.add(episode)
        await s.flush()
        return pat, ann, bob, episode.id


async def _decide(bed: CareBed, pat: int, episode_id: int | None, decision: Decision, reporter: int | None = None):
    async def patient(s):
        return await s.get(User, pat)

    async def episode(s):
        return await s.get(Episode, episode_id) if episode_id else None

    async def who(s):
        return await s.get(User, reporter or pat)

    await bed.emit(pat, "triage.decided", patient=patient, decision=decision, episode=episode, reporter=who)


def _n(texts: list[str], needle: str = URGENT) -> int:
    return sum(needle in t for t in texts)


async def test_urgent_reaches_every_carer_at_once_with_the_minimum(bed: CareBed) -> None:
    pat, ann, bob, ep = await _setup(bed)
    await _decide(bed, pat, ep, Decision("URGENT", ("U-ANGIO", "U-HIVES", "E-SORE")))
    for carer in (ann, bob):
        [row] = [m for m in await bed.sent(carer) if URGENT in m.text]
        assert row.priority == Priority.URGENT
        assert "09:00" in row.text  # 08:00 UTC is 09:00 in Madrid
        assert "swelling of the face, lips, tongue or eyes, hives" in row.text
        assert "call 999 now" in row.text
        assert "sister" not in row.text and "soreness" not in row.text


async def test_urgent_without_a_known_country_names_the_local_number(bed: CareBed) -> None:
    pat, ann, _bob, ep = await _setup(bed)
    async with bed.rt.db.session() as s:
        (await s.get(User, pat)).country = None
    await _decide(bed, pat, ep, Decision("URGENT", ("U-BREATH",)))
    assert "call your local emergency number now" in (await bed.texts(ann))[-1]


async def test_symptom_names_are_left_out_when_the_patient_says_so(bed: CareBed) -> None:
    pat, ann, _bob, ep = await _setup(bed)
    await bed.do(pat, "/carers")
    await bed.press(pat, "Missed-dose timing")
    await bed.press(pat, "Name my symptoms in alerts: on")
    await _decide(bed, pat, ep, Decision("URGENT", ("U-HIVES",)))
    alert = (await bed.texts(ann))[-1]
    assert URGENT in alert and "Reported:" not in alert and "hives" not in alert


async def test_repeat_urgent_alerts_are_limited_to_one_per_ten_minutes_per_episode(bed: CareBed) -> None:
    pat, ann, _bob, ep = await _setup(bed)
    await _decide(bed, pat, ep, Decision("URGENT", ("U-HIVES",)))
    await bed.advance(timedelta(minutes=9))
    await _decide(bed, pat, ep, Decision("URGENT", ("U-BREATH",)))
    assert _n(await bed.texts(ann)) == 1
    await bed.advance(timedelta(minutes=1))
    await _decide(bed, pat, ep, Decision("URGENT", ("U-BREATH",)))
    assert _n(await bed.texts(ann)) == 2
    async with bed.rt.db.session() as s:
        other = Episode(user_id=pat, kind="report", level="URGENT", answers={}, opened_at=bed.clock.now())
        s.add(other)
        await s.flush()
        other_id = other.id
    await _decide(bed, pat, other_id, Decision("URGENT", ("U-FAINT",)))
    assert _n(await bed.texts(ann)) == 3


async def test_cant_call_sends_one_update_per_episode(bed: CareBed) -> None:
    pat, ann, bob, ep = await _setup(bed)
    await _decide(bed, pat, ep, Decision("URGENT", ("U-HIVES",)))

    async def patient(s):
        return await s.get(User, pat)

    async def episode(s):
        return await s.get(Episode, ep)

    for _ in range(3):
        await bed.emit(pat, "urgent.cant_call", patient=patient, episode=episode)
    for carer in (ann, bob):
        rows = [m for m in await bed.sent(carer) if "cannot call for help" in m.text]
        assert len(rows) == 1 and rows[0].priority == Priority.URGENT
        assert "Call 999 for Pat now" in rows[0].text


async def test_advice_goes_only_to_carers_who_chose_it_and_expected_to_nobody(bed: CareBed) -> None:
    pat, ann, bob, ep = await _setup(bed)
    links = {x.carer_id: x.id for x in await bed.rows(CarerLink)}
    await bed.do(pat, f"cr:p:{links[bob]}:advice")
    await _decide(bed, pat, ep, Decision("ADVICE", ("A-FEVER", "E-SORE"), timing="today"))
    await _decide(bed, pat, ep, Decision("EXPECTED", ("E-SORE",)))
    assert _n(await bed.texts(ann), "reported symptoms at") == 0
    [advice] = [t for t in await bed.texts(bob) if "reported symptoms at" in t]
    assert "fever" in advice and "today" in advice and "not an emergency" in advice


async def test_the_reporting_carer_is_not_alerted_about_their_own_report(bed: CareBed) -> None:
    pat, ann, bob, ep = await _setup(bed)
    await _decide(bed, pat, ep, Decision("URGENT", ("U-HIVES",)), reporter=ann)
    assert _n(await bed.texts(ann)) == 0
    assert _n(await bed.texts(bob)) == 1


async def test_after_the_link_ends_nothing_more_is_sent(bed: CareBed) -> None:
    pat, ann, bob, ep = await _setup(bed)
    links = {x.carer_id: x.id for x in await bed.rows(CarerLink)}
    await bed.do(ann, f"cr:endok:{links[ann]}")
    before = await bed.count(OutboxMessage)
    await _decide(bed, pat, ep, Decision("URGENT", ("U-HIVES",)))
    assert _n(await bed.texts(ann)) == 0
    assert _n(await bed.texts(bob)) == 1
    assert await bed.count(OutboxMessage) == before + 1
