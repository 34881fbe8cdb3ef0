"""What the patient is sent about a due dose: the reminder, the heads-up, the missed note, the paused note."""

from __future__ import annotations

from flows.dosing import callbacks as cb
from flows.dosing import when
from flows.dosing.view import DoseView
from flows.messages import Button, Message, Priority, T, Text

SNOOZE_MINUTES = (15, 60)


def reminder(view: DoseView, *, suggested_site: str | None, late: bool, checklist: bool) -> Message:
    """Time for a dose: what, how, where; Taken / Snooze / Skip / Checklist."""
    parts: list[Text] = [T("doses.reminder", what=view.what())]
    if late:
        # Sent after downtime or a pause: say plainly when it was due, so nobody thinks it is a new dose.
        parts.append(T("doses.reminder_late", when=when.when(view.due_local)))
    if suggested_site:
        parts.append(T("doses.reminder_site", site=when.site(suggested_site)))
    last_row = [Button(T("doses.skip_button"), cb.skip(view.dose_id))]
    if checklist:
        last_row.append(Button(T("doses.checklist_button"), cb.checklist(view.dose_id, 0)))
    return Message.say(
        *parts,
        buttons=[
            [Button(T("doses.taken_button"), cb.taken(view.dose_id))],
            [Button(T(f"doses.snooze_{m}"), cb.snooze(view.dose_id, m)) for m in SNOOZE_MINUTES],
            last_row,
        ],
        priority=Priority.REMINDER,
    )


def held(view: DoseView, hold_notice: Message) -> Message:
    """The dose is due but held after an URGENT reaction: no Taken button until the prescriber says go ahead."""
    return Message.say(
        T("doses.reminder", what=view.what()),
        *hold_notice.parts,
        buttons=[*hold_notice.buttons, [Button(T("doses.skip_button"), cb.skip(view.dose_id))]],
        priority=Priority.REMINDER,
    )


def again(view: DoseView, *, suggested_site: str | None, checklist: bool) -> Message:
    """A repeat reminder for a dose not yet answered."""
    message = reminder(view, suggested_site=suggested_site, late=False, checklist=checklist)
    return Message(
        (T("doses.reminder_again", when=when.clock_time(view.due_local)), *message.parts[1:]),
        message.buttons,
        message.priority,
    )


def missed(view: DoseView) -> Message:
    """Unanswered for too long: marked missed, with the never-double-up guidance."""
    return Message.say(
        T("doses.missed", what=view.what(), when=when.when(view.due_local)),
        T("doses.missed_guidance"),
        T("doses.missed_if_taken"),
        buttons=[[Button(T("doses.taken_button"), cb.taken(view.dose_id))]],
        priority=Priority.REMINDER,
    )


def review_paused(view: DoseView) -> Message:
    """In place of a reminder while the prescriber reviews the plan."""
    return Message.say(
        T("doses.review_paused", when=when.when(view.due_local)),
        T("doses.review_paused_how"),
        priority=Priority.REMINDER,
    )


def heads_up(view: DoseView, *, ampoules: int | None) -> Message:
    """The day before: when, what, and a supplies check."""
    parts: list[Text] = [
        T("doses.heads_up", when=when.when(view.due_local), what=view.what()),
        T("doses.supplies_check"),
    ]
    if ampoules is not None:
        parts.append(T("doses.supplies_count", count=ampoules))
    return Message.say(*parts, buttons=[[Button(T("doses.supplies_button"), cb.SUPPLIES)]], priority=Priority.REMINDER)


def snoozed(minutes: int, until_local_time: str) -> Message:
    """Confirmation of a snooze."""
    return Message.say(T(f"doses.snoozed_{minutes}", time=until_local_time))
