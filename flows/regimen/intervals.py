"""Calendar arithmetic for one phase: month steps, dose-to-dose steps, minimum gaps and phase starts."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta
from functools import cache

from flows.regimen.model import Phase


def add_months(d: date, months: int, day: int | None = None) -> date:
    """The same day of the month (`day`, default d.day) `months` later, clamped to a shorter month's end."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day or d.day, last))


def step(phase: Phase, anchor: date, steps: int) -> date:
    """The date `steps` doses after a dose on `anchor` (for weekdays, `anchor` is one of them)."""
    # Computed from the anchor, never chained: that brings a 31st-of-the-month series back to the 31st
    # after February.
    if phase.kind == "weekdays":
        days = phase.weekdays
        position = days.index(anchor.weekday()) + steps
        weeks, slot = divmod(position, len(days))
        monday = anchor - timedelta(days=anchor.weekday())
        return monday + timedelta(days=7 * weeks + days[slot])
    every = phase.every or 1
    if phase.unit == "month":
        return add_months(anchor, every * steps)
    per_step = every * (7 if phase.unit == "week" else 1)
    return anchor + timedelta(days=per_step * steps)


def first_on_or_after(phase: Phase, d: date) -> date:
    """The phase's first dose when it starts on `d`: `d` itself, or for weekdays the first chosen day ≥ d."""
    if phase.kind == "interval":
        return d
    return min(d + timedelta(days=(w - d.weekday()) % 7) for w in phase.weekdays)


def first_dose_after(phase: Phase, last_dose: date) -> date:
    """The first dose of `phase` when it follows a previous phase whose last dose was on `last_dose`."""
    # One interval of the *new* phase after that dose (maintenance "every 3 months" starts 3 months after the
    # last loading dose, as UK and US guidance read); for weekdays, the first chosen weekday at least the
    # phase's minimum gap later. Either way the new phase's own spacing is never broken.
    if phase.kind == "interval":
        return step(phase, last_dose, 1)
    return first_on_or_after(phase, last_dose + minimum_gap(phase))


def minimum_gap(phase: Phase) -> timedelta:
    """The shortest gap this phase ever plans between two of its doses (e.g. 28 days for monthly)."""
    if phase.kind == "weekdays":
        days = phase.weekdays
        gaps = [b - a for a, b in itertools.pairwise(days)] + [days[0] + 7 - days[-1]]
        return timedelta(days=min(gaps))
    every = phase.every or 1
    if phase.unit == "month":
        return timedelta(days=_shortest_month_span(every))
    return timedelta(days=every * (7 if phase.unit == "week" else 1))


@cache
def _shortest_month_span(months: int) -> int:
    # Month lengths repeat over a leap cycle, so four years of anchors (one of them leap) cover every case,
    # including the clamped 31st (Jan 31 → Feb 28 is the shortest "month").
    best = 10**6
    for index in range(2023 * 12, 2027 * 12):
        year, month = divmod(index, 12)
        for day in range(1, 32):
            here = add_months(date(year, month + 1, 1), 0, day)
            there = add_months(here, months, day)
            best = min(best, (there - here).days)
    return best
