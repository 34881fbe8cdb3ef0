"""Compact callback data for the guided set-up: "ob:<question number>:<step>:<value>"."""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "ob"


@dataclass(frozen=True)
class Pressed:
    """A decoded press: which question it answers and the value chosen."""

    seq: int
    state: str
    value: str


def make(seq: int, state: str, value: str) -> str:
    """Callback data for one button of question number `seq` (at most 64 bytes)."""
    return f"{PREFIX}:{seq}:{state}:{value}"


def parse(data: str) -> Pressed | None:
    """Decode callback data; None when it is not ours or is malformed (a forged or garbled press)."""
    parts = data.split(":", 3)
    if len(parts) != 4 or parts[0] != PREFIX or not parts[1].isdigit() or len(parts[1]) > 6:
        return None
    return Pressed(int(parts[1]), parts[2], parts[3])
