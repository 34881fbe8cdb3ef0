"""The missed-dose ladder: after the patient's own re-reminders, the primary carer, then every carer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

# Per-patient defaults: the primary carer hears at once when a dose is marked missed, everyone an hour later.
DEFAULT_PRIMARY_AFTER = 0
DEFAULT_ALL_AFTER = 60
# Offered as buttons only, so a forged number is refused; every "all" choice is at least every "primary" one.
PRIMARY_CHOICES: tuple[int, ...] = (0, 15, 30)
ALL_CHOICES: tuple[int, ...] = (30, 60, 120)
PRIMARY, EVERYONE = 1, 2


@dataclass(frozen=True)
class Candidate:
    """One linked carer as the ladder sees them."""

    link_id: int
    is_primary: bool
    missed_allowed: bool
    reachable: bool
    since: datetime


def eligible(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Carers who may and can get a missed-dose alert (permission on, not known to have blocked the bot)."""
    return [c for c in candidates if c.missed_allowed and c.reachable]


def primary(candidates: Sequence[Candidate]) -> Candidate | None:
    """The carer marked primary among the eligible ones, else the one linked longest."""
    pool = eligible(candidates)
    if not pool:
        return None
    marked = [c for c in pool if c.is_primary]
    return (marked or sorted(pool, key=lambda c: (c.since, c.link_id)))[0]


def recipients(stage: int, candidates: Sequence[Candidate]) -> list[int]:
    """Link ids to alert at a stage: the primary carer first, then everyone eligible."""
    if stage == PRIMARY:
        first = primary(candidates)
        return [first.link_id] if first else []
    return [c.link_id for c in eligible(candidates)]


def stage_times(missed_at: datetime, primary_after: int, all_after: int) -> list[tuple[int, datetime]]:
    """When each stage falls due after the dose was marked missed."""
    return [
        (PRIMARY, missed_at + timedelta(minutes=primary_after)),
        (EVERYONE, missed_at + timedelta(minutes=max(all_after, primary_after))),
    ]


def valid_choice(which: str, minutes: int) -> bool:
    """Whether a pressed ladder timing is one we offered."""
    return minutes in (PRIMARY_CHOICES if which == "primary" else ALL_CHOICES)
