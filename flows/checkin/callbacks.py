"""Compact button data for the check-in, always under Telegram's 64 bytes.

ck:<episode>:<seq>:<question>:<value>  an answer to question <question> shown as step <seq> of an episode
ur:<episode>:<action>                  a button under the URGENT message (called / someone / cant); episode 0 = none
fu:<episode>:<value>                   an answer to a follow-up message
hold:<hold>                            "my prescriber said go ahead" under the pre-dose hold
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ANSWER, URGENT, FOLLOW_UP, HOLD = "ck", "ur", "fu", "hold"
URGENT_ACTIONS = ("called", "someone", "cant")
MAX_ID_DIGITS = 15
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


@dataclass(frozen=True)
class Pressed:
    """A decoded check-in button."""

    kind: str
    ref: int
    seq: int = 0
    question: str = ""
    value: str = ""


def answer(episode: int, seq: int, question: str, value: str) -> str:
    """A button answering one question of the check-in."""
    return f"{ANSWER}:{episode}:{seq}:{question}:{value}"


def urgent(episode: int | None, action: str) -> str:
    """A button under the URGENT message."""
    return f"{URGENT}:{episode or 0}:{action}"


def follow_up(episode: int, value: str) -> str:
    """A button under a follow-up question."""
    return f"{FOLLOW_UP}:{episode}:{value}"


def hold(hold_id: int) -> str:
    """The "my prescriber said go ahead" button."""
    return f"{HOLD}:{hold_id}"


def _id(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= MAX_ID_DIGITS else None


def parse(data: str) -> Pressed | None:
    """Decode a check-in button; None for anything malformed (garbled or forged data)."""
    parts = data.split(":")
    ref = _id(parts[1]) if len(parts) > 1 else None
    if ref is None:
        return None
    kind, rest = parts[0], parts[2:]
    if kind == ANSWER and len(rest) == 3 and rest[0].isdigit() and len(rest[0]) <= 6:
        if _TOKEN.match(rest[1]) and _TOKEN.match(rest[2]):
            return Pressed(kind, ref, int(rest[0]), rest[1], rest[2])
        return None
    if kind == URGENT and len(rest) == 1 and rest[0] in URGENT_ACTIONS:
        return Pressed(kind, ref, value=rest[0])
    if kind == FOLLOW_UP and len(rest) == 1 and _TOKEN.match(rest[0]):
        return Pressed(kind, ref, value=rest[0])
    if kind == HOLD and not rest:
        return Pressed(kind, ref)
    return None
