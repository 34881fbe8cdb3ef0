"""The double-dose guard: a dose logged sooner than the regimen allows needs a confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flows.regimen import Regimen, earliest_allowed


def needs_confirmation(
    regimen: Regimen, start: date, *, taken: Sequence[date], skipped: Sequence[date], on: date
) -> date | None:
    """The earliest date the plan allows if a dose on `on` is before it; None when no question is needed."""
    earliest = earliest_allowed(regimen, start, taken=taken, skipped=skipped)
    return earliest if earliest is not None and on < earliest else None
