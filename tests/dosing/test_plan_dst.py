"""Reminder instants hold local wall time across DST, both ways, in four zones; gap and repeated hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from flows.dosing.guard import needs_confirmation
from flows.dosing.plan import counts_for, next_slots, place, planned_date
from flows.regimen import End, Phase, PlannedDose, Regimen, template_regimen

DAILY = Regimen((Phase.interval(1, "day", End.open()),))
WEEKLY = Regimen((Phase.interval(1, "week", End.open()),))


@pytest.mark.parametrize(
    ("tz", "start", "before", "after"),
    [
        ("Europe/London", date(2026, 3, 26), timedelta(0), timedelta(hours=1)),
        ("Europe/London", date(2026, 10, 22), timedelta(hours=1), timedelta(0)),
        ("America/New_York", date(2026, 3, 5), timedelta(hours=-5), timedelta(hours=-4)),
        ("America/New_York", date(2026, 10, 29), timedelta(hours=-4), timedelta(hours=-5)),
        ("Australia/Sydney", date(2026, 4, 1), timedelta(hours=11), timedelta(hours=10)),
        ("Australia/Sydney", date(2026, 10, 1), timedelta(hours=10), timedelta(hours=11)),
        ("Asia/Kolkata", date(2026, 3, 26), timedelta(hours=5, minutes=30), timedelta(hours=5, minutes=30)),
    ],
)
def test_a_daily_0900_reminder_stays_at_0900_local_across_the_change(
    tz: str, start: date, before: timedelta, after: timedelta
) -> None:
    now = datetime.combine(start, time(0), ZoneInfo(tz)).astimezone(UTC)
    slots = next_slots(DAILY, start, now=now, tz=tz, reminder_time=time(9), taken=[], closed=[], count=10)
    locals_ = [s.due_at.astimezone(ZoneInfo(tz)) for s in slots]
    assert all(d.time() == time(9) for d in locals_)
    assert [d.date() for d in locals_] == [start + timedelta(days=i) for i in range(10)]
    assert locals_[0].utcoffset() == before and locals_[-1].utcoffset() == after
    assert all(s.local_due.endswith("09:00") for s in slots)


def test_a_time_in_the_spring_forward_gap_fires_at_the_first_valid_minute() -> None:
    slot = place(PlannedDose(date(2026, 3, 29), 0, 1, 1), time(1, 30), "Europe/London")
    assert slot.due_at == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 02:00 BST
    assert slot.local_due == "2026-03-29 01:30"
    assert planned_date(slot.local_due) == date(2026, 3, 29)


def test_a_time_in_the_repeated_autumn_hour_fires_once_at_the_first() -> None:
    start = date(2026, 10, 24)
    now = datetime(2026, 10, 23, 12, tzinfo=UTC)
    slots = next_slots(DAILY, start, now=now, tz="Europe/London", reminder_time=time(1, 30), taken=[], closed=[],
                       count=3)
    assert [s.due_at for s in slots] == [
        datetime(2026, 10, 24, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 01:30 BST, the first of the two 01:30s
        datetime(2026, 10, 26, 1, 30, tzinfo=UTC),
    ]


def test_the_next_dose_follows_the_log() -> None:
    now = datetime(2026, 3, 9, 12, tzinfo=UTC)
    start = date(2026, 3, 2)
    [slot] = next_slots(WEEKLY, start, now=now, tz="Europe/London", reminder_time=time(9), taken=[start],
                        closed=[date(2026, 3, 9)])
    assert slot.planned.date == date(2026, 3, 16)


def test_a_manual_log_counts_for_the_nearby_planned_dose_but_not_as_an_extra() -> None:
    start = date(2026, 3, 2)
    assert counts_for(WEEKLY, start, taken=[start], closed=[], on=date(2026, 3, 8), planned=date(2026, 3, 9))
    assert not counts_for(WEEKLY, start, taken=[start], closed=[], on=date(2026, 3, 3), planned=date(2026, 3, 9))


def test_double_dose_guard_asks_only_before_the_plan_allows() -> None:
    regimen = template_regimen("uk_no_neuro_3m")
    start = date(2026, 3, 2)  # a Monday: Mon/Wed/Fri loading
    assert needs_confirmation(regimen, start, taken=[start], skipped=[], on=start) == date(2026, 3, 4)
    assert needs_confirmation(regimen, start, taken=[start], skipped=[], on=date(2026, 3, 3)) == date(2026, 3, 4)
    assert needs_confirmation(regimen, start, taken=[start], skipped=[], on=date(2026, 3, 4)) is None
    assert needs_confirmation(regimen, start, taken=[], skipped=[], on=start) is None
