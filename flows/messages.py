"""What a flow says: catalogue keys with parameters, and the choices it offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


@dataclass(frozen=True)
class Text:
    """A catalogue key plus parameters; rendered to a language only in the adapter."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> Text:
        """Build a Text from keyword parameters."""
        return cls(key, tuple(sorted(params.items())))


def T(key: str, **params: Any) -> Text:
    """Shorthand for Text.of."""
    return Text.of(key, **params)


@dataclass(frozen=True)
class Raw:
    """Text that is not translated (a product name the user typed, a number)."""

    value: str


@dataclass(frozen=True)
class Lines:
    """Several texts shown on consecutive lines of one paragraph."""

    items: tuple[Text | Raw, ...]


@dataclass(frozen=True)
class Button:
    """An inline choice: a label and the callback data it sends back (≤ 64 bytes)."""

    label: Text | Raw
    data: str = ""
    url: str | None = None

    def __post_init__(self) -> None:
        if self.url is None and len(self.data.encode()) > 64:
            raise ValueError(f"callback data over 64 bytes: {self.data!r}")


class Priority(IntEnum):
    """Outbox priority: lower numbers go first."""

    URGENT = 0
    REPLY = 1
    REMINDER = 2
    BULK = 3


@dataclass(frozen=True)
class Message:
    """One outgoing chat message: paragraphs of text and rows of buttons."""

    parts: tuple[Text | Raw | Lines, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()
    priority: Priority = Priority.REPLY
    edit_last: bool = False
    meta: tuple[tuple[str, Any], ...] = field(default=())

    @classmethod
    def say(
        cls,
        *parts: Text | Raw | Lines,
        buttons: list[list[Button]] | tuple[tuple[Button, ...], ...] = (),
        priority: Priority = Priority.REPLY,
        edit_last: bool = False,
    ) -> Message:
        """Build a message from parts and button rows."""
        return cls(tuple(parts), tuple(tuple(r) for r in buttons), priority, edit_last)
