"""The questions after "Taken" or /log: site, route, batch, time; and what each answer means."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from flows.dosing import callbacks as cb
from flows.dosing import sites as site_rules
from flows.dosing import when
from flows.messages import Button, Message, Raw, T, Text
from flows.regimen import ParseError, parse_time, to_local, to_utc

BATCH_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$")
ROUTES = ("IM", "SC")


class TimeProblem(ValueError):
    """A typed dose time that cannot be stored; `key` names the catalogue text that explains why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params

    def text(self) -> Text:
        """What to tell the patient."""
        return T(self.key, **self.params)


def ask_site(ref: str, sites: Sequence[str], suggested: str | None, *, intro: Text | None = None) -> Message:
    """Where did you inject? One button per trained site, the suggested one marked."""
    rows = [[Button(_site_label(s, suggested), cb.step(ref, "site", s))] for s in sites]
    parts: list[Text] = [intro] if intro is not None else []
    parts.append(T("doses.ask_site"))
    if suggested:
        parts.append(T("doses.suggested_site", site=when.site(suggested)))
    return Message.say(*parts, buttons=rows)


def _site_label(site: str, suggested: str | None) -> Text | Raw:
    return T("doses.site_suggested", site=when.site(site)) if site == suggested else when.site(site)


def site_refused(ref: str, sites: Sequence[str], suggested: str | None) -> Message:
    """The upper arm above 1 mL: not stored; ask again."""
    return ask_site(ref, [s for s in sites if s != site_rules.UPPER_ARM], suggested, intro=T("doses.arm_refused"))


def ask_route(ref: str, prescribed: str, *, site_warning: bool = False) -> Message:
    """Which route did you use? The prescribed one first."""
    order = [prescribed] + [r for r in ROUTES if r != prescribed] if prescribed in ROUTES else list(ROUTES)
    buttons = [[Button(T("doses.route_button", route=when.route(r)), cb.step(ref, "route", r))] for r in order]
    parts = [T("doses.buttock_warning")] if site_warning else []
    parts += [T("doses.ask_route", route=when.route(prescribed))]
    return Message.say(*parts, buttons=buttons)


def route_mismatch(prescribed: str, used: str) -> tuple[Text, ...]:
    """ADVICE for a route other than the prescribed one: ask the prescriber, never repeat the dose."""
    return (
        T("doses.route_mismatch", used=when.route(used), prescribed=when.route(prescribed)),
        T("doses.route_mismatch_do"),
    )


def ask_batch(ref: str, *, again: bool = False) -> Message:
    """The batch or lot number, optional."""
    parts = [T("doses.batch_bad")] if again else []
    parts.append(T("doses.ask_batch"))
    return Message.say(*parts, buttons=[[Button(T("doses.batch_skip"), cb.step(ref, "batch", "-"))]])


def parse_batch(text: str) -> str | None:
    """A batch number as printed (letters, digits, spaces, dots, slashes, dashes; up to 40); None if not one."""
    value = " ".join(text.split())
    return value if BATCH_RE.match(value) else None


def ask_time(ref: str) -> Message:
    """Just now, or earlier?"""
    return Message.say(
        T("doses.ask_time"),
        buttons=[[Button(T("doses.time_now"), cb.step(ref, "time", "now"))],
                 [Button(T("doses.time_earlier"), cb.step(ref, "time", "earlier"))]],
    )


def ask_earlier(problem: TimeProblem | None = None) -> Message:
    """Type the time; with the reason the last answer was refused."""
    parts = [problem.text()] if problem else []
    return Message.say(*parts, T("doses.ask_earlier"))


def parse_taken_time(text: str, *, now: datetime, tz: str, previous: datetime | None) -> datetime:
    """A typed dose time ("08:30", "yesterday 21:15") as a UTC instant; TimeProblem if it cannot be right."""
    words = text.strip().lower().replace(" at ", " ").split()
    days_back = 0
    if words and words[0] in ("today", "yesterday"):
        days_back = 1 if words[0] == "yesterday" else 0
        words = words[1:]
    if words and words[0] == "at":
        words = words[1:]
    try:
        wall = parse_time(" ".join(words))
    except ParseError:
        raise TimeProblem("doses.time_bad") from None
    local_day = to_local(now, tz).date() - timedelta(days=days_back)
    instant = to_utc(local_day, wall, tz)
    if to_local(instant, tz).time().replace(second=0) != wall:
        # The clocks went forward over that time, so no dose was taken at it.
        raise TimeProblem("doses.time_gap", time=wall.strftime("%H:%M"))
    if instant > now:
        raise TimeProblem("doses.time_future")
    if previous is not None and instant <= previous:
        raise TimeProblem("doses.time_before_previous", when=when.when(to_local(previous, tz)))
    return instant


def ask_guard(ref: str, earliest_local: datetime) -> Message:
    """Earlier than the plan allows: are you sure? Never take more than prescribed."""
    return Message.say(
        T("doses.guard", date=when.day(earliest_local)),
        T("doses.guard_never_more"),
        buttons=[[Button(T("doses.guard_yes"), cb.step(ref, "guard", "yes"))],
                 [Button(T("doses.guard_no"), cb.step(ref, "guard", "no"))]],
    )


def logged(
    dose_id: int,
    *,
    taken_local: datetime,
    site: str,
    route: str,
    batch: str | None,
    corrected: bool = False,
    extra: Sequence[Text] = (),
) -> Message:
    """The confirmation, with Correct and Undo for the next 24 hours."""
    details = T(
        "doses.logged_details",
        when=when.when(taken_local),
        site=when.site(site),
        route=when.route(route),
        batch=Raw(batch) if batch else T("doses.no_batch"),
    )
    return Message.say(
        T("doses.corrected" if corrected else "doses.logged"),
        details,
        *extra,
        buttons=[
            [Button(T("doses.correct_button"), cb.correct(dose_id)), Button(T("doses.undo_button"), cb.undo(dose_id))]
        ],
    )


def guard_declined() -> Message:
    """Not logged after the double-dose question."""
    return Message.say(T("doses.guard_declined"))


def undone(restored_local: datetime | None) -> Message:
    """The log entry is undone (kept, marked undone); a restored planned dose is due again."""
    parts: list[Text] = [T("doses.undone")]
    if restored_local is not None:
        parts.append(T("doses.undone_restored", when=when.when(restored_local)))
    return Message.say(*parts)


def too_late_to_change() -> Message:
    """Correct/undo only within 24 hours of logging, and only the last log."""
    return Message.say(T("doses.change_window"))
