"""What a patient lets each carer receive or do; stored per link as a small JSON dict of booleans."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REMINDERS = "reminders"
MISSED = "missed"
URGENT = "urgent"
ADVICE = "advice"
PROXY = "proxy"
HISTORY = "history"

# Display order in /carers; URGENT is listed but can never be switched off while the link exists.
ORDER: tuple[str, ...] = (URGENT, MISSED, REMINDERS, ADVICE, PROXY, HISTORY)
DEFAULTS: dict[str, bool] = {REMINDERS: False, MISSED: True, URGENT: True, ADVICE: False, PROXY: False, HISTORY: False}
TOGGLEABLE: frozenset[str] = frozenset(DEFAULTS) - {URGENT}


def effective(stored: Mapping[str, Any] | None) -> dict[str, bool]:
    """The stored choices over the defaults; unknown keys are dropped and URGENT is always on."""
    out = dict(DEFAULTS)
    for key, value in (stored or {}).items():
        if key in TOGGLEABLE:
            out[key] = bool(value)
    out[URGENT] = True
    return out


def allows(stored: Mapping[str, Any] | None, key: str) -> bool:
    """Whether a link's permissions allow one thing."""
    return effective(stored).get(key, False)


def toggled(stored: Mapping[str, Any] | None, key: str) -> dict[str, bool]:
    """A new permissions dict with one toggleable key flipped; ValueError for URGENT or an unknown key."""
    if key not in TOGGLEABLE:
        raise ValueError(f"not a toggleable permission: {key!r}")
    out = effective(stored)
    out[key] = not out[key]
    return out
