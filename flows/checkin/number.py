"""The emergency number to show for a country, as catalogue text."""

from __future__ import annotations

from flows.messages import Raw, T, Text
from flows.triage.emergency import emergency_number


def number_text(country: str | None) -> Text:
    """One number to call, "999" for GB; "your local emergency number (… 112)" when the country is unknown."""
    found = emergency_number(country)
    if not found.known or found.call is None:
        return T("triage.number_unknown")
    # One number only: in an emergency a choice is a delay.
    return T("triage.number_known", number=Raw(found.call))
