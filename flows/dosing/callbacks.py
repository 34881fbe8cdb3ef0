"""Compact button data for doses, always under Telegram's 64 bytes.

d:t:<id> taken · d:z:<id>:<min> snooze · d:s:<id>[:<reason>] skip · d:k:<id>:<step> checklist · d:ko checklist off
d:e:<id> correct a log · d:u:<id> undo a log · d:l record a dose · d:y supplies
d:f:<ref>:<step>:<value> a step of the taken/log conversation; ref is the dose id, or "m" for a new manual log.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "d"
MANUAL = "m"
MAX_ID_DIGITS = 15


@dataclass(frozen=True)
class Pressed:
    """A decoded dose button: the action, the dose it names (if any) and the rest."""

    action: str
    dose_id: int | None = None
    ref: str = ""
    step: str = ""
    value: str = ""


def taken(dose_id: int) -> str:
    """Taken."""
    return f"d:t:{dose_id}"


def snooze(dose_id: int, minutes: int) -> str:
    """Remind me again in `minutes`."""
    return f"d:z:{dose_id}:{minutes}"


def skip(dose_id: int, reason: str = "") -> str:
    """Skip (asks why), or skip for a given reason."""
    return f"d:s:{dose_id}:{reason}" if reason else f"d:s:{dose_id}"


def checklist(dose_id: int, step: int) -> str:
    """Show checklist step `step` (0-based); past the last step, the checklist is done."""
    return f"d:k:{dose_id}:{step}"


CHECKLIST_OFF = "d:ko"
RECORD = "d:l"
SUPPLIES = "d:y"


def correct(dose_id: int) -> str:
    """Correct a logged dose."""
    return f"d:e:{dose_id}"


def undo(dose_id: int) -> str:
    """Undo a logged dose."""
    return f"d:u:{dose_id}"


def step(ref: str, name: str, value: str = "") -> str:
    """A button answering one question of the taken/log conversation."""
    return f"d:f:{ref}:{name}:{value}"


def _id(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= MAX_ID_DIGITS else None


def parse(data: str) -> Pressed | None:
    """Decode a dose button; None for anything malformed (garbled or forged data)."""
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != PREFIX:
        return None
    action, rest = parts[1], parts[2:]
    if action in ("ko", "l", "y") and not rest:
        return Pressed(action)
    if action == "f" and len(rest) == 3 and (rest[0] == MANUAL or _id(rest[0]) is not None):
        return Pressed("f", _id(rest[0]), rest[0], rest[1], rest[2])
    if not rest or (dose_id := _id(rest[0])) is None:
        return None
    if action in ("t", "e", "u") and len(rest) == 1:
        return Pressed(action, dose_id)
    if action == "s" and len(rest) in (1, 2):
        return Pressed("s", dose_id, value=rest[1] if len(rest) == 2 else "")
    if action in ("z", "k") and len(rest) == 2 and rest[1].isdigit() and len(rest[1]) <= 4:
        return Pressed(action, dose_id, value=rest[1])
    return None
