"""What carers are told: missed doses, reminder copies, urgent and advice alerts; the minimum each time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flows.carers import callbacks as cb
from flows.carers.views import Person, clock, when
from flows.messages import Button, Lines, Message, Priority, Raw, T, Text


def number_text(number: str | None) -> Text | Raw:
    """The emergency number, or words for it when the patient's country is unknown."""
    return Raw(number) if number else T("carers.local_number")


def missed(link_id: int, dose_id: int, patient: Person, due_local: datetime, can_give: bool) -> Message:
    """A dose was not logged after the patient's own reminders: "I'm on it", and "It was given" if allowed."""
    row = [Button(T("carers.btn_on_it"), cb.make("ack", link_id, dose_id))]
    if can_give:
        row.append(Button(T("carers.btn_given"), cb.make("giv", link_id, dose_id)))
    return Message.say(
        T("carers.missed_alert", name=patient.label(), when=when(due_local)),
        T("carers.missed_hint", name=patient.label()),
        buttons=[row],
    )


def missed_taken_over(patient: Person, due_local: datetime, can_give: bool, link_id: int, dose_id: int) -> Message:
    """The alert after this carer said "I'm on it": the buttons go, except "It was given" if allowed."""
    rows = [[Button(T("carers.btn_given"), cb.make("giv", link_id, dose_id))]] if can_give else []
    return Message.say(
        T("carers.missed_alert", name=patient.label(), when=when(due_local)),
        T("carers.on_it_you", name=patient.label()),
        buttons=rows,
        edit_last=True,
    )


def on_it_others(patient: Person, due_local: datetime, by: Person) -> Message:
    """The other alerted carers hear who took it."""
    return Message.say(T("carers.on_it_others", carer=by.label(), name=patient.label(), when=when(due_local)))


def already_on_it(by: Person) -> Message:
    """Someone else said "I'm on it" first."""
    return Message.say(T("carers.already_on_it", carer=by.label()))


def dose_already_closed() -> Message:
    """The dose was logged or skipped meanwhile; nothing changed."""
    return Message.say(T("carers.dose_closed"))


def given_carer(patient: Person, due_local: datetime) -> Message:
    """Confirmation to the carer who logged the dose."""
    return Message.say(T("carers.given_you", name=patient.label(), when=when(due_local)), edit_last=True)


def given_patient(carer: Person, due_local: datetime) -> Message:
    """The patient hears a carer logged their dose."""
    return Message.say(T("carers.given_patient", carer=carer.label(), when=when(due_local)))


def given_others(patient: Person, carer: Person, due_local: datetime) -> Message:
    """Other alerted carers hear the dose was given."""
    return Message.say(T("carers.given_others", carer=carer.label(), name=patient.label(), when=when(due_local)))


def recorded_by_patient(patient: Person, due_local: datetime) -> Message:
    """The patient recorded the dose after all; carers already alerted need not act."""
    return Message.say(T("carers.recorded_by_patient", name=patient.label(), when=when(due_local)))


def reminder_copy(link_id: int, dose_id: int, patient: Person, due_local: datetime, can_give: bool) -> Message:
    """A copy of the patient's reminder."""
    rows = [[Button(T("carers.btn_given"), cb.make("giv", link_id, dose_id))]] if can_give else []
    return Message.say(
        T("carers.reminder_copy", name=patient.label(), when=when(due_local)),
        buttons=rows,
        priority=Priority.REMINDER,
    )


def urgent(patient: Person, at_local: datetime, items: Sequence[Text], number: str | None) -> Message:
    """URGENT: name, time, possible serious reaction, the symptoms allowed, the emergency number."""
    parts: list[Text | Lines] = [
        T("carers.urgent_title", name=patient.label()),
        T("carers.urgent_time", name=patient.label(), time=clock(at_local)),
    ]
    if items:
        parts.append(T("carers.urgent_symptoms", items=joined(items)))
    parts.append(T("carers.urgent_call", number=number_text(number), name=patient.label()))
    return Message.say(*parts, priority=Priority.URGENT)


def cant_call(patient: Person, at_local: datetime, number: str | None, by: Person | None = None) -> Message:
    """The one update after "I can't call", pressed by the patient or by another carer who is with them."""
    first = (
        T("carers.cant_call_carer", carer=by.label(), name=patient.label(), time=clock(at_local))
        if by
        else T("carers.cant_call", name=patient.label(), time=clock(at_local))
    )
    return Message.say(
        first,
        T("carers.cant_call_do", number=number_text(number), name=patient.label()),
        priority=Priority.URGENT,
    )


def advice(
    patient: Person, at_local: datetime, items: Sequence[Text], timing: str | None, number: str | None
) -> Message:
    """ADVICE, for carers who chose it: not an emergency, the prescriber should hear; the emergency signs."""
    parts: list[Text] = [T("carers.advice_alert", name=patient.label(), time=clock(at_local))]
    if items:
        parts.append(T("carers.urgent_symptoms", items=joined(items)))
    parts.append(T("carers.advice_today" if timing == "today" else "carers.advice_routine", name=patient.label()))
    parts.append(T("carers.advice_emergency", number=number_text(number)))
    return Message.say(*parts)


def unreachable(carer: Person) -> Message:
    """The patient hears a carer can no longer be reached."""
    return Message.say(T("carers.unreachable_patient", carer=carer.label()))


def history(patient: Person, rows: Sequence[tuple[datetime, str]]) -> Message:
    """The patient's last doses, local time and status only."""
    if not rows:
        return Message.say(T("carers.history_none", name=patient.label()))
    lines = tuple(T("carers.history_line", when=when(at), status=_status(s)) for at, s in rows)
    return Message.say(T("carers.history_title", name=patient.label()), Lines(lines))


def _status(status: str) -> Text:
    known = ("taken", "skipped", "missed")
    return T(f"carers.status.{status}") if status in known else T("carers.status.open")


def history_pick(choices: Sequence[tuple[int, Person]]) -> Message:
    """Whose history: one button per patient who allows it."""
    rows = [[Button(p.label(), cb.make("h", link_id))] for link_id, p in choices]
    return Message.say(T("carers.history_pick"), buttons=rows)


def history_none_allowed() -> Message:
    """/history from someone who helps nobody, or nobody who allows it."""
    return Message.say(T("carers.history_not_allowed"))


def joined(items: Sequence[Text | Raw]) -> Text | Raw:
    """Several item names as one comma-separated text, joined through the catalogue."""
    if len(items) == 1:
        return items[0]
    return T("carers.list_join", first=items[0], rest=joined(items[1:]))
