"""Calendar vs last-taken anchoring, phase changes, missed, late, early, extra and skipped doses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from flows.regimen import (
    End,
    Phase,
    Regimen,
    dose_dates,
    earliest_allowed,
    first_dose_after,
    next_dose,
    reconcile,
    template_regimen,
    upcoming,
)

MON = date(2026, 1, 5)  # a Monday
WEEKLY = Regimen((Phase.interval(1, "week"),))
WEEKLY_LAST = Regimen((Phase.interval(1, "week"),), "last_taken")


def d(offset: int) -> date:
    """The date `offset` days after MON."""
    return MON + timedelta(days=offset)


def test_late_dose_calendar_keeps_the_plan_last_taken_moves_it() -> None:
    taken = [d(0), d(9)]  # second weekly dose two days late
    assert next_dose(WEEKLY, MON, taken=taken, today=d(9)).date == d(14)
    assert next_dose(WEEKLY_LAST, MON, taken=taken, today=d(9)).date == d(16)


def test_early_dose_last_taken_counts_from_it() -> None:
    assert next_dose(WEEKLY_LAST, MON, taken=[d(0), d(5)], today=d(5)).date == d(12)
    assert next_dose(WEEKLY, MON, taken=[d(0), d(5)], today=d(5)).date == d(14)


def test_monthly_last_taken_reanchors_on_the_day_taken() -> None:
    monthly = Regimen((Phase.interval(1, "month"),), "last_taken")
    jan31 = date(2026, 1, 31)
    assert next_dose(monthly, jan31, taken=[jan31], today=jan31).date == date(2026, 2, 28)
    # On time every time: the anchor day survives February.
    got = dose_dates(monthly, jan31, count=3, taken=[jan31, date(2026, 2, 28)])
    assert got[2].date == date(2026, 3, 31)
    # Taken late on 2 March: the next is a month after that.
    assert next_dose(monthly, jan31, taken=[jan31, date(2026, 3, 2)], today=date(2026, 3, 2)).date == date(2026, 4, 2)


def test_calendar_missed_dose_is_offered_until_the_midpoint_then_dropped() -> None:
    taken = [d(0)]  # dose on d(7) never logged
    assert next_dose(WEEKLY, MON, taken=taken, today=d(10)).date == d(7)  # 3 days late: still that dose
    assert next_dose(WEEKLY, MON, taken=taken, today=d(11)).date == d(14)  # past the midpoint: missed
    statuses = [c.status for c in reconcile(WEEKLY, MON, taken=[d(0), d(14)]).closed]
    assert statuses == ["taken", "missed", "taken"]


def test_last_taken_overdue_dose_stays_one_dose() -> None:
    dose = next_dose(WEEKLY_LAST, MON, taken=[d(0)], today=d(30))
    assert dose.date == d(7) and dose.number == 2  # overdue, not doubled, not skipped
    assert upcoming(WEEKLY_LAST, MON, taken=[d(0)], today=d(30), count=2)[1].date == d(14)


def test_double_dose_is_extra_and_does_not_skip_the_next() -> None:
    for regimen in (WEEKLY, WEEKLY_LAST):
        rec = reconcile(regimen, MON, taken=[d(0), d(0)])
        assert rec.extra == (d(0),)
        assert next_dose(regimen, MON, taken=[d(0), d(0)], today=d(0)).date == d(7)


def test_earliest_allowed_guards_double_and_early_doses() -> None:
    assert earliest_allowed(WEEKLY, MON, taken=[]) is None
    assert earliest_allowed(WEEKLY, MON, taken=[d(0)]) == d(7)
    assert earliest_allowed(WEEKLY_LAST, MON, taken=[d(0), d(9)]) == d(16)
    # Calendar, late dose: the next planned date is not questioned although it is only 5 days later.
    assert earliest_allowed(WEEKLY, MON, taken=[d(0), d(9)]) == d(14)
    daily = Regimen((Phase.interval(1, "day"),))
    assert earliest_allowed(daily, MON, taken=[d(0)]) == d(1)
    # A dose under an earlier plan (before start) still counts.
    assert earliest_allowed(WEEKLY, d(1), taken=[d(0)]) == d(1)


def test_skipped_dose_closes_without_moving_the_plan() -> None:
    taken, skipped = [d(0)], [d(7)]
    assert next_dose(WEEKLY, MON, taken=taken, skipped=skipped, today=d(8)).date == d(14)
    assert next_dose(WEEKLY_LAST, MON, taken=taken, skipped=skipped, today=d(8)).date == d(14)
    assert [c.status for c in reconcile(WEEKLY, MON, taken=taken, skipped=skipped).closed] == ["taken", "skipped"]


def test_open_ended_phase_keeps_going() -> None:
    neuro = template_regimen("uk_neuro")
    doses = dose_dates(neuro, MON, count=500)
    assert len(doses) == 500 and {x.phase for x in doses} == {0}
    assert doses[-1].date == d(2 * 499)


def test_loading_then_maintenance() -> None:
    uk = template_regimen("uk_no_neuro_3m")
    loading = [d(0), d(2), d(4), d(7), d(9), d(11)]  # Mon/Wed/Fri for two weeks
    assert [x.date for x in dose_dates(uk, MON, count=6)] == loading
    after = next_dose(uk, MON, taken=loading, today=d(11))
    assert (after.date, after.phase, after.number_in_phase) == (date(2026, 4, 16), 1, 1)
    # Counted from the last dose actually taken: a late sixth dose moves maintenance with it.
    late = [*loading[:5], d(12)]
    uk_last = template_regimen("uk_no_neuro_3m", anchor="last_taken")
    assert next_dose(uk_last, MON, taken=late, today=d(12)).date == date(2026, 4, 17)
    assert next_dose(uk, MON, taken=late, today=d(12)).date == date(2026, 4, 16)


def test_weekday_phase_starts_on_the_first_chosen_day() -> None:
    uk = template_regimen("uk_no_neuro_2m")
    assert [x.date for x in dose_dates(uk, d(1), count=3)] == [d(2), d(4), d(7)]  # started on a Tuesday


def test_clinician_moves_open_loading_to_maintenance() -> None:
    neuro = template_regimen("uk_neuro")
    maintenance = neuro.from_phase(1)
    last_loading = date(2026, 3, 10)
    restart = first_dose_after(maintenance.phases[0], last_loading)
    assert restart == date(2026, 5, 10)
    assert [x.date for x in dose_dates(maintenance, restart, count=2)] == [restart, date(2026, 7, 10)]


def test_finite_regimen_ends() -> None:
    course = Regimen((Phase.interval(1, "day", End.after_doses(3)),))
    taken = [d(0), d(1), d(2)]
    assert next_dose(course, MON, taken=taken, today=d(2)) is None
    assert reconcile(course, MON, taken=[*taken, d(5)]).extra == (d(5),)
    assert earliest_allowed(course, MON, taken=taken) == d(3)


def test_duration_end_counts_from_the_phase_first_dose() -> None:
    nhs = template_regimen("uk_nhs_page")
    doses = dose_dates(nhs, MON, count=8)
    assert [x.date for x in doses[:7]] == [d(k) for k in range(0, 14, 2)]
    assert doses[7].date == date(2026, 4, 17) and doses[7].phase == 1


@pytest.mark.parametrize("anchor", ["calendar", "last_taken"])
def test_doses_before_start_are_ignored_by_the_plan(anchor: str) -> None:
    regimen = Regimen((Phase.interval(1, "week"),), anchor)  # type: ignore[arg-type]
    assert next_dose(regimen, MON, taken=[d(-3)], today=MON).date == MON
