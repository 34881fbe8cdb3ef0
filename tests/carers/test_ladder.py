"""Missed-dose ladder: primary carer first, everyone later, "I'm on it" stops it; each alert goes once."""

from __future__ import annotations

from datetime import timedelta

from bot.db.models import CarerAlert, CarerLink, DoseEvent, Task
from tests.carers.support import CareBed

MISSED = "has not recorded the B12 dose"


async def _trio(bed: CareBed) -> tuple[int, int, int]:
    pat = await bed.person("Pat", timezone="Europe/London")
    ann, bob = await bed.person("Ann"), await bed.person("Bob")
    await bed.link(pat, ann)
    await bed.link(pat, bob)
    return pat, ann, bob


def _count(texts: list[str], needle: str = MISSED) -> int:
    return sum(needle in t for t in texts)


async def test_primary_first_then_everyone_after_an_hour(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    await bed.missed_dose(pat)
    assert _count(await bed.texts(ann)) == 1
    assert _count(await bed.texts(bob)) == 0
    await bed.advance(timedelta(minutes=59))
    assert _count(await bed.texts(bob)) == 0
    await bed.advance(timedelta(minutes=1))
    assert _count(await bed.texts(bob)) == 1
    assert _count(await bed.texts(ann)) == 1
    alert = (await bed.texts(bob))[-1]
    assert "Pat" in alert and "02:00" in alert  # due 6 h before 08:00 UTC, London is UTC in March


async def test_on_it_stops_the_ladder_and_tells_the_others(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    await bed.missed_dose(pat)
    await bed.advance(timedelta(hours=1))
    reply = await bed.press(bob, "I'm on it")
    assert "told Pat's other carers" in reply[0]
    assert "Bob is on it" in (await bed.texts(ann))[-1]
    assert "Bob is on it" not in "".join(await bed.texts(bob))
    again = await bed.press(ann, "I'm on it")
    assert "Bob is already on it" in again[0]


async def test_on_it_before_the_second_stage_means_nobody_else_is_alerted(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    await bed.missed_dose(pat)
    await bed.press(ann, "I'm on it")
    await bed.advance(timedelta(hours=3))
    assert _count(await bed.texts(bob)) == 0
    tasks = [t for t in await bed.rows(Task) if t.kind == "carer.ladder"]
    assert {t.status for t in tasks} == {"done", "cancelled"}


async def test_each_alert_reaches_each_carer_once_across_restarts_and_repeats(bed: CareBed, clock) -> None:
    from tests.carers.support import CareBed as Fresh

    pat, ann, bob = await _trio(bed)
    dose = await bed.missed_dose(pat)
    # The same event again (a retried task), then a new process on the same database.
    await bed.emit(pat, "dose.missed", dose=lambda s: s.get(DoseEvent, dose.id))
    restarted = Fresh(bed.rt.db, clock)
    await restarted.advance(timedelta(hours=2))
    await restarted.emit(pat, "dose.missed", dose=lambda s: s.get(DoseEvent, dose.id))
    await restarted.advance(timedelta(hours=2))
    assert _count(await bed.texts(ann)) == 1
    assert _count(await bed.texts(bob)) == 1
    assert len([a for a in await bed.rows(CarerAlert) if a.kind == "missed"]) == 2


async def test_a_dose_logged_late_stops_the_ladder_and_tells_those_alerted(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    dose = await bed.missed_dose(pat)

    async def taken(s):  # the dose feature's own log step, as the patient
        event = await s.get(DoseEvent, dose.id)
        event.status, event.taken_at, event.logged_by = "taken", bed.clock.now(), pat
        return event

    await bed.emit(pat, "dose.taken", dose=taken)
    assert "now recorded the dose" in (await bed.texts(ann))[-1]
    await bed.advance(timedelta(hours=2))
    assert _count(await bed.texts(bob)) == 0


async def test_ladder_timing_is_stored_per_patient(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    await bed.do(pat, "/carers")
    screen = await bed.press(pat, "Missed-dose timing")
    assert "at once" in screen[0] and "after 1 h" in screen[0]
    await bed.press(pat, "cr:lx:15")
    await bed.press(pat, "cr:ly:120")
    await bed.missed_dose(pat)
    assert _count(await bed.texts(ann)) == 0
    await bed.advance(timedelta(minutes=15))
    assert _count(await bed.texts(ann)) == 1
    await bed.advance(timedelta(minutes=104))
    assert _count(await bed.texts(bob)) == 0
    await bed.advance(timedelta(minutes=1))
    assert _count(await bed.texts(bob)) == 1


async def test_a_timing_that_was_never_offered_is_refused(bed: CareBed) -> None:
    pat, _ann, _bob = await _trio(bed)
    before = await bed.snapshot()
    for forged in ("cr:lx:7", "cr:ly:0", "cr:lx:-1", "cr:ly:99999"):
        reply = await bed.do(pat, forged)
        assert "no longer valid" in reply[0]
    assert await bed.snapshot() == before


async def test_make_primary_and_missed_permission_choose_who_hears_first(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    links = {x.carer_id: x.id for x in await bed.rows(CarerLink)}
    await bed.do(pat, f"cr:pri:{links[bob]}")
    await bed.missed_dose(pat)
    assert (_count(await bed.texts(ann)), _count(await bed.texts(bob))) == (0, 1)
    await bed.do(pat, f"cr:p:{links[bob]}:missed")  # Bob no longer wants missed-dose alerts
    await bed.missed_dose(pat)
    assert (_count(await bed.texts(ann)), _count(await bed.texts(bob))) == (1, 1)


async def test_no_carers_means_no_ladder(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    await bed.missed_dose(pat)
    assert [t for t in await bed.rows(Task) if t.kind == "carer.ladder"] == []
