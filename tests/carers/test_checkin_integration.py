"""With the real check-in feature: carer reports, the patient's own URGENT, and "I can't call"."""

from __future__ import annotations

from sqlalchemy import select

from bot.carers import report
from bot.db.models import CarerLink, TriageDecision
from tests.carers.support import CareBed

URGENT = "URGENT: Pat may be having a serious reaction"


async def _trio(bed: CareBed) -> tuple[int, int, int]:
    pat = await bed.person("Pat", timezone="Europe/London", country="GB")
    ann, bob = await bed.person("Ann"), await bed.person("Bob")
    await bed.link(pat, ann)
    await bed.link(pat, bob)
    return pat, ann, bob


def _n(texts: list[str], needle: str = URGENT) -> int:
    return sum(needle in t for t in texts)


async def test_the_carer_screen_runs_before_the_check_in_screen(bed: CareBed) -> None:
    assert bed.rt.registry.screens[0] is report.screen
    assert len(bed.rt.registry.screens) >= 2


async def test_a_carers_urgent_report_reaches_the_patient_and_the_other_carer(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    replies = await bed.do(ann, "she has hives all over and her lips are swelling")
    assert any("CALL 999 NOW and stay with them" in r for r in replies)
    told = (await bed.sent(pat))[-1]
    assert told.priority == 0 and "999" in told.text and "I can't call" in str(told.markup)
    [alert] = [t for t in await bed.texts(bob) if URGENT in t]
    assert "hives" in alert and "call 999 now" in alert and "lips are swelling" not in alert
    assert _n(await bed.texts(ann)) == 0
    async with bed.rt.db.session() as s:
        [row] = (await s.scalars(select(TriageDecision))).all()
        assert (row.user_id, row.reporter_id, row.level, row.source) == (pat, ann, "URGENT", "carer")


async def test_a_carers_milder_report_asks_the_patient_and_tells_the_carer(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    replies = await bed.do(ann, "her arm is a bit sore")
    assert "passed this on to Pat" in replies[-1]
    assert any("Ann told me you may have symptoms" in t for t in await bed.texts(pat))
    assert _n(await bed.texts(bob)) == 0


async def test_the_patients_own_urgent_text_alerts_both_carers_and_cant_call_updates_once(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    await bed.do(pat, "my lips are swelling up")
    assert _n(await bed.texts(ann)) == 1 and _n(await bed.texts(bob)) == 1
    for _ in range(2):
        await bed.press(pat, "I can't call")
    for carer in (ann, bob):
        assert _n(await bed.texts(carer), "Pat says they cannot call for help") == 1
    assert "told your carers" in (await bed.texts(pat))[-1]


async def test_a_carer_pressing_cant_call_updates_the_other_carers_only(bed: CareBed) -> None:
    _pat, ann, bob = await _trio(bed)
    await bed.do(ann, "he can't breathe")
    await bed.press(ann, "I can't call")
    assert _n(await bed.texts(bob), "Ann, who is helping Pat, says they cannot call") == 1
    assert _n(await bed.texts(ann), "cannot call for help") == 0


async def test_after_the_link_ends_reports_from_the_old_carer_are_their_own(bed: CareBed) -> None:
    pat, ann, bob = await _trio(bed)
    [link] = [x.id for x in await bed.rows(CarerLink) if x.carer_id == ann]
    await bed.do(pat, f"cr:endok:{link}")
    await bed.do(ann, "she has hives all over")
    assert _n(await bed.texts(bob)) == 0
    async with bed.rt.db.session() as s:
        assert [r.user_id for r in (await s.scalars(select(TriageDecision))).all()] in ([], [ann])
