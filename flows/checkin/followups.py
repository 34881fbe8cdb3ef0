"""Follow-ups after a result: the ADVICE and URGENT check-backs, the red-flag re-ask, and the pre-dose hold."""

from __future__ import annotations

from datetime import timedelta

from flows.checkin import callbacks as cb
from flows.checkin.outcomes import emergency_line
from flows.messages import Button, Message, Priority, T, Text
from flows.triage import Decision, Level

# When to ask again (spec §1.2, §1.3, §4.3).
ADVICE_TODAY_AFTER = timedelta(hours=5)
ADVICE_ROUTINE_AFTER = timedelta(hours=24)
URGENT_AFTER = timedelta(minutes=90)
REASK_AFTER = (timedelta(minutes=15), timedelta(minutes=30))

SPOKE, NOT_YET, WORSE, GOT_HELP, STILL = "spoke", "notyet", "worse", "helped", "still"


def follow_up_delay(decision: Decision) -> timedelta | None:
    """How long after a result to ask again; None at EXPECTED (the next scheduled check-in covers it)."""
    if decision.level == Level.URGENT:
        return URGENT_AFTER
    if decision.level == Level.ADVICE:
        return ADVICE_TODAY_AFTER if decision.timing == "today" else ADVICE_ROUTINE_AFTER
    return None


def advice_follow_up(episode_id: int) -> Message:
    """The ADVICE check-back: did you speak to someone, is anything new?"""
    return Message.say(
        T("triage.follow_advice"),
        buttons=[
            [Button(T("triage.follow_spoke"), cb.follow_up(episode_id, SPOKE))],
            [Button(T("triage.follow_not_yet"), cb.follow_up(episode_id, NOT_YET))],
            [Button(T("triage.follow_worse"), cb.follow_up(episode_id, WORSE))],
        ],
        priority=Priority.REMINDER,
    )


def urgent_follow_up(episode_id: int, number: Text) -> Message:
    """The URGENT check-back: how are you now, and the prescriber must hear before the next dose."""
    return Message.say(
        T("triage.follow_urgent"),
        T("triage.follow_urgent_reminder"),
        emergency_line(number),
        buttons=[
            [Button(T("triage.follow_got_help"), cb.follow_up(episode_id, GOT_HELP))],
            [Button(T("triage.follow_still"), cb.follow_up(episode_id, STILL))],
            [Button(T("triage.follow_worse"), cb.follow_up(episode_id, WORSE))],
        ],
        priority=Priority.URGENT,
    )


def spoke(number: Text) -> Message:
    """After "I spoke to someone"."""
    return Message.say(T("triage.follow_spoke_ok", number=number))


def not_yet(number: Text) -> Message:
    """After "Not yet": try again, the out-of-hours route, and the dose rule."""
    return Message.say(T("triage.follow_not_yet_ok"), emergency_line(number))


def got_help() -> Message:
    """After "I got help" following an URGENT result."""
    return Message.say(T("triage.follow_got_help_ok"))


def hold_notice(hold_id: int) -> Message:
    """Added to the next dose reminder while a hold is on."""
    return Message.say(
        T("triage.hold"),
        buttons=[[Button(T("triage.hold_go_ahead"), cb.hold(hold_id))]],
        priority=Priority.REMINDER,
    )


def hold_cleared() -> Message:
    """After "my prescriber said go ahead"."""
    return Message.say(T("triage.hold_cleared"))
