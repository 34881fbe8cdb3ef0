"""Wall time across daylight-saving changes in London, New York, Sydney and Kolkata (and two oddities)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from regimen_strategies import PROPS

from flows.regimen import local_date, to_local, to_utc

# (zone, spring-forward date, autumn date, a time in the gap, a time in the repeated hour, UTC offsets in hours
# standard/summer). Sydney springs forward in October and falls back in April.
ZONES = [
    ("Europe/London", date(2026, 3, 29), date(2026, 10, 25), time(1, 30), time(1, 30), 0, 1),
    ("America/New_York", date(2026, 3, 8), date(2026, 11, 1), time(2, 30), time(1, 30), -5, -4),
    ("Australia/Sydney", date(2026, 10, 4), date(2026, 4, 5), time(2, 30), time(2, 30), 10, 11),
]


def utc(*args: int) -> datetime:
    """An aware UTC datetime."""
    return datetime(*args, tzinfo=UTC)


def hours(n: int) -> timedelta:
    """n hours."""
    return timedelta(hours=n)


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"])
def test_daily_0900_stays_0900_local_all_year(zone: str) -> None:
    instants = [to_utc(date(2026, 1, 1) + timedelta(days=k), time(9, 0), zone) for k in range(365)]
    for instant in instants:
        assert instant.tzinfo is UTC
        local = to_local(instant, zone)
        assert (local.hour, local.minute) == (9, 0)
    gaps = {b - a for a, b in itertools.pairwise(instants)}
    if zone == "Asia/Kolkata":
        assert gaps == {timedelta(hours=24)}
    else:
        assert gaps == {timedelta(hours=23), timedelta(hours=24), timedelta(hours=25)}


@pytest.mark.parametrize(("zone", "spring", "autumn", "_gap", "_rep", "std", "dst"), ZONES)
def test_0900_utc_instants_either_side_of_both_changes(zone, spring, autumn, _gap, _rep, std, dst) -> None:
    nine = time(9, 0)
    for change, before_offset, after_offset in ((spring, std, dst), (autumn, dst, std)):
        day_before = change - timedelta(days=1)
        assert to_utc(day_before, nine, zone) == datetime.combine(day_before, nine, UTC) - hours(before_offset)
        assert to_utc(change, nine, zone) == datetime.combine(change, nine, UTC) - hours(after_offset)


def test_spring_forward_gap_fires_when_the_gap_ends() -> None:
    assert to_utc(date(2026, 3, 29), time(1, 30), "Europe/London") == utc(2026, 3, 29, 1, 0)  # 02:00 BST
    assert to_utc(date(2026, 3, 8), time(2, 30), "America/New_York") == utc(2026, 3, 8, 7, 0)  # 03:00 EDT
    assert to_utc(date(2026, 10, 4), time(2, 30), "Australia/Sydney") == utc(2026, 10, 3, 16, 0)  # 03:00 AEDT
    assert to_utc(date(2026, 10, 4), time(2, 15), "Australia/Lord_Howe") == utc(2026, 10, 3, 15, 30)  # 30-min DST
    # Samoa skipped 30 December 2011 entirely: a reminder that day fires at the start of the 31st.
    assert to_local(to_utc(date(2011, 12, 30), time(9, 0), "Pacific/Apia"), "Pacific/Apia").replace(
        tzinfo=None
    ) == datetime(2011, 12, 31, 0, 0)


@pytest.mark.parametrize(("zone", "spring", "_autumn", "gap_time", "_rep", "_std", "_dst"), ZONES)
def test_every_time_in_the_gap_maps_to_the_same_first_valid_minute(zone, spring, _autumn, gap_time, _rep, _std, _dst):
    z = ZoneInfo(zone)
    start = datetime.combine(spring, gap_time).replace(minute=0)
    results = {to_utc(spring, (start + timedelta(minutes=m)).time(), zone) for m in range(60)}
    assert len(results) == 1
    (only,) = results
    assert only.astimezone(z).minute == 0  # the first valid minute after the gap, on the hour
    assert (only - timedelta(seconds=1)).astimezone(z).utcoffset() != only.astimezone(z).utcoffset()


@pytest.mark.parametrize(("zone", "_spring", "autumn", "_gap", "rep_time", "std", "dst"), ZONES)
def test_repeated_hour_yields_one_instant_the_first(zone, _spring, autumn, _gap, rep_time, std, dst) -> None:
    got = to_utc(autumn, rep_time, zone)
    assert got == datetime.combine(autumn, rep_time, UTC) - timedelta(hours=dst)  # summer time: first pass
    second = datetime.combine(autumn, rep_time, UTC) - timedelta(hours=std)
    assert got < second and (second - got) == timedelta(hours=dst - std)
    assert to_local(got, zone).replace(tzinfo=None) == datetime.combine(autumn, rep_time)


def test_kolkata_has_no_dst_and_a_half_hour_offset() -> None:
    assert to_utc(date(2026, 3, 29), time(9, 0), "Asia/Kolkata") == utc(2026, 3, 29, 3, 30)
    assert to_utc(date(2026, 3, 29), time(1, 30), "Asia/Kolkata") == utc(2026, 3, 28, 20, 0)
    assert to_utc(date(2026, 6, 1), time(9, 0), "+05:30") == utc(2026, 6, 1, 3, 30)


def test_local_date_of_a_late_evening_dose() -> None:
    assert local_date(utc(2026, 6, 1, 22, 30), "Europe/London") == date(2026, 6, 1)
    assert local_date(utc(2026, 6, 1, 23, 30), "Europe/London") == date(2026, 6, 2)
    with pytest.raises(ValueError, match="aware"):
        to_local(datetime(2026, 6, 1), "UTC")


zones = st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"])
# Lean on the change dates and the small hours, where random draws would rarely land.
days = st.one_of(st.dates(date(2020, 1, 1), date(2035, 12, 31)), st.sampled_from([z[i] for z in ZONES for i in (1, 2)]))
wall_times = st.one_of(st.times(), st.times(time(0, 0), time(3, 59)))


@PROPS
@given(zones, days, wall_times)
def test_wall_time_is_kept_or_moved_later_to_the_end_of_a_gap(zone: str, d: date, t: time) -> None:
    t = t.replace(second=0, microsecond=0)
    instant = to_utc(d, t, zone)
    local = to_local(instant, zone).replace(tzinfo=None)
    wanted = datetime.combine(d, t)
    assert local >= wanted and local - wanted <= timedelta(hours=1)
    if local != wanted:  # only inside a gap, and then exactly at its end
        z = ZoneInfo(zone)
        assert (instant - timedelta(seconds=1)).astimezone(z).utcoffset() != instant.astimezone(z).utcoffset()
        assert to_utc(d, local.time(), zone) == instant


@PROPS
@given(zones, days, wall_times, wall_times)
def test_later_wall_times_never_fire_earlier(zone: str, d: date, a: time, b: time) -> None:
    a, b = sorted((a.replace(second=0, microsecond=0), b.replace(second=0, microsecond=0)))
    # fold=0 in the repeated hour and "end of the gap" in a gap keep the mapping monotonic.
    assert to_utc(d, a, zone) <= to_utc(d, b, zone)
