"""Reminders on time, repeats, snooze, skip, missed, and what fell due while the bot was down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.context import Ctx
from tests.dosing.support import Bed, buttons, data_for

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_a_stored_prescription_plans_one_dose_with_its_reminder(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    event = await bed.open_event(alice)
    assert (event.status, event.due_at, event.local_due, event.timezone) == (
        "scheduled", NINE, "2026-03-02 09:00", "Europe/London")
    keys = [t.dedupe_key for t in await bed.tasks(alice)]
    assert keys == [f"remind:{event.id}:0", f"missed:{event.id}:0"]


async def test_the_reminder_arrives_at_the_due_instant_and_not_before(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance(timedelta(minutes=59))
    assert await bed.texts(alice) == []
    await bed.advance(timedelta(minutes=1))
    [reminder] = await bed.sent(alice)
    assert "Time for your B12 injection" in reminder.text and "into the muscle (IM)" in reminder.text
    assert "Suggested site: Thigh" in reminder.text and "was due" not in reminder.text
    assert [b for b, _ in buttons(reminder)] == ["Taken", "Snooze 15 min", "Snooze 1 hour", "Skip", "Checklist"]
    assert (await bed.open_event(alice)).status == "reminded"


async def test_unanswered_reminders_repeat_then_the_dose_is_marked_missed(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    seen: list[Any] = []

    async def on_missed(ctx: Ctx, dose: Any) -> None:
        seen.append((ctx.user.id, dose.id, dose.status))

    bed.rt.registry.on("dose.missed", on_missed)
    first = await bed.open_event(alice)
    for minutes in (60, 30, 90):  # 09:00, 09:30, 11:00
        await bed.advance(timedelta(minutes=minutes))
    texts = await bed.texts(alice)
    assert len(texts) == 3 and all("not logged yet" in t for t in texts[1:])
    await bed.advance(timedelta(hours=3, minutes=59))
    assert len(await bed.texts(alice)) == 3
    await bed.advance(timedelta(minutes=1))  # 15:00, six hours after the due time
    missed = await bed.last(alice)
    assert "marked it as missed" in missed.text and "Do not double up" in missed.text
    assert buttons(missed)[0][0] == "Taken"
    assert seen == [(alice, first.id, "missed")]
    following = await bed.open_event(alice)
    assert following.due_at == NINE + timedelta(days=7)
    await bed.advance(timedelta(days=1))
    assert len(await bed.texts(alice)) == 4


async def test_snooze_reminds_again_after_15_minutes(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    reply = await bed.do(alice, data_for(await bed.last(alice), "Snooze 15"))
    assert reply == ["OK, I will remind you again in 15 minutes (at 09:15)."]
    await bed.advance(timedelta(minutes=14))
    assert len(await bed.texts(alice)) == 2
    await bed.advance(timedelta(minutes=1))
    assert "not logged yet" in (await bed.last(alice)).text
    assert len(await bed.texts(alice)) == 3


async def test_a_late_snooze_pushes_the_missed_deadline_past_the_reminder(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    dose = await bed.open_event(alice)
    await bed.advance(timedelta(hours=5, minutes=30))  # 14:30
    await bed.do(alice, f"d:z:{dose.id}:60")
    await bed.advance(timedelta(minutes=31))  # 15:01: past the old deadline
    assert (await bed.open_event(alice)).id == dose.id
    await bed.advance(timedelta(minutes=29))  # 15:30: the snoozed reminder
    assert "not logged yet" in (await bed.last(alice)).text
    await bed.advance(timedelta(minutes=30))
    assert "marked it as missed" in (await bed.last(alice)).text


async def test_skip_asks_why_stores_the_reason_and_stops_reminders(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    dose = await bed.open_event(alice)
    [ask] = await bed.do(alice, f"d:s:{dose.id}")
    assert "Why are you skipping" in ask
    assert [b for b, _ in buttons(await bed.last(alice))][:2] == ["I feel unwell", "No medicine or supplies"]
    [done] = await bed.do(alice, f"d:s:{dose.id}:no_supplies")
    assert "skipped" in done and "Do not take an extra dose" in done and "Monday 9 March at 09:00" in done
    [skipped] = [e for e in await bed.events(alice) if e.id == dose.id]
    assert (skipped.status, skipped.skip_reason, skipped.logged_by) == ("skipped", "no_supplies", alice)
    count = len(await bed.texts(alice))
    await bed.advance(timedelta(hours=8))
    assert len(await bed.texts(alice)) == count


async def test_what_fell_due_during_downtime_is_sent_once_saying_when_it_was_due(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance_to(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))  # down from 08:00 to 12:00
    [late] = await bed.texts(alice)
    assert "it was due at Monday 2 March at 09:00" in late
    await bed.rt.timer.tick()
    await bed.advance(timedelta(hours=2, minutes=59))
    assert len(await bed.texts(alice)) == 1  # the 09:30 and 11:00 repeats fell in the downtime
    await bed.advance(timedelta(minutes=1))
    assert "marked it as missed" in (await bed.last(alice)).text


async def test_downtime_past_the_missed_deadline_sends_only_the_missed_note(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance_to(datetime(2026, 3, 2, 18, 0, tzinfo=UTC))
    [missed] = await bed.texts(alice)
    assert "due Monday 2 March at 09:00" in missed and "marked it as missed" in missed


async def test_the_checklist_goes_step_by_step_and_can_be_turned_off(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    await bed.advance(timedelta(hours=1))
    dose = await bed.open_event(alice)
    [step1] = await bed.do(alice, f"d:k:{dose.id}:0")
    assert "step 1 of 7" in step1 and "Wash your hands" in step1
    [step2] = await bed.do(alice, data_for(await bed.last(alice), "Done, next"))
    assert "step 2 of 7" in step2 and "into the muscle (IM)" in step2
    [done] = await bed.do(alice, data_for(await bed.last(alice), "Skip the checklist"))
    assert "press Taken" in done
    await bed.do(alice, data_for(await bed.last(alice), "Don't show"))
    assert not (await bed.user(alice)).checklist_enabled
    await bed.advance(timedelta(minutes=30))
    assert "Checklist" not in [b for b, _ in buttons(await bed.last(alice))]
