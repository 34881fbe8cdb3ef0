"""The order of the questions, which ones apply, and the groups /settings can change one at a time."""

from __future__ import annotations

from flows.onboarding.model import Data
from flows.onboarding.steps_place import needs_travel_question
from flows.onboarding.steps_product import sc_warning_due, sites_valid

ORDER: tuple[str, ...] = (
    "country", "tz", "travel",
    "prod", "pname", "str", "strt", "dose",
    "route", "rwarn",
    "sites",
    "reg", "ckind", "cevery", "cwd", "cend", "ccount", "cdays", "anchor", "start",
    "time",
    "confirm",
)  # fmt: skip

GROUPS: dict[str, tuple[str, ...]] = {
    "place": ("country", "tz", "travel"),
    "product": ("prod", "pname", "str", "strt", "dose"),
    "route": ("route", "rwarn"),
    "sites": ("sites",),
    "regimen": ("reg", "ckind", "cevery", "cwd", "cend", "ccount", "cdays", "anchor", "start"),
    "time": ("time",),
}


def applies(state: str, data: Data) -> bool:
    """Whether a question is asked at all given the answers so far."""
    custom = data.get("reg") == "custom"
    return {
        "travel": needs_travel_question(data),
        "pname": data.get("product") == "other",
        "strt": bool(data.get("strength_other")),
        "rwarn": sc_warning_due(data),
        "ckind": custom,
        "cevery": custom and data.get("ckind") in ("day", "week", "month"),
        "cwd": custom and data.get("ckind") == "wd",
        "cend": custom,
        "ccount": custom and data.get("cend") == "count",
        "cdays": custom and data.get("cend") == "duration",
    }.get(state, True)


def _forced(state: str, data: Data) -> bool:
    # Outside the group being edited, a question is asked again only when an edit made its answer unsafe.
    return (state == "rwarn" and sc_warning_due(data)) or (state == "sites" and not sites_valid(data))


def next_state(current: str | None, data: Data) -> str:
    """The question after `current` (None: the first one); "confirm" once everything is answered."""
    start = ORDER.index(current) + 1 if current in ORDER else 0
    only = data.get("_only")
    for state in ORDER[start:]:
        if state == "confirm":
            return state
        if not applies(state, data):
            continue
        if only and state not in GROUPS.get(only, ()) and not _forced(state, data):
            continue
        return state
    return "confirm"


def first_of(group: str, data: Data) -> str:
    """The first question of a group (for /settings and "change something")."""
    first = GROUPS[group][0]
    return first if applies(first, data) else next_state(first, data)
