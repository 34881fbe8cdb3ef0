"""Typed inbound events a flow can receive, independent of any messenger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class CommandIn:
    """A slash command, e.g. /start with its argument string."""

    name: str
    args: str = ""


@dataclass(frozen=True)
class TextIn:
    """Free text typed by the user."""

    text: str


@dataclass(frozen=True)
class EditedTextIn:
    """A text message the user edited afterwards: screened for red flags, never read as an answer."""

    text: str


@dataclass(frozen=True)
class PressIn:
    """An inline button press carrying its callback data."""

    data: str


@dataclass(frozen=True)
class MediaIn:
    """Something that is not text: a sticker, photo, voice note, document…"""

    kind: Literal["sticker", "photo", "voice", "video", "document", "location", "contact", "other"]
    caption: str = ""


Event = CommandIn | TextIn | EditedTextIn | PressIn | MediaIn
