"""Whether a free-text message describes symptoms, and which red-flag questions its wording asks for."""

from __future__ import annotations

from flows.checkin.steps import RF_IDS
from flows.messages import Raw, T, Text
from flows.triage import Decision, Level
from flows.triage.language import NAMES, READS

# Asks about the whole message (too short, unknown language, emoji only): they make sense as a reply to
# "How are you?", but outside a check-in they would swallow answers like "cyanocobalamin" or "09:00".
# An unsupported language (Q-LANGUAGE, told only when the detector is sure) and red-flag concepts the rules
# could not place (R-…) are asked about in every state: they may be an emergency the bot can't read.
MESSAGE_ASKS = frozenset({"Q-SHORT", "Q-EMPTY", "Q-EMOJI", "Q-UNREAD", "Q-UNPLACED", "Q-NOTHING"})
NOTHING_ITEMS = frozenset({"E-NONE"})
# Reasons that mean "I could not fully understand this": the bot says so before the red-flag question.
UNSURE_RULES = frozenset({"recall→ask", "not-understood→ask", "unsupported-language→ask", "unreadable→ask"})


def describes_symptoms(decision: Decision) -> bool:
    """A symptom found (anything but "fine"), or red-flag wording the engine wants to ask about."""
    if any(item not in NOTHING_ITEMS for item in decision.items):
        return True
    return any(r.item.startswith(("Q-", "R-")) and r.item not in MESSAGE_ASKS for r in decision.reasons)


def nothing_to_report(decision: Decision) -> bool:
    """Only "fine", "ok", 👍 and the like."""
    return bool(decision.items) and all(item in NOTHING_ITEMS for item in decision.items) and not decision.asks


def red_flags_asked(decision: Decision) -> tuple[str, ...]:
    """Red-flag questions asked by the wording itself ("my lips feel funny" → RF3), not by its shortness."""
    if not describes_symptoms(decision):
        return ()
    return tuple(a for a in decision.asks if a in RF_IDS)


def unsure_lines(decision: Decision) -> tuple[Text, ...]:
    """What the bot says before the red-flag question when it could not place everything it was told."""
    if decision.level == Level.URGENT or not any(r.rule in UNSURE_RULES for r in decision.reasons):
        return ()
    lines: tuple[Text, ...] = (T("triage.want_to_be_sure"),)
    if any(r.item == "Q-LANGUAGE" for r in decision.reasons):
        lines += (T("triage.languages_read", languages=Raw(", ".join(NAMES[c] for c in READS))),)
    return lines


def mentions_red_flag(decision: Decision) -> bool:
    """Red-flag wording in the text itself ("my lips feel funny"), not merely words the bot could not place.

    Silence after such a mention is treated as URGENT (spec §4.3); silence after "wombat" is not.
    """
    return any(
        r.item.startswith(("R-", "CHECK-")) or (r.item.startswith("Q-") and r.item not in MESSAGE_ASKS)
        for r in decision.reasons
    )
