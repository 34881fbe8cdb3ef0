"""Plain values the carer texts are built from, so flows never touch the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from flows.dosing.when import clock_time
from flows.dosing.when import when as dose_when
from flows.messages import Raw, T, Text
from flows.regimen.localtime import to_local, zone


@dataclass(frozen=True)
class Person:
    """Someone named in a message: first name and, for confirming a carer, the @username."""

    name: str
    username: str | None = None

    def label(self) -> Raw:
        """The first name, untranslated."""
        return Raw(self.name or "?")

    def handle(self) -> Text | Raw:
        """@username, or a note that there is none."""
        return Raw(f"@{self.username}") if self.username else T("carers.no_username")


@dataclass(frozen=True)
class LinkView:
    """One carer link seen from the side that reads the message; `other` is the other person."""

    link_id: int
    other: Person
    status: str
    is_primary: bool = False
    permissions: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class InviteView:
    """One pending invite, with its expiry already in the patient's local time."""

    invite_id: int
    expires_local: datetime


def local(instant: datetime, tz: str | tzinfo) -> datetime:
    """An instant in someone's local time."""
    return to_local(instant, zone(tz))


def clock(local_time: datetime) -> str:
    """24-hour wall time, e.g. 09:05."""
    return clock_time(local_time)


def when(local_time: datetime) -> Text:
    """Weekday, date and time, e.g. Monday 2 March at 09:05 (the same words as the patient's dose messages)."""
    return dose_when(local_time)
