"""A carer with the proxy permission records a missed dose as given, through the dose log; without it, nothing."""

from __future__ import annotations

from datetime import timedelta

from bot.db.models import CarerLink, DoseEvent
from tests.carers.support import CareBed


async def _missed_for_real(bed: CareBed) -> tuple[int, int, int, int]:
    """Pat (weekly at 09:00) with carers Ann and Bob; the dose feature marks today's dose missed."""
    pat = await bed.person("Pat", timezone="UTC")
    ann, bob = await bed.person("Ann"), await bed.person("Bob")
    a = await bed.link(pat, ann)
    await bed.link(pat, bob)
    await bed.prescribe(pat, at="09:00")
    return pat, ann, bob, a


async def _run_to_missed(bed: CareBed) -> None:
    await bed.advance(timedelta(hours=1))  # 09:00 reminder
    await bed.advance(timedelta(minutes=bed.rt.settings.missed_after_minutes))


async def test_the_dose_feature_marking_a_dose_missed_starts_the_ladder(bed: CareBed) -> None:
    pat, ann, bob, _a = await _missed_for_real(bed)
    await _run_to_missed(bed)
    [dose] = [d for d in await bed.rows(DoseEvent) if d.status == "missed"]
    [alert] = [t for t in await bed.texts(ann) if "has not recorded" in t]
    assert "Monday 2 March at 09:00" in alert
    assert not any("has not recorded" in t for t in await bed.texts(bob))
    assert dose.user_id == pat


async def test_a_carer_with_proxy_permission_logs_the_dose_for_the_patient(bed: CareBed) -> None:
    pat, ann, bob, a = await _missed_for_real(bed)
    await bed.do(pat, f"cr:p:{a}:proxy")
    await _run_to_missed(bed)
    await bed.advance(timedelta(hours=1))  # Bob is alerted too
    reply = await bed.press(ann, "It was given")
    assert "was given, logged by you" in reply[-1]
    [dose] = [d for d in await bed.rows(DoseEvent) if d.status == "taken"]
    assert (dose.source, dose.logged_by, dose.taken_at) == ("carer", ann, bed.clock.now())
    assert "Ann recorded that your dose due Monday 2 March at 09:00 was given" in (await bed.texts(pat))[-1]
    assert "Ann recorded that Pat's dose" in (await bed.texts(bob))[-1]
    again = await bed.press(ann, "It was given")
    assert "already been recorded" in again[0]


async def test_without_proxy_permission_the_button_is_absent_and_forged_presses_refused(bed: CareBed) -> None:
    _pat, ann, _bob, a = await _missed_for_real(bed)
    await _run_to_missed(bed)
    [dose] = [d for d in await bed.rows(DoseEvent) if d.status == "missed"]
    last = (await bed.sent(ann))[-1]
    assert "It was given" not in str(last.markup)
    before = await bed.snapshot()
    reply = await bed.do(ann, f"cr:giv:{a}:{dose.id}")
    assert "Pat has not allowed that" in reply[0]
    assert await bed.snapshot() == before


async def test_proxy_is_refused_for_a_future_dose(bed: CareBed) -> None:
    pat, ann, _bob, a = await _missed_for_real(bed)
    await bed.do(pat, f"cr:p:{a}:proxy")
    await _run_to_missed(bed)
    future = [d for d in await bed.rows(DoseEvent) if d.status == "scheduled"]
    assert future, "the planner keeps the next dose open"
    before = await bed.snapshot()
    reply = await bed.do(ann, f"cr:giv:{a}:{future[0].id}")
    assert "already been recorded" in reply[0] or "no longer valid" in reply[0]
    assert await bed.snapshot() == before


async def test_reminder_copies_go_once_per_dose_only_to_carers_who_chose_them(bed: CareBed) -> None:
    pat, ann, bob, a = await _missed_for_real(bed)
    await bed.do(pat, f"cr:p:{a}:reminders")
    [dose] = [d for d in await bed.rows(DoseEvent) if d.status == "scheduled"]
    for _ in range(2):
        await bed.emit(pat, "dose.reminded", dose=lambda s: s.get(DoseEvent, dose.id))
    assert sum("Reminder for Pat" in t for t in await bed.texts(ann)) == 1
    assert not any("Reminder for Pat" in t for t in await bed.texts(bob))
    links = await bed.rows(CarerLink)
    assert len(links) == 2
