"""Pause, review, time zone changes, heads-up and supplies: each replans without touching the log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.context import Ctx
from bot.db.models import User
from bot.dosing import planner
from tests.dosing.support import Bed, buttons, data_for

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _set(bed: Bed, user_id: int, replan: bool = True, **fields: object) -> None:
    async with bed.rt.db.session() as s:
        user = await s.get(User, user_id)
        assert user is not None
        for name, value in fields.items():
            setattr(user, name, value)
        if replan:
            ctx = Ctx(bed.rt, s, user, bed.clock.now())
            await planner.replan_user(ctx, user_id)
            await ctx.flush()


async def test_pause_stops_reminders_and_resume_plans_again(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    [paused] = await bed.do(alice, "/pause")
    assert "paused" in paused and "does not change your treatment" in paused and "/resume" in paused
    [again] = await bed.do(alice, "/pause")
    assert "already paused" in again
    await bed.advance(timedelta(hours=12))
    assert len(await bed.texts(alice)) == 2
    [nxt] = await bed.do(alice, "/next")
    assert "paused" in nxt
    await bed.advance_to(datetime(2026, 3, 8, 12, tzinfo=UTC))
    [resumed] = await bed.do(alice, "/resume")
    assert "back on" in resumed and "Monday 9 March at 09:00" in resumed
    await bed.advance_to(datetime(2026, 3, 9, 9, tzinfo=UTC))
    assert "Time for your B12" in (await bed.last(alice)).text


async def test_pending_review_replaces_the_reminder_with_an_explanation(bed: Bed) -> None:
    alice = await bed.patient(review_pending=True)
    await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    [note] = await bed.texts(alice)
    assert "paused until your prescriber has reviewed your plan" in note and "My clinician changed my plan" in note
    await bed.advance(timedelta(hours=2))
    assert len(await bed.texts(alice)) == 1
    assert (await bed.open_event(alice)).status == "scheduled"
    await _set(bed, alice, review_pending=False)
    await bed.rt.timer.tick()
    assert "it was due at Monday 2 March at 09:00" in (await bed.last(alice)).text
    await bed.advance(timedelta(hours=4))
    assert "marked it as missed" in (await bed.last(alice)).text


async def test_a_new_time_zone_moves_future_doses_and_keeps_the_log(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    dose = (await bed.open_event(alice)).id
    await bed.do(alice, f"d:t:{dose}")
    for label in ("Thigh", "into the muscle (IM)", "Skip", "Just now"):
        await bed.do(alice, data_for(await bed.last(alice), label))
    planned = await bed.open_event(alice)
    await _set(bed, alice, timezone="America/New_York")
    moved = await bed.open_event(alice)
    assert moved.id != planned.id and moved.due_at == datetime(2026, 3, 9, 13, tzinfo=UTC)  # 09:00 EDT
    assert [e.status for e in await bed.events(alice) if e.id in (dose, planned.id)] == ["taken", "cancelled"]
    # Keep home time while travelling: the home zone wins.
    await _set(bed, alice, home_timezone="Europe/London")
    assert (await bed.open_event(alice)).due_at == datetime(2026, 3, 9, 9, tzinfo=UTC)
    [nxt] = await bed.do(alice, "/next")
    assert "Monday 9 March at 09:00 (Europe/London time)" in nxt


async def test_replan_is_idempotent(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    before = [(e.id, e.status) for e in await bed.events(alice)], [t.id for t in await bed.tasks(alice)]
    await _set(bed, alice)
    after = [(e.id, e.status) for e in await bed.events(alice)], [t.id for t in await bed.tasks(alice)]
    assert before == after


async def test_heads_up_the_day_before_with_supplies_and_counting_down(bed: Bed) -> None:
    alice = await bed.patient(heads_up_enabled=True)
    await bed.prescribe(alice, start=date(2026, 3, 3), supplies={"ampoules": 3})
    await bed.advance(timedelta(hours=1))
    heads_up = await bed.last(alice)
    assert "Heads-up" in heads_up.text and "Tuesday 3 March at 09:00" in heads_up.text
    assert "sharps container" in heads_up.text and "3 ampoule(s) left" in heads_up.text
    await bed.do(alice, data_for(heads_up, "Update my supplies"))
    [again] = await bed.do(alice, "lots")
    assert "whole number" in again
    [saved] = await bed.do(alice, "3")
    assert "Saved: 3" in saved
    await bed.advance(timedelta(days=1))
    dose = (await bed.open_event(alice)).id
    await bed.do(alice, f"d:t:{dose}")
    replies = []
    for label in ("Thigh", "into the muscle (IM)", "Skip", "Just now"):
        replies = await bed.do(alice, data_for(await bed.last(alice), label))
    assert any("You have 2 ampoule(s) left" in r for r in replies)
    p = await bed.prescription((await bed.open_event(alice)).prescription_id or 0)
    assert p.supplies == {"ampoules": 2}


async def test_schedule_lists_the_next_five_in_local_time(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    [reply] = await bed.do(alice, "/schedule")
    assert "Europe/London" in reply
    for n, day in enumerate(("2 March", "9 March", "16 March", "23 March", "30 March"), start=1):
        assert f"{n}. Monday {day} at 09:00" in reply
    assert buttons(await bed.last(alice)) == []
