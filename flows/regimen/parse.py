"""Understanding a typed time of day or date; errors say what to type instead."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from flows.regimen.errors import ParseError

_TIME_HELP = "Type a time such as 9, 9am, 09:00, 21.30 or 9:30 pm."
_DATE_HELP = "Type a date such as 2026-12-01, 1 Dec, Dec 1, today or tomorrow."
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2})|(\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?)?$")
_WORD_TIMES = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {name: n for n, full in enumerate(_MONTH_NAMES, start=1) for name in (full, full[:3])} | {"sept": 9}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?(?:,?\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}


def parse_time(text: str) -> time:
    """A wall time from "9", "9am", "09:00", "21.30", "9:30 pm", "0930", "noon"; ParseError otherwise."""
    raw = text.strip().lower() if isinstance(text, str) else ""
    if raw in _WORD_TIMES:
        return _WORD_TIMES[raw]
    match = _TIME.match(raw)
    if not match:
        raise ParseError(f"{text!r} is not a time. {_TIME_HELP}", "regimen.parse.bad_time")
    hour, minute = int(match[1]), int(match[2] or match[3] or 0)
    if match[3] and len(match[1]) != 2:
        # "930" is too easy to misread (9:30? 93:0?); four digits like "0930" are fine.
        raise ParseError(f"{text!r} is not a time. {_TIME_HELP}", "regimen.parse.bad_time")
    if suffix := match[4]:
        if not 1 <= hour <= 12:
            raise ParseError(f"{text!r}: with am/pm the hour runs from 1 to 12. {_TIME_HELP}", "regimen.parse.bad_time")
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ParseError(f"{text!r} is not a time of day. {_TIME_HELP}", "regimen.parse.bad_time")
    return time(hour, minute)


def parse_date(text: str, *, today: date) -> date:
    """A date from "2026-12-01", "1 Dec", "Dec 1", "1 December 2026", "today", "tomorrow", "yesterday"."""
    # Without a year the date nearest to `today` is meant (within about six months either way): "1 Dec" typed
    # on 5 Dec is the 1st just gone, typed in November the 1st to come. All-number forms such as 1/12/2026
    # are refused: the UK and the US read them differently.
    raw = re.sub(r"\s+", " ", text.strip().lower()) if isinstance(text, str) else ""
    if raw in _RELATIVE:
        return today + timedelta(days=_RELATIVE[raw])
    if match := _ISO.match(raw):
        return _make(text, int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH.match(raw):
        return _named(text, int(match[1]), match[2], match[3], today)
    if match := _MONTH_DAY.match(raw):
        return _named(text, int(match[2]), match[1], match[3], today)
    if re.match(r"^\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?$", raw):
        raise ParseError(
            f"{text!r} could be read two ways (day/month or month/day). {_DATE_HELP}", "regimen.parse.ambiguous_date"
        )
    raise ParseError(f"{text!r} is not a date. {_DATE_HELP}", "regimen.parse.bad_date")


def _named(text: str, day: int, month_word: str, year: str | None, today: date) -> date:
    month = _month(text, month_word)
    if year is not None:
        return _make(text, int(year), month, day)
    candidates = []
    for y in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ParseError(f"{text!r} is not a date near today; add the year. {_DATE_HELP}", "regimen.parse.bad_date")
    # Ties (exactly six months either way) go to the future: dates typed here are mostly plan starts.
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))


def _month(text: str, word: str) -> int:
    if word in _MONTHS:
        return _MONTHS[word]
    raise ParseError(f"{text!r}: {word!r} is not a month name. {_DATE_HELP}", "regimen.parse.bad_date")


def _make(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(f"{text!r} is not a real date. {_DATE_HELP}", "regimen.parse.bad_date") from None
