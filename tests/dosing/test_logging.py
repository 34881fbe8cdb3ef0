"""Taken and /log: site, route, batch, time; corrections, undo, the double-dose guard; what is emitted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.context import Ctx
from tests.dosing.support import DAILY, Bed, buttons, data_for

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _reminded(bed: Bed, **prescription: Any) -> tuple[int, int]:
    alice = await bed.patient()
    await bed.prescribe(alice, **prescription)
    await bed.advance(timedelta(hours=1))
    return alice, (await bed.open_event(alice)).id


async def _answer(bed: Bed, user: int, *labels: str) -> list[str]:
    out: list[str] = []
    for label in labels:
        last = await bed.last(user)
        out = await bed.do(user, data_for(last, label)) if buttons(last) and not label.startswith("text:") else \
            await bed.do(user, label.removeprefix("text:"))
    return out


async def test_taken_logs_site_route_batch_and_time_then_plans_the_next_dose(bed: Bed) -> None:
    alice, dose_id = await _reminded(bed)
    seen: list[Any] = []

    async def on_taken(ctx: Ctx, dose: Any) -> None:
        seen.append((dose.id, dose.status, dose.taken_at))

    bed.rt.registry.on("dose.taken", on_taken)
    [ask_site] = await bed.do(alice, f"d:t:{dose_id}")
    assert "Where did you inject?" in ask_site
    assert [b for b, _ in buttons(await bed.last(alice))] == ["Thigh (suggested)", "Outer hip", "Upper arm"]
    [ask_route] = await _answer(bed, alice, "Thigh")
    assert "Your prescription says into the muscle (IM)" in ask_route
    [ask_batch] = await _answer(bed, alice, "into the muscle (IM)")
    assert "batch or lot number" in ask_batch
    [ask_time] = await _answer(bed, alice, "text:AB1234")
    assert "When did you have it?" in ask_time
    replies = await _answer(bed, alice, "Just now")
    assert "Logged" in replies[-1] and "Thigh" in replies[-1] and "batch AB1234" in replies[-1]
    assert "Your next dose: Monday 9 March at 09:00" in replies[-1]
    assert [b for b, _ in buttons(await bed.last(alice))] == ["Correct it", "Undo"]
    [dose] = [e for e in await bed.events(alice) if e.id == dose_id]
    assert (dose.status, dose.site, dose.route, dose.batch, dose.taken_at, dose.logged_by, dose.logged_at) == (
        "taken", "thigh", "IM", "AB1234", NINE, alice, NINE)
    assert seen == [(dose_id, "taken", NINE)]
    assert (await bed.open_event(alice)).due_at == NINE + timedelta(days=7)
    count = len(await bed.texts(alice))
    await bed.advance(timedelta(hours=6))
    later = (await bed.texts(alice))[count:]
    # The post-injection check-in may arrive in this window; no repeat reminder and no missed note may.
    markers = ("Time for your B12 injection", "Reminder: your B12 injection", "marked it as missed")
    assert not [t for t in later if any(m in t for m in markers)]
    [next_reply] = await bed.do(alice, "/next")
    assert "Your next dose is Monday 9 March at 09:00 (Europe/London time)" in next_reply


async def test_the_next_suggestion_is_the_site_rested_longest(bed: Bed) -> None:
    alice, dose_id = await _reminded(bed, regimen=DAILY)
    await bed.do(alice, f"d:t:{dose_id}")
    await _answer(bed, alice, "Thigh", "into the muscle (IM)", "Skip", "Just now")
    await bed.advance(timedelta(days=1))
    assert "Suggested site: Outer hip" in (await bed.last(alice)).text


async def test_upper_arm_is_refused_above_1_ml_and_buttock_is_warned(bed: Bed) -> None:
    alice, dose_id = await _reminded(bed, dose_ml="1.5", sites=["upper_arm", "buttock", "thigh"])
    await bed.do(alice, f"d:t:{dose_id}")
    [refused] = await _answer(bed, alice, "Upper arm")
    assert "not used for more than 1 mL" in refused and "tell your prescriber" in refused
    assert "Upper arm" not in [b for b, _ in buttons(await bed.last(alice))]
    assert (await bed.open_event(alice)).site is None
    [warned] = await _answer(bed, alice, "Buttock")
    assert "only be used if a health professional gives the injection" in warned


async def test_a_route_other_than_prescribed_gets_advice_not_a_repeat(bed: Bed) -> None:
    alice, dose_id = await _reminded(bed)
    await bed.do(alice, f"d:t:{dose_id}")
    replies = await _answer(bed, alice, "Thigh", "under the skin (SC)", "Skip", "Just now")
    assert "You used under the skin (SC), but your prescription says into the muscle (IM)" in replies[-1]
    assert "Do not repeat the dose" in replies[-1]
    [dose] = [e for e in await bed.events(alice) if e.id == dose_id]
    assert dose.route == "SC"


async def test_bad_batch_and_time_are_asked_again_and_nothing_is_stored(bed: Bed) -> None:
    alice, dose_id = await _reminded(bed)
    await bed.do(alice, f"d:t:{dose_id}")
    await _answer(bed, alice, "Thigh", "into the muscle (IM)")
    [again] = await bed.do(alice, "🙂🙂🙂")
    assert "does not look like a batch number" in again and "AB1234" in again
    await _answer(bed, alice, "Skip", "Earlier")
    for typed, expected in (("soon-ish", "could not read that time"), ("11:00", "still to come"),
                            ("x" * 900, "could not read that time")):
        [reply] = await bed.do(alice, typed)
        assert expected in reply and "for example" in reply
        assert (await bed.open_event(alice)).status == "reminded"
    replies = await bed.do(alice, "08:45")
    assert "Logged" in replies[-1] and "Monday 2 March at 08:45" in replies[-1]


async def test_manual_log_counts_for_the_planned_dose_when_it_is_near(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice)
    planned = await bed.open_event(alice)
    await bed.advance(timedelta(minutes=30))  # 08:30, before the reminder
    await bed.do(alice, "/log")
    replies = await _answer(bed, alice, "Outer hip", "into the muscle (IM)", "Skip", "Just now")
    assert "Logged" in replies[-1]
    [dose] = [e for e in await bed.events(alice) if e.id == planned.id]
    assert (dose.status, dose.source, dose.site) == ("taken", "manual", "outer_hip")
    await bed.advance(timedelta(hours=1))
    assert not any("Time for your B12" in t for t in await bed.texts(alice))


async def test_a_dose_sooner_than_the_plan_allows_asks_first_and_no_stores_nothing(bed: Bed) -> None:
    alice, dose_id = await _reminded(bed)
    await bed.do(alice, f"d:t:{dose_id}")
    await _answer(bed, alice, "Thigh", "into the muscle (IM)", "Skip", "Just now")
    await bed.advance(timedelta(hours=2))
    [menu] = await bed.do(alice, "/log")
    assert "What would you like to do?" in menu
    await _answer(bed, alice, "Log a dose", "Outer hip", "into the muscle (IM)", "Skip")
    [guard] = await _answer(bed, alice, "Just now")
    assert "not due before Monday 9 March" in guard and "Never take more than your prescriber prescribed" in guard
    before = await bed.events(alice)
    [declined] = await _answer(bed, alice, "No, do not log it")
    assert "have not logged anything" in declined
    assert [(e.id, e.status) for e in await bed.events(alice)] == [(e.id, e.status) for e in before]
    await bed.do(alice, "/log")
    await _answer(bed, alice, "Log a dose", "Outer hip", "into the muscle (IM)", "Skip", "Just now")
    replies = await _answer(bed, alice, "Yes, I had it")
    assert "Logged" in replies[-1]
    extra = [e for e in await bed.events(alice) if e.source == "manual"]
    assert len(extra) == 1 and extra[0].status == "taken" and extra[0].due_at is None
    assert (await bed.open_event(alice)).due_at == NINE + timedelta(days=7)


async def test_undo_within_24_hours_keeps_the_entry_and_reopens_the_dose(bed: Bed) -> None:
    alice, dose_id = await _reminded(bed)
    await bed.do(alice, f"d:t:{dose_id}")
    await _answer(bed, alice, "Thigh", "into the muscle (IM)", "Skip", "Just now")
    next_week = await bed.open_event(alice)
    [undone] = await _answer(bed, alice, "Undo")
    assert "marked that log entry as undone" in undone and "due Monday 2 March at 09:00 is open again" in undone
    events = {e.id: e for e in await bed.events(alice)}
    assert events[dose_id].status == "reminded" and events[dose_id].undone_at == bed.clock.now()
    assert events[next_week.id].status == "cancelled"
    [again] = await bed.do(alice, f"d:u:{dose_id}")
    assert "Nothing was changed" in again


async def test_correct_changes_the_last_log_and_not_after_24_hours(bed: Bed) -> None:
    alice, dose_id = await _reminded(bed)
    await bed.do(alice, f"d:t:{dose_id}")
    await _answer(bed, alice, "Thigh", "into the muscle (IM)", "Skip", "Just now")
    await _answer(bed, alice, "Correct it", "Outer hip", "into the muscle (IM)", "text:ZX9", "Earlier")
    replies = await bed.do(alice, "08:50")
    assert "Your log is corrected" in replies[-1] and "Outer hip" in replies[-1]
    [dose] = [e for e in await bed.events(alice) if e.id == dose_id]
    assert (dose.site, dose.batch, dose.taken_at) == ("outer_hip", "ZX9", NINE - timedelta(minutes=10))
    await bed.advance(timedelta(hours=25))
    [late] = await bed.do(alice, f"d:e:{dose_id}")
    assert "within 24 hours" in late
    [late] = await bed.do(alice, f"d:u:{dose_id}")
    assert "within 24 hours" in late
