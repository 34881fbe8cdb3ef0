"""The /settings menu: what can be changed, with the three on/off switches showing their state."""

from __future__ import annotations

from dataclasses import dataclass

from flows.messages import Button, Message, T, Text

PREFIX = "set"
# Menu entry → the group of set-up questions it reuses.
EDITS: dict[str, str] = {
    "product": "product",
    "route": "route",
    "sites": "sites",
    "regimen": "regimen",
    "time": "time",
    "place": "place",
}
TOGGLES = ("home", "checklist", "headsup")
REVIEW = "review"
NEEDS_PRESCRIPTION = frozenset({*EDITS, REVIEW})


@dataclass(frozen=True)
class Switches:
    """The user's current on/off settings."""

    keep_home: bool
    checklist: bool
    heads_up: bool
    review_pending: bool = False


def data(item: str) -> str:
    """Callback data of a menu entry, e.g. "set:regimen"."""
    return f"{PREFIX}:{item}"


def item_of(callback: str) -> str | None:
    """The menu entry a press names, or None when it is not a menu entry we know."""
    prefix, _, item = callback.partition(":")
    known = set(EDITS) | set(TOGGLES) | {REVIEW}
    return item if prefix == PREFIX and item in known else None


def menu(switches: Switches, note: Text | None = None) -> Message:
    """The settings menu; `note` confirms a switch just flipped."""
    on = {"home": switches.keep_home, "checklist": switches.checklist, "headsup": switches.heads_up}
    buttons = [
        [Button(T("onboarding.group_product"), data("product")), Button(T("onboarding.group_route"), data("route"))],
        [Button(T("onboarding.group_sites"), data("sites")), Button(T("onboarding.group_regimen"), data("regimen"))],
        [Button(T("onboarding.group_time"), data("time")), Button(T("onboarding.group_place"), data("place"))],
        *[[Button(T(f"settings.toggle_{k}_{'on' if on[k] else 'off'}"), data(k))] for k in TOGGLES],
        [Button(T("settings.review"), data(REVIEW))],
    ]
    parts: list[Text] = [note] if note else []
    parts.append(T("settings.intro"))
    if switches.review_pending:
        parts.append(T("settings.review_pending"))
    return Message.say(*parts, buttons=buttons)


def toggled(item: str, now_on: bool) -> Text:
    """A one-line confirmation of a flipped switch."""
    return T(f"settings.{item}_{'on' if now_on else 'off'}")


def needs_setup() -> Message:
    """A prescription entry pressed before the set-up was finished."""
    return Message.say(T("settings.needs_setup"))


def needs_zone() -> Message:
    """"Keep home time" pressed before any time zone is known."""
    return Message.say(T("settings.needs_zone"))
