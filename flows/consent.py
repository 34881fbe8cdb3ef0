"""First contact: what the bot does and does not do, and the consent it needs before anything else."""

from __future__ import annotations

from flows.messages import Button, Message, Raw, T

# Bump when the wording of the consent text changes, so we know which version each person agreed to.
CONSENT_VERSION = "2026-11.1"
AGREE = f"consent:yes:{CONSENT_VERSION}"
DECLINE = "consent:no"


def welcome(first_name: str) -> Message:
    """The welcome: purpose, limits, emergency line, and the consent question with buttons."""
    return Message.say(
        T("consent.welcome", name=Raw(first_name or "")),
        T("consent.does"),
        T("consent.does_not"),
        T("consent.prescribed_only"),
        T("consent.emergency"),
        T("consent.data"),
        T("consent.ask"),
        buttons=[[Button(T("consent.agree"), AGREE)], [Button(T("consent.decline"), DECLINE)]],
    )


def prompt_again() -> Message:
    """Anything before consent gets a short reminder and the same two buttons."""
    return Message.say(
        T("consent.needed"),
        T("consent.emergency"),
        buttons=[[Button(T("consent.agree"), AGREE)], [Button(T("consent.decline"), DECLINE)]],
    )


def is_current(data: str) -> bool:
    """Whether a pressed consent button names the text version shown now."""
    return data == AGREE


def accepted() -> Message:
    """Confirmation after consent; the caller continues with the next step."""
    return Message.say(T("consent.thanks"), edit_last=False)


def outdated() -> Message:
    """A consent button from an older wording: show the current text instead of storing it."""
    return Message.say(T("consent.outdated"))


def declined() -> Message:
    """The person said no: nothing is stored beyond their id, and they can change their mind."""
    return Message.say(T("consent.declined"))
