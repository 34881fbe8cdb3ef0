"""Stale and forged buttons are refused politely and change nothing."""

from __future__ import annotations

from datetime import timedelta

from bot.db.models import Prescription
from tests.dosing.support import Bed


async def _state(bed: Bed, *users: int) -> list[tuple[int, str, object, object]]:
    rows = []
    for user in users:
        rows += [(e.id, e.status, e.site, e.snoozed_until) for e in await bed.events(user)]
        rows += [(t.id, t.status, t.due_at, None) for t in await bed.tasks(user)]
    return rows


async def test_another_persons_dose_id_is_refused_for_every_action(bed: Bed) -> None:
    alice, mallory = await bed.patient(), await bed.patient()
    await bed.prescribe(alice)
    await bed.prescribe(mallory)
    await bed.advance(timedelta(hours=1))
    target = (await bed.open_event(alice)).id
    before = await _state(bed, alice, mallory)
    for data in (f"d:t:{target}", f"d:z:{target}:15", f"d:s:{target}", f"d:s:{target}:away", f"d:k:{target}:0",
                 f"d:e:{target}", f"d:u:{target}", "d:t:999999", "d:z:1:abc", "d:t:1;DROP"):
        [reply] = await bed.do(mallory, data)
        assert "no longer valid" in reply
    assert await _state(bed, alice, mallory) == before


async def test_a_dose_already_taken_or_skipped_refuses_taken(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    dose = (await bed.open_event(alice)).id
    await bed.do(alice, f"d:s:{dose}:away")
    before = await _state(bed, alice)
    [reply] = await bed.do(alice, f"d:t:{dose}")
    assert "skipped or has been replaced" in reply
    [reply] = await bed.do(alice, f"d:z:{dose}:15")
    assert "skipped or has been replaced" in reply
    assert await _state(bed, alice) == before


async def test_a_button_from_a_changed_regimen_is_refused(bed: Bed) -> None:
    alice = await bed.patient()
    first = await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    old = (await bed.open_event(alice)).id
    async with bed.rt.db.session() as s:
        p = await s.get(Prescription, first)
        assert p is not None
        p.active = False
    await bed.prescribe(alice, at="18:00")
    [reply] = await bed.do(alice, f"d:t:{old}")
    assert "plan has changed" in reply
    assert [e.status for e in await bed.events(alice) if e.id == old] == ["cancelled"]


async def test_an_old_question_button_is_refused(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    dose = (await bed.open_event(alice)).id
    await bed.do(alice, f"d:t:{dose}")
    [reply] = await bed.do(alice, f"d:f:{dose}:time:now")  # answering a question not asked yet
    assert "no longer open" in reply
    [reply] = await bed.do(alice, "d:f:m:site:thigh")
    assert "no longer open" in reply
    assert (await bed.open_event(alice)).status == "reminded"
