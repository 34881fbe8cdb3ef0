"""What the patient is told at each level: EXPECTED, ADVICE, URGENT, and the URGENT buttons."""

from __future__ import annotations

from flows.checkin import callbacks as cb
from flows.messages import Button, Lines, Message, Priority, T, Text
from flows.triage import Decision, Level

# Items about how the injection was given: the ADVICE message adds "don't inject again".
TECHNIQUE_ITEMS = frozenset({"A-ROUTE", "A-DOSE", "T1", "T2", "T3", "T4"})
# Items that mean "nothing to report"; anything else counts as something reported.
NOTHING_ITEMS = frozenset({"E-NONE"})


def reported(decision: Decision) -> bool:
    """Whether the decision rests on any symptom or problem at all."""
    return decision.level > Level.EXPECTED or any(i not in NOTHING_ITEMS for i in decision.items)


def emergency_line(number: Text) -> Text:
    """The one-line safety net shown at every level."""
    return T("triage.emergency_line", number=number)


def expected(decision: Decision, number: Text, *, hold: bool = False) -> Message:
    """Acknowledge; what is common; what would mean getting in touch; the emergency line."""
    parts: list[Text] = [T("triage.expected_ack" if reported(decision) else "triage.expected_nothing")]
    parts += [T("triage.expected_common"), T("triage.expected_contact"), emergency_line(number)]
    if hold:
        parts.append(T("triage.follow_urgent_reminder"))
    return Message.say(*parts)


def advice(decision: Decision, number: Text, *, hold: bool = False) -> Message:
    """Contact the prescriber (today or next working day); don't change the dose; watch; when I'll ask again."""
    today = decision.timing == "today"
    parts: list[Text] = [T("triage.advice_today" if today else "triage.advice_routine")]
    if today:
        parts.append(T("triage.advice_out_of_hours"))
    parts.append(T("triage.advice_dose"))
    if any(i in TECHNIQUE_ITEMS for i in decision.items):
        parts.append(T("triage.advice_technique"))
    parts.append(T("triage.advice_watch", number=number))
    if hold:
        parts.append(T("triage.follow_urgent_reminder"))
    parts.append(T("triage.advice_follow_today" if today else "triage.advice_follow_routine"))
    return Message.say(*parts)


def urgent(number: Text, episode_id: int | None, *, carer: bool = False) -> Message:
    """One short message that cannot be missed: call now, what to say, how to lie, the three buttons."""
    suffix = "_carer" if carer else ""
    return Message.say(
        T(f"triage.urgent_call{suffix}", number=number),
        Lines(
            (
                T("triage.urgent_say"),
                T("triage.urgent_adrenaline"),
                T(f"triage.urgent_position{suffix}"),
                T(f"triage.urgent_door{suffix}"),
            )
        ),
        buttons=urgent_buttons(episode_id),
        priority=Priority.URGENT,
    )


def urgent_buttons(episode_id: int | None) -> list[list[Button]]:
    """The three buttons: I've called, Someone is calling, I can't call."""
    return [
        [Button(T("triage.urgent_called"), cb.urgent(episode_id, "called"))],
        [Button(T("triage.urgent_someone"), cb.urgent(episode_id, "someone"))],
        [Button(T("triage.urgent_cant"), cb.urgent(episode_id, "cant"))],
    ]


def cant_call(number: Text, episode_id: int | None, *, has_carers: bool) -> Message:
    """The number again, big and first, with how to reach help; the buttons stay."""
    parts = [T("triage.cant_call", number=number), T("triage.cant_call_how", number=number), T("triage.urgent_say")]
    if has_carers:
        parts.append(T("triage.cant_call_carers"))
    return Message.say(*parts, buttons=urgent_buttons(episode_id), priority=Priority.URGENT)


def urgent_ack(action: str) -> Message:
    """After "I've called" or "Someone is calling"."""
    key = "triage.urgent_ok_called" if action == "called" else "triage.urgent_ok_someone"
    return Message.say(T(key), priority=Priority.URGENT)


def urgent_still(number: Text) -> Message:
    """Anything else said during an URGENT episode: never argue down; repeat the call to action."""
    return Message.say(T("triage.urgent_still", number=number), priority=Priority.URGENT)


def outcome(decision: Decision, number: Text, episode_id: int | None, *, hold: bool = False) -> Message:
    """The message for a finished decision at its level."""
    if decision.level == Level.URGENT:
        return urgent(number, episode_id)
    if decision.level == Level.ADVICE:
        return advice(decision, number, hold=hold)
    return expected(decision, number, hold=hold)
