"""When: the first dose date of the plan and the time of day for reminders."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from flows.messages import Message, Raw, T
from flows.onboarding import words
from flows.onboarding.model import Answer, Data, err, ok, with_
from flows.onboarding.spec import Q, StepSpec, rows
from flows.regimen import ParseError, parse_date, parse_time, to_utc
from flows.regimen.localtime import zone

TIMES = ("08:00", "09:00", "12:00", "18:00", "20:00")
MAX_AHEAD = timedelta(days=366)


def _ask_start(q: Q) -> Message:
    today, tomorrow = q.today, q.today + timedelta(days=1)
    buttons = [
        q.button(T("onboarding.start_today", date=words.day(today)), today.isoformat()),
        q.button(T("onboarding.start_tomorrow", date=words.day(tomorrow)), tomorrow.isoformat()),
    ]
    kept = q.data.get("_old_start")
    if kept and kept < today.isoformat():
        # Settings: a plan already running keeps its first date unless the patient picks a new one.
        buttons.append(q.button(T("onboarding.start_keep", date=words.day(date.fromisoformat(kept))), kept))
    return Message.say(T("onboarding.start_ask"), buttons=rows(buttons))


def _start(data: Data, chosen: date, today: date) -> Answer:
    example = words.typed_day(today + timedelta(days=7))
    if chosen < today and chosen.isoformat() != data.get("_old_start"):
        return err(T("onboarding.start_err_past", example=example))
    if chosen > today + MAX_AHEAD:
        return err(T("onboarding.start_err_far", example=example))
    return ok(with_(data, start=chosen.isoformat()))


def _press_start(data: Data, value: str, today: date) -> Answer:
    try:
        return _start(data, date.fromisoformat(value), today)
    except ValueError:
        return err(T("onboarding.use_buttons"))


def _text_start(data: Data, text: str, today: date) -> Answer:
    try:
        chosen = parse_date(text, today=today)
    except (ParseError, ValueError):
        return err(T("onboarding.start_err", example=words.typed_day(today + timedelta(days=7))))
    if chosen < today and not re.search(r"\d{4}", text) and text.strip().lower() != "yesterday":
        # "1 Dec" typed in March means the coming one: a plan's first dose is not in the past.
        chosen = _next_year(chosen)
    return _start(data, chosen, today)


def _next_year(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + 1, day=28)


def _ask_time(q: Q) -> Message:
    buttons = [q.button(Raw(t), t) for t in TIMES]
    return Message.say(T("onboarding.time_ask"), buttons=rows(buttons, 3))


def _time(data: Data, text: str, today: date) -> Answer:
    try:
        chosen = parse_time(text)
    except (ParseError, ValueError):
        return err(T("onboarding.time_err"))
    return ok(with_(data, time=chosen.strftime("%H:%M")))


def skipped_day(tz: str | None, hhmm: str | None, start: date) -> date | None:
    """The first day within a year of `start` on which the reminder time does not exist (clocks go forward)."""
    if not tz or not hhmm:
        return None
    wall = time.fromisoformat(hhmm)
    try:
        local_zone = zone(tz)
    except (ParseError, ValueError):
        return None
    for offset in range(367):
        d = start + timedelta(days=offset)
        local = to_utc(d, wall, local_zone).astimezone(local_zone)
        if local.replace(tzinfo=None) != datetime.combine(d, wall):
            return d
    return None


STEPS = {
    "start": StepSpec(_ask_start, _press_start, _text_start),
    "time": StepSpec(_ask_time, _time, _time),
}
