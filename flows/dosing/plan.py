"""From a regimen and the dose log to the next dose instants: local wall time held across DST."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from flows.regimen import PlannedDose, Regimen, local_date, reconcile, to_utc, upcoming

LOCAL_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Slot:
    """A planned dose placed in time: the plan's local wall time and the UTC instant it falls due."""

    planned: PlannedDose
    local_due: str
    due_at: datetime


def place(planned: PlannedDose, reminder_time: time, tz: str) -> Slot:
    """The instant of a planned dose at the reminder time (a DST-gap time moves to the first valid minute)."""
    due = to_utc(planned.date, reminder_time, tz)
    return Slot(planned, datetime.combine(planned.date, reminder_time).strftime(LOCAL_FORMAT), due)


def planned_date(local_due: str) -> date:
    """The plan's date back from a stored local wall time."""
    return datetime.strptime(local_due, LOCAL_FORMAT).date()


def next_slots(
    regimen: Regimen,
    start: date,
    *,
    now: datetime,
    tz: str,
    reminder_time: time,
    taken: Sequence[date],
    closed: Sequence[date],
    count: int = 1,
) -> list[Slot]:
    """The next `count` doses as of now (the first may be overdue); `closed` are skipped or missed dates."""
    today = local_date(now, tz)
    found = upcoming(regimen, start, today=today, count=count, taken=taken, skipped=closed)
    return [place(p, reminder_time, tz) for p in found]


def parse_reminder_time(text: str) -> time:
    """The stored "HH:MM" reminder time."""
    return datetime.strptime(text, "%H:%M").time()


def counts_for(
    regimen: Regimen, start: date, *, taken: Sequence[date], closed: Sequence[date], on: date, planned: date
) -> bool:
    """Whether a dose taken on `on` would count for the planned date `planned` (not an extra dose)."""
    rec = reconcile(regimen, start, taken=[*taken, on], skipped=closed)
    return any(c.status == "taken" and c.dose.date == planned and c.taken_on == on for c in rec.closed)
