"""Property tests: planned series for every template and random custom regimens."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from regimen_strategies import PROPS, regimens, start_dates

from flows.regimen import (
    TEMPLATES,
    End,
    Phase,
    Regimen,
    add_months,
    dose_dates,
    earliest_allowed,
    first_dose_after,
    minimum_gap,
    next_dose,
    reconcile,
)
from flows.regimen.intervals import first_on_or_after, step

COUNT = 40
all_regimens = st.one_of(st.sampled_from([t.regimen for t in TEMPLATES.values()]), regimens)


def _by_phase(doses):
    groups: dict[int, list] = {}
    for d in doses:
        groups.setdefault(d.phase, []).append(d)
    return groups


@PROPS
@given(all_regimens, start_dates)
def test_dates_strictly_increase_and_keep_the_minimum_gap(regimen: Regimen, start: date) -> None:
    doses = dose_dates(regimen, start, count=COUNT)
    assert doses[0].date >= start
    for before, after in itertools.pairwise(doses):
        assert after.date > before.date
        assert after.date - before.date >= minimum_gap(regimen.phases[after.phase])


@PROPS
@given(all_regimens, start_dates)
def test_numbering_and_phase_order(regimen: Regimen, start: date) -> None:
    doses = dose_dates(regimen, start, count=COUNT)
    assert [d.number for d in doses] == list(range(1, len(doses) + 1))
    for before, after in itertools.pairwise(doses):
        if after.phase == before.phase:
            assert after.number_in_phase == before.number_in_phase + 1
        else:
            assert after.phase == before.phase + 1
            assert after.number_in_phase == 1
            assert regimen.phases[before.phase].end.kind != "open"  # an open phase never ends by itself
    assert doses[0].phase == 0 and doses[0].number_in_phase == 1


def _expected_in_phase(phase: Phase, first: date) -> int | None:
    """How many doses a phase starting on `first` has (None if open)."""
    end = phase.end
    if end.kind == "count":
        return end.count
    if end.kind == "open":
        return None
    limit = first + timedelta(days=end.days or 0)
    k = 0
    while step(phase, first, k) < limit:
        k += 1
    return k


@PROPS
@given(all_regimens, start_dates)
def test_each_phase_has_its_doses_on_its_dates(regimen: Regimen, start: date) -> None:
    doses = dose_dates(regimen, start, count=COUNT)
    groups = _by_phase(doses)
    for index, group in groups.items():
        phase = regimen.phases[index]
        first = group[0].date
        # Dates come from the phase's first dose by the phase's own rule (months never chained).
        assert [d.date for d in group] == [step(phase, first, k) for k in range(len(group))]
        if phase.kind == "weekdays":
            assert all(d.date.weekday() in phase.weekdays for d in group)
        expected = _expected_in_phase(phase, first)
        if index + 1 in groups:  # the phase finished inside the window: exact count
            assert len(group) == expected
            assert groups[index + 1][0].date == first_dose_after(regimen.phases[index + 1], group[-1].date)
        elif expected is not None:
            assert len(group) <= expected
        if phase.end.kind == "duration":
            assert group[-1].date < first + timedelta(days=phase.end.days or 0)
    assert doses[0].date == first_on_or_after(regimen.phases[0], start)


@PROPS
@given(all_regimens, start_dates)
def test_a_series_ends_only_when_every_phase_is_finite(regimen: Regimen, start: date) -> None:
    doses = dose_dates(regimen, start, count=COUNT)
    ends = {p.end.kind for p in regimen.phases}
    if "open" in ends:
        assert len(doses) == COUNT
    elif ends == {"count"}:
        assert len(doses) == min(sum(p.end.count or 0 for p in regimen.phases), COUNT)


@PROPS
@given(st.integers(1, 12), st.integers(1, 31), st.integers(2000, 2090), st.integers(1, 12))
def test_month_rule_keeps_the_anchor_day(every: int, day: int, year: int, month: int) -> None:
    start = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    regimen = Regimen((Phase.interval(every, "month"),))
    for k, dose in enumerate(dose_dates(regimen, start, count=30)):
        index = year * 12 + month - 1 + k * every
        y, m = divmod(index, 12)
        assert dose.date == date(y, m + 1, min(start.day, calendar.monthrange(y, m + 1)[1]))


def test_month_end_returns_to_the_31st() -> None:
    monthly = Regimen((Phase.interval(1, "month"),))
    got = [d.date for d in dose_dates(monthly, date(2024, 1, 31), count=5)]
    assert got == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 31)]
    got = [d.date for d in dose_dates(monthly, date(2025, 1, 31), count=3)]
    assert got == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]


def test_intervals_longer_than_31_days() -> None:
    every_3m = Regimen((Phase.interval(3, "month"),))
    got = [d.date for d in dose_dates(every_3m, date(2025, 11, 30), count=5)]
    assert got == [date(2025, 11, 30), date(2026, 2, 28), date(2026, 5, 30), date(2026, 8, 30), date(2026, 11, 30)]
    every_12w = Regimen((Phase.interval(12, "week"),))
    got = [d.date for d in dose_dates(every_12w, date(2026, 1, 1), count=3)]
    assert got == [date(2026, 1, 1), date(2026, 3, 26), date(2026, 6, 18)]
    assert minimum_gap(Phase.interval(2, "month")) == timedelta(days=59)
    assert minimum_gap(Phase.interval(3, "month")) == timedelta(days=89)  # 31 Jan → 30 Apr
    assert minimum_gap(Phase.on_weekdays((0, 2, 4))) == timedelta(days=2)


@PROPS
@given(st.integers(-200, 200), start_dates, st.integers(1, 31))
def test_add_months_clamps_and_never_overflows_the_month(months: int, d: date, day: int) -> None:
    got = add_months(d, months, day)
    assert got.day == min(day, calendar.monthrange(got.year, got.month)[1])
    assert (got.year * 12 + got.month) - (d.year * 12 + d.month) == months


log_offsets = st.lists(st.integers(0, 400), max_size=25)


@PROPS
@given(all_regimens, start_dates, log_offsets, st.integers(0, 500))
def test_never_a_double_or_catch_up_dose(regimen: Regimen, start: date, offsets: list[int], today_at: int) -> None:
    taken = [start + timedelta(days=o) for o in offsets]
    today = start + timedelta(days=max([today_at, *offsets]))
    rec = reconcile(regimen, start, taken=taken)
    numbers = [c.dose.number for c in rec.closed]
    assert numbers == list(range(1, len(numbers) + 1))  # each planned dose closed once, in order
    assert sum(c.status == "taken" for c in rec.closed) + len(rec.extra) == len(taken)
    dose = next_dose(regimen, start, today=today, taken=taken)
    if dose is None:
        assert rec.open is None
        return
    assert dose.number > len(numbers)  # never a dose already taken, skipped or missed
    if taken:
        assert dose.date > max(taken)  # never a second dose on a day already dosed, never before it
        guard = earliest_allowed(regimen, start, taken=taken)
        assert guard is not None and guard <= max(dose.date, today)  # the bot never suggests a questioned dose


@PROPS
@given(all_regimens, start_dates, log_offsets)
def test_last_taken_plans_count_from_the_dose_actually_taken(regimen: Regimen, start: date, offsets: list[int]) -> None:
    regimen = Regimen(regimen.phases, "last_taken")
    taken = sorted(start + timedelta(days=o) for o in offsets)
    rec = reconcile(regimen, start, taken=taken)
    counted = [c.taken_on for c in rec.closed if c.status == "taken"]
    if rec.open is not None and counted:
        last = counted[-1]
        assert rec.open.date - last >= minimum_gap(regimen.phases[rec.open.phase])
    later = dose_dates(regimen, start, count=len(rec.closed) + 10, taken=taken)
    for before, after in zip(later[len(rec.closed) :], later[len(rec.closed) + 1 :], strict=False):
        assert after.date - before.date >= minimum_gap(regimen.phases[after.phase])


@PROPS
@given(regimens)
def test_json_round_trip(regimen: Regimen) -> None:
    assert Regimen.from_dict(regimen.to_dict()) == regimen
    assert all(End(**{k: v for k, v in p.end.to_dict().items()}) == p.end for p in regimen.phases)
