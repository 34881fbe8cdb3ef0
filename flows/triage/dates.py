"""Days since the dose from the message's own words ("did it Saturday", "since the 28th") and its send date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

# Folded weekday names, Monday = 0. Short forms that are also words ("sat", "sun", "mon", "wed") are left
# out; Portuguese "segunda"…"sexta" count only with "feira" or a preposition (they also mean "second"…).
_WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "monday lunes montag lundi lunedi mondays",
        "tuesday tues martes dienstag mardi martedi terca tuesdays",
        "wednesday weds miercoles mittwoch mercredi mercoledi quarta wednesdays",
        "thursday thurs jueves donnerstag jeudi giovedi quinta thursdays",
        "friday viernes freitag vendredi venerdi sexta fridays",
        "saturday sabado samstag sonnabend samedi sabato saturdays",
        "sunday domingo sonntag dimanche domenica sundays",
    )
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _i
_PT_ORDINALS = {"terca", "quarta", "quinta", "sexta", "segunda"}
_WEEKDAYS["segunda"] = 0
WEEKDAY_WORDS = frozenset(_WEEKDAYS)
_PT_BEFORE = {"na", "no", "desde", "da", "de", "ultima", "nesta", "esta", "sexta"}
_YESTERDAY = {"yesterday", "ayer", "gestern", "hier", "ontem", "ieri"}
_TWO_DAYS = ("day before yesterday", "anteayer", "antes de ayer", "vorgestern", "avant hier", "anteontem",
             "l altro ieri", "altro ieri", "ieri l altro")
_LAST_WEEK = ("last week", "semana pasada", "letzte woche", "letzten woche", "semaine derniere",
              "semana passada", "settimana scorsa", "scorsa settimana", "a week ago", "hace una semana")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b")
_DAY_OF_MONTH = re.compile(
    r"\b(?:(?:since|on) the|desde el|el dia|seit dem|am|depuis le|le|desde o|desde dia|no dia|dal|il)\s+(\d{1,2})"
    r"(?:st|nd|rd|th|er|eme|o)?\b|\b(\d{1,2})(?:st|nd|rd|th)\b"
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            "january jan enero januar janvier janeiro gennaio",
            "february feb febrero februar fevrier fevereiro febbraio",
            "march mar marzo marz mars marco",
            "april apr abril avril aprile",
            "may mayo mai maio maggio",
            "june jun junio juni juin junho giugno",
            "july jul julio juli juillet julho luglio",
            "august aug agosto aout",
            "september sep sept septiembre septembre setembro settembre",
            "october oct octubre oktober octobre outubro ottobre",
            "november nov noviembre novembre novembro",
            "december dec diciembre dezember decembre dezembro dicembre",
        )
    )
    for m in names.split()
}
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|o)?(?: de| of)? ([a-z]+)\b")


def days_back(words: tuple[str, ...], folded: str, sent_at: datetime) -> tuple[int, str] | None:
    """The most days back any date word of the message points to, with the words that said it.

    `words` are the message's tokens, `folded` its folded text (for "28/11", which tokens split).
    """
    today = sent_at.date()
    best: tuple[int, str] | None = None

    def keep(days: int, said: str) -> None:
        nonlocal best
        if 0 <= days <= 120 and (best is None or days > best[0]):
            best = (days, said)

    for i, w in enumerate(words):
        wd = _WEEKDAYS.get(w)
        if wd is None:
            continue
        if w in _PT_ORDINALS and not (
            (i + 1 < len(words) and words[i + 1] == "feira") or (i and words[i - 1] in _PT_BEFORE)
        ):
            continue
        back = (today.weekday() - wd) % 7
        if back:  # the send day itself is "today", not a week ago
            keep(back, w)
    text = " ".join(words)
    if any(w in _YESTERDAY for w in words):
        keep(1, "yesterday")
    for phrase in _TWO_DAYS:
        if phrase in text:
            keep(2, phrase)
    for phrase in _LAST_WEEK:
        if phrase in text:
            keep(7, phrase)
    for m in _DAY_OF_MONTH.finditer(text):
        day = int(m.group(1) or m.group(2))
        month_back = today.replace(day=1) - timedelta(days=1)
        d = _date(today, day, today.month) if day <= today.day else _date(month_back, day, month_back.month)
        if d is not None:
            keep((today - d).days, m.group(0))
    for m in _NUMERIC.finditer(folded):
        d = _date(today, int(m.group(1)), int(m.group(2)))
        if d is not None:
            keep((today - d).days, m.group(0))
    for m in _DAY_MONTH.finditer(text):
        month = _MONTHS.get(m.group(2))
        if month:
            d = _date(today, int(m.group(1)), month)
            if d is not None:
                keep((today - d).days, m.group(0))
    return best


def _date(today: date, day: int, month: int) -> date | None:
    """The latest date on or before today with that day and month (day first, as most of the world writes)."""
    for year in (today.year, today.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if d <= today:
            return d
    return None


def over_48h(days: int) -> bool:
    """Day 3 or later counts as past the 48-hour limit (spec §4.6: 'past 48 h (day 3 or later)')."""
    return days >= 2

