"""/next, /schedule, /pause and /resume answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flows.dosing import callbacks as cb
from flows.dosing import when
from flows.dosing.view import DoseView
from flows.messages import Button, Lines, Message, Raw, T, Text


def _state_notes(paused: bool, review: bool) -> list[Text]:
    if review:
        return [T("doses.review_note")]
    return [T("doses.paused_note")] if paused else []


def next_dose(view: DoseView | None, *, tz: str, overdue: bool, paused: bool, review: bool) -> Message:
    """When the next dose is due, in local time; an overdue one offers Taken."""
    if view is None:
        return Message.say(T("doses.next_none"), *_state_notes(paused, review))
    if overdue:
        return Message.say(
            T("doses.next_overdue", when=when.when(view.due_local), tz=Raw(tz)),
            view.what(),
            *_state_notes(paused, review),
            buttons=[[Button(T("doses.taken_button"), cb.taken(view.dose_id))]],
        )
    return Message.say(
        T("doses.next", when=when.when(view.due_local), tz=Raw(tz)), view.what(), *_state_notes(paused, review)
    )


def no_prescription() -> Message:
    """No plan stored yet."""
    return Message.say(T("doses.no_prescription"))


def upcoming(locals_: Sequence[datetime], *, tz: str, paused: bool, review: bool) -> Message:
    """The next few doses, one per line."""
    if not locals_:
        return Message.say(T("doses.next_none"), *_state_notes(paused, review))
    lines = Lines(tuple(T("doses.schedule_line", n=i + 1, when=when.when(d)) for i, d in enumerate(locals_)))
    return Message.say(T("doses.schedule_intro", tz=Raw(tz)), lines, *_state_notes(paused, review))


def paused() -> Message:
    """What /pause means."""
    return Message.say(T("doses.pause_done"), T("doses.pause_means"))


def already_paused() -> Message:
    """/pause twice."""
    return Message.say(T("doses.pause_already"))


def resumed(next_when: Text | None, *, review: bool) -> Message:
    """Reminders back on, and the next dose."""
    parts: list[Text] = [T("doses.resume_done")]
    if next_when is not None:
        parts.append(T("doses.next_line", when=next_when))
    if review:
        parts.append(T("doses.review_note"))
    return Message.say(*parts)
