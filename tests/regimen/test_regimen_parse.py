"""Parsing typed times, dates, time zones and country codes, including helpful errors."""

from __future__ import annotations

from datetime import date, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from flows.regimen import ParseError, parse_date, parse_time, parse_tz, tz_name, zones_for_country


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9", time(9, 0)),
        ("9am", time(9, 0)),
        ("09:00", time(9, 0)),
        ("21.30", time(21, 30)),
        ("9:30 pm", time(21, 30)),
        (" 9:30PM ", time(21, 30)),
        ("9 a.m.", time(9, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("12:15 am", time(0, 15)),
        ("0930", time(9, 30)),
        ("9h30", time(9, 30)),
        ("0", time(0, 0)),
        ("23:59", time(23, 59)),
        ("noon", time(12, 0)),
        ("Midnight", time(0, 0)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "24:00", "9:60", "13pm", "0am", "930", "nine", "9:3", "9.30.00", "-1"])
def test_parse_time_rejects_with_help(text: str) -> None:
    with pytest.raises(ParseError, match="9am") as err:
        parse_time(text)
    assert err.value.key == "regimen.parse.bad_time"
    assert isinstance(err.value, ValueError)


TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2027-1-5", date(2027, 1, 5)),
        ("today", TODAY),
        ("Tomorrow", TODAY + timedelta(days=1)),
        ("yesterday", TODAY - timedelta(days=1)),
        ("1 Dec", date(2026, 12, 1)),
        ("Dec 1", date(2026, 12, 1)),
        ("1st December", date(2026, 12, 1)),
        ("December 1, 2027", date(2027, 12, 1)),
        ("1 dec 2025", date(2025, 12, 1)),
        ("15 Nov", date(2026, 11, 15)),  # five days ago, not next year
        ("10 Jan", date(2027, 1, 10)),  # next January, not last
        ("3 of march", date(2027, 3, 3)),
        ("Sept 9", date(2026, 9, 9)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("1/12/2026", "regimen.parse.ambiguous_date"),
        ("12/1", "regimen.parse.ambiguous_date"),
        ("2026-02-30", "regimen.parse.bad_date"),
        ("31 Nov", "regimen.parse.bad_date"),
        ("1 Foo", "regimen.parse.bad_date"),
        ("next week", "regimen.parse.bad_date"),
        ("", "regimen.parse.bad_date"),
    ],
)
def test_parse_date_rejects_with_help(text: str, key: str) -> None:
    with pytest.raises(ParseError, match="2026-12-01") as err:
        parse_date(text, today=TODAY)
    assert err.value.key == key


def test_feb_29_without_a_year_needs_a_leap_year_nearby() -> None:
    assert parse_date("29 Feb", today=date(2028, 1, 10)) == date(2028, 2, 29)
    with pytest.raises(ParseError, match="add the year"):
        parse_date("29 Feb", today=date(2026, 6, 1))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        ("AMERICA/NEW YORK", "America/New_York"),
        ("london", "Europe/London"),
        ("New York", "America/New_York"),
        ("new-york", "America/New_York"),
        ("sydney", "Australia/Sydney"),
        ("Kolkata", "Asia/Kolkata"),
        ("mumbai", "Asia/Kolkata"),
        ("berlin", "Europe/Berlin"),
        ("buenos aires", "America/Argentina/Buenos_Aires"),
        ("UTC", "UTC"),
        ("gmt", "UTC"),
        ("+00:00", "UTC"),
        ("UTC-4", "Etc/GMT+4"),
        ("GMT+1", "Etc/GMT-1"),
        ("+5", "Etc/GMT-5"),
        ("utc +14", "Etc/GMT-14"),
    ],
)
def test_parse_tz_names_cities_and_whole_hour_offsets(text: str, key: str) -> None:
    tz = parse_tz(text)
    assert isinstance(tz, ZoneInfo) and tz.key == key


@pytest.mark.parametrize(
    ("text", "minutes"), [("+05:30", 330), ("UTC+0530", 330), ("GMT-03:30", -210), ("+5.45", 345), ("-9:30", -570)]
)
def test_parse_tz_odd_offsets_are_fixed_and_round_trip(text: str, minutes: int) -> None:
    tz = parse_tz(text)
    assert isinstance(tz, timezone) and tz.utcoffset(None) == timedelta(minutes=minutes)
    assert parse_tz(tz_name(tz)) == tz


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "regimen.parse.bad_tz"),
        ("Atlantis", "regimen.parse.bad_tz"),
        ("Europe/Atlantis", "regimen.parse.bad_tz"),
        ("localtime", "regimen.parse.bad_tz"),
        ("UTC+15", "regimen.parse.bad_offset"),
        ("-13", "regimen.parse.bad_offset"),
        ("+05:17", "regimen.parse.bad_offset"),
        ("eastern", "regimen.parse.ambiguous_tz"),
    ],
)
def test_parse_tz_rejects_with_help(text: str, key: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_tz(text)
    assert err.value.key == key
    assert "London" in str(err.value) or "-12:00" in str(err.value) or "full name" in str(err.value)


def test_zones_for_country() -> None:
    assert zones_for_country("in") == ["Asia/Kolkata"]
    assert zones_for_country("GB") == zones_for_country("uk") == ["Europe/London"]
    us = zones_for_country("US")
    assert us[0] == "America/New_York" and "America/Los_Angeles" in us
    assert "Australia/Sydney" in zones_for_country("au")
    for bad in ("XX", "GBR", "1", ""):
        with pytest.raises(ParseError) as err:
            zones_for_country(bad)
        assert err.value.key == "regimen.parse.bad_country"
