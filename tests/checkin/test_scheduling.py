"""Check-ins tied to each logged dose: when they are sent, and when they are not."""

from __future__ import annotations

from datetime import timedelta

from flows.events import PressIn
from tests.checkin.support import Bed

OPENING = "How are you after your injection?"


async def _openings(bed: Bed, user: int) -> int:
    return sum(OPENING in m.text for m in await bed.sent(user))


async def test_three_check_ins_are_scheduled_once_per_dose(bed: Bed) -> None:
    alice = await bed.person()
    dose = await bed.dose(alice)
    due = sorted(t.due_at - bed.clock.now() for t in await bed.tasks(alice, "checkin.due"))
    assert due == [timedelta(minutes=30), timedelta(hours=24), timedelta(hours=72)]
    async with bed.rt.db.session() as s:
        from bot.context import Ctx
        from bot.db.models import DoseEvent, User

        ctx = Ctx(bed.rt, s, await s.get(User, alice), bed.clock.now())
        await bed.rt.registry.emit("dose.taken", ctx, dose=await s.get(DoseEvent, dose))
    assert len(await bed.tasks(alice, "checkin.due")) == 3


async def test_the_times_come_from_the_settings(db, clock) -> None:
    bed = Bed(db, clock, checkin_minutes="10,60")
    alice = await bed.person()
    await bed.dose(alice)
    due = sorted(t.due_at - bed.clock.now() for t in await bed.tasks(alice, "checkin.due"))
    assert due == [timedelta(minutes=10), timedelta(minutes=60)]


async def test_the_first_check_in_arrives_after_30_minutes_only(bed: Bed) -> None:
    alice = await bed.person()
    await bed.dose(alice)
    await bed.advance(timedelta(minutes=29))
    assert await _openings(bed, alice) == 0
    await bed.advance(timedelta(minutes=1))
    assert await _openings(bed, alice) == 1
    await bed.advance(timedelta(minutes=1))
    assert await _openings(bed, alice) == 0


async def test_the_72_hour_check_in_only_follows_something_reported(bed: Bed) -> None:
    quiet, sore = await bed.person("Quiet"), await bed.person("Sore")
    await bed.dose(quiet)
    await bed.dose(sore)
    await bed.advance(timedelta(minutes=30))
    await bed.sent(quiet)
    await bed.do(sore, "my arm is a bit sore")
    await bed.advance(timedelta(hours=24))
    assert await _openings(bed, quiet) == 1
    await bed.sent(sore)
    await bed.advance(timedelta(hours=48))
    assert await _openings(bed, quiet) == 0
    assert await _openings(bed, sore) == 1


async def test_an_undone_dose_has_no_check_ins(bed: Bed) -> None:
    alice = await bed.person()
    dose = await bed.dose(alice)
    async with bed.rt.db.session() as s:
        from bot.context import Ctx
        from bot.db.models import DoseEvent, User

        event = await s.get(DoseEvent, dose)
        event.status, event.undone_at = "undone", bed.clock.now()
        ctx = Ctx(bed.rt, s, await s.get(User, alice), bed.clock.now())
        await bed.rt.registry.emit("dose.undone", ctx, dose=event)
    await bed.advance(timedelta(hours=25))
    assert await _openings(bed, alice) == 0


async def test_a_dose_logged_late_gets_one_check_in_not_a_pile(bed: Bed) -> None:
    alice = await bed.person()
    await bed.dose(alice, ago=timedelta(hours=26))
    pending = await bed.tasks(alice, "checkin.due")
    assert sorted(t.payload["n"] for t in pending) == [2, 3]
    await bed.advance(timedelta(seconds=1))
    assert await _openings(bed, alice) == 1


async def test_a_new_check_in_closes_an_unanswered_one(bed: Bed) -> None:
    alice = await bed.person()
    await bed.dose(alice)
    await bed.advance(timedelta(minutes=30))
    [first] = [m for m in await bed.sent(alice) if OPENING in m.text]
    await bed.advance(timedelta(hours=24))
    assert await _openings(bed, alice) == 1
    reply = await bed.do(alice, PressIn(first.data("None of these")))  # an old button changes nothing
    assert "no longer valid" in reply[-1].text
    assert len(await bed.episodes(alice)) == 2
