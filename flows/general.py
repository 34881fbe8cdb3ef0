"""Replies that do not belong to one conversation: help, cancel, unknown input."""

from __future__ import annotations

from flows.messages import Lines, Message, T

# Telegram allows 4,096 characters; anything this long is not an answer to a question we asked.
LONG_MESSAGE = 1000

COMMANDS: tuple[str, ...] = (
    "start",
    "help",
    "next",
    "schedule",
    "log",
    "supplies",
    "settings",
    "pause",
    "resume",
    "carers",
    "history",
    "why",
    "cancel",
)


def help_message(consented: bool) -> Message:
    """The list of commands, one line each, plus the emergency reminder."""
    if not consented:
        return Message.say(T("general.help_before_consent"), T("consent.emergency"))
    lines = [T(f"general.cmd_{name}") for name in COMMANDS]
    return Message.say(T("general.help_intro"), Lines(tuple(lines)), T("general.help_emergency"))


def cancelled(had_conversation: bool) -> Message:
    """Answer to /cancel: what was left, or that there was nothing to cancel."""
    return Message.say(T("general.cancelled" if had_conversation else "general.nothing_to_cancel"))


def unknown_command(name: str) -> Message:
    """An unknown /command: say so and point at /help."""
    return Message.say(T("general.unknown_command"))


def media(kind: str) -> Message:
    """Stickers, photos, voice notes and the like: we cannot read them, so ask for words."""
    key = {"sticker": "general.media_sticker", "photo": "general.media_photo", "voice": "general.media_voice"}
    return Message.say(T(key.get(kind, "general.media_other")), T("general.media_symptoms"))


def too_long() -> Message:
    """A very long message outside a symptom report."""
    return Message.say(T("general.too_long"))


def not_understood() -> Message:
    """Free text with no conversation going on and no symptoms in it."""
    return Message.say(T("general.not_understood"))


def stale_button() -> Message:
    """A button from an old message, or one naming something that is not yours."""
    return Message.say(T("general.stale_button"))
