"""Emergency numbers by country (spec §5), read from emergency_numbers.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LOCAL = "your local emergency number"
# Codes people use that are not the ISO 3166-1 alpha-2 ones.
_ALIASES = {"UK": "GB", "EL": "GR"}


@dataclass(frozen=True)
class EmergencyNumber:
    """What to tell the user to call. `call` is None when the country is unknown."""

    country: str | None
    known: bool
    call: str | None
    numbers: tuple[str, ...]
    notes: str
    verified: bool

    @property
    def display(self) -> str:
        """The number to show, or 'your local emergency number (…112…)' when unknown."""
        if self.call is None:
            return f"{LOCAL} (most mobile phones also connect 112)"
        return self.call

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "country": self.country,
            "known": self.known,
            "call": self.call,
            "numbers": list(self.numbers),
            "display": self.display,
            "notes": self.notes,
            "verified": self.verified,
        }


@cache
def _table() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("emergency_numbers.json").read_text(encoding="utf-8")
    return json.loads(text)


def emergency_number(country: str | None) -> EmergencyNumber:
    """Look up an ISO 3166-1 alpha-2 code; unknown or None gives the 'local number, 112' answer."""
    table = _table()
    code = (country or "").strip().upper()
    code = _ALIASES.get(code, code)
    row = table.get(code) if code and not code.startswith("_") else None
    if row is None:
        unknown = table["_unknown"]
        return EmergencyNumber(code or None, False, None, tuple(unknown["numbers"]), unknown["notes"], False)
    return EmergencyNumber(code, True, row["numbers"][0], tuple(row["numbers"]), row["notes"], bool(row["verified"]))
