"""/carers: permissions per carer, primary carer, ending from either side, unreachable carers."""

from __future__ import annotations

from datetime import timedelta

from bot.carers import reachability
from bot.db.models import CarerLink, User
from flows.carers import permissions as perms
from tests.carers.support import CareBed, buttons


async def _labels(bed: CareBed, user: int) -> list[str]:
    return [t for t, _ in buttons((await bed.sent(user))[-1])]


async def test_defaults_and_toggles_per_carer(bed: CareBed) -> None:
    pat, ann = await bed.person("Pat"), await bed.person("Ann")
    link = await bed.link(pat, ann)
    labels = await _labels(bed, pat)
    assert labels[:6] == [
        "🔒 Urgent alerts (always on)",
        "✅ Missed-dose alerts",
        "⬜ Copies of my reminders",
        "⬜ Alerts when I need a clinician's advice",
        "⬜ May record a dose as given",
        "⬜ May see my recent doses",
    ]
    await bed.press(pat, "⬜ May see my recent doses")
    await bed.press(pat, "✅ Missed-dose alerts")
    [row] = await bed.rows(CarerLink)
    assert perms.effective(row.permissions) == {**perms.DEFAULTS, "history": True, "missed": False}
    assert row.id == link
    assert "✅ May see my recent doses" in await _labels(bed, pat)


async def test_overview_lists_carers_and_people_helped(bed: CareBed) -> None:
    pat, ann, quinn = await bed.person("Pat"), await bed.person("Ann"), await bed.person("Quinn")
    await bed.link(pat, ann)
    await bed.link(quinn, ann)
    [mine] = await bed.do(pat, "/carers")
    assert "Your carers:" in mine and "• Ann (first to hear about a missed dose)" in mine
    [theirs] = await bed.do(ann, "/carers")
    assert "People you help:" in theirs and "• Pat" in theirs and "• Quinn" in theirs
    assert "Stop helping Pat" in await _labels(bed, ann)


async def test_the_carer_can_end_the_link_and_the_patient_is_told(bed: CareBed) -> None:
    pat, ann = await bed.person("Pat"), await bed.person("Ann")
    await bed.link(pat, ann)
    await bed.do(ann, "/carers")
    ask = await bed.press(ann, "Stop helping Pat")
    assert "Stop being Pat's carer?" in ask[0]
    await bed.press(ann, "Yes, end it")
    assert "Ann has stopped being your carer" in (await bed.texts(pat))[-1]
    [row] = await bed.rows(CarerLink)
    assert (row.status, row.ended_by) == ("ended", ann)


async def test_keep_it_changes_nothing(bed: CareBed) -> None:
    pat, ann = await bed.person("Pat"), await bed.person("Ann")
    await bed.link(pat, ann)
    await bed.do(ann, "/carers")
    await bed.press(ann, "Stop helping Pat")
    before = await bed.snapshot()
    await bed.press(ann, "No, keep it")
    assert await bed.snapshot() == before


async def test_second_carer_is_not_primary_until_chosen(bed: CareBed) -> None:
    pat, ann, bob = await bed.person("Pat"), await bed.person("Ann"), await bed.person("Bob")
    await bed.link(pat, ann)
    b = await bed.link(pat, bob)
    await bed.do(pat, f"cr:pri:{b}")
    primaries = {x.carer_id for x in await bed.rows(CarerLink) if x.is_primary}
    assert primaries == {bob}


async def test_a_carer_who_blocked_the_bot_is_skipped_and_the_patient_told(bed: CareBed) -> None:
    pat, ann, bob = await bed.person("Pat"), await bed.person("Ann"), await bed.person("Bob")
    await bed.link(pat, ann)
    await bed.link(pat, bob)
    async with bed.rt.db.session() as s:
        (await s.get(User, ann)).unreachable_at = bed.clock.now()
    await reachability.carer_unreachable(bed.rt, ann)
    assert "I can't reach Ann any more" in (await bed.texts(pat))[-1]
    before = len(await bed.texts(ann))
    await bed.missed_dose(pat)
    # Ann was primary but cannot be reached, so Bob hears at once; Ann gets nothing queued.
    assert any("has not recorded" in t for t in await bed.texts(bob))
    await bed.advance(timedelta(hours=2))
    assert len(await bed.texts(ann)) == before
