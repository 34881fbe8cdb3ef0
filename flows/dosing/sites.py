"""Injection sites: which trained site has rested longest, and which choices are refused or need a warning."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Literal

# The deltoid is not for more than 1 mL; the dorsogluteal site is for professionals only (sciatic nerve).
UPPER_ARM = "upper_arm"
BUTTOCK = "buttock"
ARM_LIMIT_ML = Decimal("1")

SiteCheck = Literal["ok", "too_much_for_arm", "professional_only"]


def check(site: str, dose_ml: Decimal | float | str) -> SiteCheck:
    """Whether a site may be logged for this volume: refused, allowed with a warning, or fine."""
    if site == UPPER_ARM and Decimal(str(dose_ml)) > ARM_LIMIT_ML:
        return "too_much_for_arm"
    if site == BUTTOCK:
        return "professional_only"
    return "ok"


def suggest(sites: Sequence[str], last_used: Mapping[str, datetime], dose_ml: Decimal | float | str) -> str | None:
    """The trained site that has rested longest (never used beats used; ties keep the trained order).

    The buttock is suggested only when it is the sole trained site, and the upper arm never above 1 mL.
    """
    allowed = [s for s in sites if check(s, dose_ml) != "too_much_for_arm"]
    candidates = [s for s in allowed if s != BUTTOCK] or allowed
    if not candidates:
        return None
    never = [s for s in candidates if s not in last_used]
    if never:
        return never[0]
    return min(candidates, key=lambda s: last_used[s])
