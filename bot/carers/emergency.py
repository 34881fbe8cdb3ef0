"""The emergency number for a patient's country, from the triage engine's table."""

from __future__ import annotations

from flows.triage import emergency_number


def number_for(country: str | None) -> str | None:
    """The number to call, or None when the country is unknown (the text then says "your local number")."""
    return emergency_number(country).call
