"""Dose schedules: the planned series, what the dose log covers, the next dose, and the double-dose guard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from flows.regimen.cursor import PlannedDose, Slot, first_slot, following
from flows.regimen.intervals import minimum_gap
from flows.regimen.model import Regimen

# How logged doses meet the plan (see also README.md in this package):
# - calendar: planned dates never move. A logged dose counts for the nearest planned date (a tie goes to the
#   earlier one if it is still open); an open date is offered until the midpoint to the next planned date,
#   after which it is missed and the next one is offered. Missed doses are never made up.
# - last_taken: each logged dose counts for the next open dose and the doses after it are counted from the date
#   it was actually taken (late → later, early → earlier). An untaken dose stays due, overdue, until it is
#   taken or skipped; it is never doubled.
# - either way, a dose logged nearer to the previous logged dose than to the next open one is an *extra* dose:
#   it counts for nothing and moves nothing, so a double dose never skips the next planned one.

DoseStatus = Literal["taken", "skipped", "missed"]


@dataclass(frozen=True)
class ClosedDose:
    """A planned dose that is over: taken (on `taken_on`), skipped on purpose, or missed."""

    dose: PlannedDose
    status: DoseStatus
    taken_on: date | None = None


@dataclass(frozen=True)
class Reconciliation:
    """The dose log laid over the plan: closed doses, extra doses, and the first open planned dose."""

    closed: tuple[ClosedDose, ...]
    extra: tuple[date, ...]
    open: Slot | None  # None when a finite regimen has no doses left


def reconcile(
    regimen: Regimen, start: date, *, taken: Sequence[date] = (), skipped: Sequence[date] = ()
) -> Reconciliation:
    """Lay the log over the plan: `taken` = dates doses were taken, `skipped` = planned dates skipped."""
    # Entries before `start` belong to an earlier plan and are ignored here (earliest_allowed still sees them).
    events = sorted([(d, 0) for d in taken if d >= start] + [(d, 1) for d in skipped if d >= start])
    cur: Slot | None = first_slot(regimen, start)
    previous: date | None = None
    closed: list[ClosedDose] = []
    extra: list[date] = []
    for when, is_skip in events:
        if cur is None or (previous is not None and when - previous < cur.date - when):
            if not is_skip:
                extra.append(when)
            continue
        if regimen.anchor == "calendar":
            while (nxt := following(regimen, cur)) is not None and nxt.date - when < when - cur.date:
                closed.append(ClosedDose(cur.planned, "missed"))
                cur = nxt
        if is_skip:
            closed.append(ClosedDose(cur.planned, "skipped"))
            cur = following(regimen, cur)
        else:
            closed.append(ClosedDose(cur.planned, "taken", when))
            cur = following(regimen, cur, taken_on=when)
        previous = when
    return Reconciliation(tuple(closed), tuple(extra), cur)


def dose_dates(
    regimen: Regimen,
    start: date,
    *,
    count: int,
    taken: Sequence[date] = (),
    skipped: Sequence[date] = (),
) -> list[PlannedDose]:
    """The first `count` planned doses from the start (fewer if the regimen ends), as the log has shaped them."""
    rec = reconcile(regimen, start, taken=taken, skipped=skipped)
    out = [c.dose for c in rec.closed[:count]]
    out.extend(_run(regimen, rec.open, count - len(out)))
    return out


def upcoming(
    regimen: Regimen,
    start: date,
    *,
    today: date,
    count: int,
    taken: Sequence[date] = (),
    skipped: Sequence[date] = (),
) -> list[PlannedDose]:
    """The next `count` doses as of `today`; the first may be overdue (its date before today)."""
    rec = reconcile(regimen, start, taken=taken, skipped=skipped)
    cur = rec.open
    if regimen.anchor == "calendar":
        # An open date whose window has passed is missed: offer the next one instead of a catch-up dose.
        while cur is not None and (nxt := following(regimen, cur)) is not None and nxt.date - today < today - cur.date:
            cur = nxt
    return _run(regimen, cur, count)


def next_dose(
    regimen: Regimen,
    start: date,
    *,
    today: date,
    taken: Sequence[date] = (),
    skipped: Sequence[date] = (),
) -> PlannedDose | None:
    """The one dose to take next as of `today` (overdue if dated before today); None if the plan is done."""
    # Never more than one: older open doses are missed (calendar) or are this same dose (last_taken).
    found = upcoming(regimen, start, today=today, count=1, taken=taken, skipped=skipped)
    return found[0] if found else None


def earliest_allowed(
    regimen: Regimen, start: date, *, taken: Sequence[date], skipped: Sequence[date] = ()
) -> date | None:
    """The first date a new dose can be logged without asking "are you sure?"; None if none was taken yet."""
    # A dose needs confirmation when it falls sooner than the phase's minimum gap after the last dose taken
    # *and* before the next planned date (so a calendar plan's own date is never questioned), and always when
    # it is a second dose on the same day. Doses before `start` (an earlier plan) still count as the last dose.
    if not taken:
        return None
    last = max(taken)
    rec = reconcile(regimen, start, taken=taken, skipped=skipped)
    if rec.open is None:
        phase_index = rec.closed[-1].dose.phase if rec.closed else 0
        bound = last + minimum_gap(regimen.phases[phase_index])
    else:
        bound = min(rec.open.date, last + minimum_gap(regimen.phases[rec.open.phase]))
    return max(bound, last + timedelta(days=1))


def _run(regimen: Regimen, cur: Slot | None, count: int) -> list[PlannedDose]:
    out: list[PlannedDose] = []
    while cur is not None and len(out) < count:
        out.append(cur.planned)
        cur = following(regimen, cur)
    return out
