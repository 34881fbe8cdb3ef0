"""Whether a free-text message describes symptoms, and which red-flag questions its wording asks for."""

from __future__ import annotations

from flows.checkin.steps import RF_IDS
from flows.triage import Decision

# Asks about the whole message (too short, unknown language, emoji only): they make sense as a reply to
# "How are you?", but outside a check-in they would swallow answers like "cyanocobalamin" or "09:00".
MESSAGE_ASKS = frozenset({"Q-SHORT", "Q-LANGUAGE", "Q-EMPTY", "Q-EMOJI"})
NOTHING_ITEMS = frozenset({"E-NONE"})


def describes_symptoms(decision: Decision) -> bool:
    """A symptom found (anything but "fine"), or red-flag wording the engine wants to ask about."""
    if any(item not in NOTHING_ITEMS for item in decision.items):
        return True
    return any(r.item.startswith("Q-") and r.item not in MESSAGE_ASKS for r in decision.reasons)


def nothing_to_report(decision: Decision) -> bool:
    """Only "fine", "ok", 👍 and the like."""
    return bool(decision.items) and all(item in NOTHING_ITEMS for item in decision.items) and not decision.asks


def red_flags_asked(decision: Decision) -> tuple[str, ...]:
    """Red-flag questions asked by the wording itself ("my lips feel funny" → RF3), not by its shortness."""
    if not describes_symptoms(decision):
        return ()
    return tuple(a for a in decision.asks if a in RF_IDS)
