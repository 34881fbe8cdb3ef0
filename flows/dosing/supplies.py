"""Supply counts: how many ampoules are left, typed as a number; a low-stock alert."""

from __future__ import annotations

from flows.messages import Message, T

MAX_AMPOULES = 999


def ask_count(*, again: bool = False) -> Message:
    """How many ampoules do you have?"""
    return Message.say(*([T("doses.supplies_bad")] if again else []), T("doses.supplies_ask"))


def parse_count(text: str) -> int | None:
    """A whole number of ampoules from 0 to 999; None for anything else."""
    value = text.strip()
    if not value.isdigit() or len(value) > 3:
        return None
    return int(value)


def saved(count: int) -> Message:
    """Stored."""
    return Message.say(T("doses.supplies_saved", count=count))


def low_stock(count: int) -> Message:
    """Few ampoules left: time to ask for more."""
    return Message.say(T("doses.low_stock", count=count))
