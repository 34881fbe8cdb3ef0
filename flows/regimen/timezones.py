"""Understanding a typed time zone (IANA name, city or UTC offset) and listing a country's zones."""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from flows.regimen.errors import ParseError

_HELP = "Type a city such as 'London', a zone such as 'Europe/London', or an offset such as '+05:30'."

# Big cities that tzdata does not name (it names one city per zone); only unambiguous ones.
_CITY_ALIASES = {
    city: zone
    for zone, cities in {
        "Asia/Kolkata": "mumbai bombay delhi new_delhi bangalore bengaluru chennai hyderabad",
        "America/New_York": "washington boston philadelphia miami atlanta",
        "America/Los_Angeles": "san_francisco seattle",
        "America/Chicago": "houston dallas",
        "Asia/Shanghai": "beijing",
        "Europe/London": "manchester birmingham edinburgh glasgow cardiff",
        "Europe/Berlin": "munich hamburg frankfurt",
        "America/Toronto": "ottawa",
        "Pacific/Auckland": "wellington",
    }.items()
    for city in cities.split()
}
_COUNTRY_ALIASES = {"UK": "GB"}
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$", re.IGNORECASE)
_UTC_WORDS = {"utc", "gmt", "z", "zulu", "utc+0", "gmt+0", "utc0", "gmt0"}


def parse_tz(text: str) -> tzinfo:
    """A tzinfo from a typed zone: IANA name (any case), city ("new york"), or offset ("UTC-4", "+05:30")."""
    # Whole-hour offsets become the fixed zones Etc/GMT±N (inverted sign: UTC+1 is Etc/GMT-1); others a
    # datetime.timezone named like "UTC+05:30", which parse_tz reads back. A fixed offset never follows
    # daylight saving, so the caller should prefer a city when the patient knows one.
    raw = text.strip() if isinstance(text, str) else ""
    if not raw:
        raise ParseError(f"No time zone given. {_HELP}", "regimen.parse.bad_tz")
    compact = re.sub(r"\s+", "", raw).lower()
    if compact in _UTC_WORDS:
        return ZoneInfo("UTC")
    if match := _OFFSET.match(compact):
        return _offset_zone(raw, *match.groups())
    key = _normal(re.sub(r"\s*/\s*", "/", raw))
    if key in _by_name():
        return ZoneInfo(_by_name()[key])
    if "/" not in key:
        return ZoneInfo(_by_city(raw, key))
    raise ParseError(f"Unknown time zone {raw!r}. {_HELP}", "regimen.parse.bad_tz")


def tz_name(tz: tzinfo) -> str:
    """The name to store for a tzinfo; parse_tz(tz_name(tz)) gives it back."""
    if isinstance(tz, ZoneInfo):
        return tz.key
    name = tz.tzname(None)
    if name is None:
        raise ValueError("this tzinfo has no stable name")
    return name


def zones_for_country(iso2: str) -> list[str]:
    """IANA zones of a country (ISO 3166 alpha-2, any case; "UK" means GB), most populous region first."""
    code = iso2.strip().upper()
    code = _COUNTRY_ALIASES.get(code, code)
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ParseError(
            f"{iso2!r} is not a two-letter country code such as 'GB' or 'IN'.", "regimen.parse.bad_country"
        )
    zones = _country_zones().get(code)
    if not zones:
        raise ParseError(f"Unknown country code {iso2!r}; try a city name instead.", "regimen.parse.bad_country")
    return list(zones)


def _offset_zone(raw: str, sign: str, hours: str, minutes: str | None) -> tzinfo:
    h, m = int(hours), int(minutes or 0)
    total = (h * 60 + m) * (-1 if sign == "-" else 1)
    if m % 15 or not -12 * 60 <= total <= 14 * 60:
        raise ParseError(
            f"{raw!r} is not a real UTC offset: offsets run from -12:00 to +14:00 in steps of 15 minutes.",
            "regimen.parse.bad_offset",
        )
    if total == 0:
        return ZoneInfo("UTC")
    if m == 0:
        return ZoneInfo(f"Etc/GMT{-total // 60:+d}")
    return timezone(timedelta(minutes=total), name=f"UTC{sign}{h:02d}:{m:02d}")


def _normal(text: str) -> str:
    # Spaces, hyphens and underscores all separate words in zone names ("Port-au-Prince", "New_York").
    return re.sub(r"[\s_-]+", "_", text.strip()).lower()


@cache
def _by_name() -> dict[str, str]:
    # System zone folders may add "posix/…", "right/…", "localtime": not names a patient should get.
    names = (z for z in available_timezones() if not z.startswith(("posix/", "right/")))
    return {_normal(z): z for z in names if z not in {"localtime", "Factory"}}


@cache
def _by_last_part() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for name in sorted(_by_name().values()):
        table.setdefault(_normal(name.rsplit("/", 1)[-1]), []).append(name)
    return {k: tuple(v) for k, v in table.items()}


def _by_city(raw: str, key: str) -> str:
    if key in _CITY_ALIASES:
        return _CITY_ALIASES[key]
    found = _by_last_part().get(key, ())
    # Prefer a country's own zone (zone.tab) over old aliases such as US/Eastern or America/Buenos_Aires.
    canonical = [z for z in found if z in _canonical()] or list(found)
    if len(canonical) == 1:
        return canonical[0]
    if canonical:
        options = " or ".join(canonical)
        raise ParseError(f"{raw!r} could mean {options}; type the full name.", "regimen.parse.ambiguous_tz")
    raise ParseError(f"Unknown time zone {raw!r}. {_HELP}", "regimen.parse.bad_tz")


@cache
def _zone_tab() -> tuple[tuple[str, str], ...]:
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return tuple((row[0], row[2]) for row in rows if len(row) >= 3)


@cache
def _canonical() -> frozenset[str]:
    return frozenset(zone for _, zone in _zone_tab())


@cache
def _country_zones() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for code, zone in _zone_tab():
        table.setdefault(code, []).append(zone)
    return {k: tuple(v) for k, v in table.items()}
