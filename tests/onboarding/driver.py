"""Drive the pure set-up conversation like a user would: press buttons by label, type answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from flows.events import Event, MediaIn, PressIn, TextIn
from flows.i18n import render, render_message
from flows.onboarding import Step, begin, begin_edit, step

TODAY = date(2026, 3, 2)  # a Monday


class Drive:
    """One conversation: the latest Step and helpers to answer it."""

    def __init__(self, first: Step, today: date = TODAY) -> None:
        self.today = today
        self.last = first
        self.state: str | None = first.state
        self.data: dict[str, Any] = first.data

    @classmethod
    def onboarding(cls, today: date = TODAY) -> Drive:
        """A fresh set-up."""
        return cls(begin(today), today)

    @classmethod
    def settings(cls, group: str, current: dict[str, Any], today: date = TODAY, review: bool = False) -> Drive:
        """A /settings edit of one group."""
        return cls(begin_edit(group, current, today, review=review), today)

    def send(self, event: Event) -> Step:
        """Apply one event and remember the outcome."""
        assert self.state is not None, "conversation is over"
        self.last = step(self.state, self.data, event, today=self.today)
        self.state, self.data = self.last.state, self.last.data
        return self.last

    def type(self, text: str) -> Step:
        """Type an answer."""
        return self.send(TextIn(text))

    def media(self) -> Step:
        """Send a sticker."""
        return self.send(MediaIn("sticker"))

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of every button on the last message."""
        return [(render(b.label), b.data) for row in self.last.messages[-1].buttons for b in row]

    def press(self, label: str) -> Step:
        """Press the button whose label contains `label` (or whose data ends with ':label')."""
        suffix = label if label.startswith(":") else f":{label}"
        found = [d for text, d in self.buttons() if d.endswith(suffix)]
        found = found or [d for text, d in self.buttons() if label.lower() in text.lower()]
        assert found, f"no button {label!r} in {self.buttons()}"
        return self.send(PressIn(found[0]))

    def text(self) -> str:
        """All text the last step said."""
        return "\n\n".join(render_message(m) for m in self.last.messages)


def full_onboarding(d: Drive | None = None) -> Drive:
    """The shortest path through the set-up, ending on the summary."""
    d = d or Drive.onboarding()
    d.press("GB")
    d.press("Europe/London")
    d.press("hydroxo")
    d.press("1mg")
    d.type("1")
    d.press("im")
    d.press("thigh")
    d.press("done")
    d.press("uk_no_neuro_3m")
    d.press("cal")
    d.press("Tomorrow")
    d.press("09:00")
    assert d.state == "confirm", d.text()
    return d
