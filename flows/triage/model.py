"""The triage result types: Level, Reason, Decision (pure data, JSON-ready)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Literal

Timing = Literal["today", "routine"]


class Level(IntEnum):
    """The three triage levels; a higher value is more urgent, so max() picks the winner."""

    EXPECTED = 0
    ADVICE = 1
    URGENT = 2


@dataclass(frozen=True)
class Reason:
    """Why a level or a question was chosen: which item, which rule, on what evidence."""

    item: str
    rule: str
    evidence: str
    level: Level

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the level as its name."""
        return {"item": self.item, "rule": self.rule, "evidence": self.evidence, "level": self.level.name}


@dataclass(frozen=True)
class Decision:
    """What the bot should act on now, what it must still ask, and why."""

    level: Level
    timing: Timing | None
    asks: tuple[str, ...]
    reasons: tuple[Reason, ...]
    rules_version: str
    items: tuple[str, ...]
    language: str = "und"  # ISO 639-1 of the free text read ("und": too little to tell, or no text)
    not_understood: tuple[str, ...] = ()  # words the engine could not place, so it did not reassure

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the level as its name."""
        return {
            "level": self.level.name,
            "timing": self.timing,
            "asks": list(self.asks),
            "reasons": [r.to_dict() for r in self.reasons],
            "rules_version": self.rules_version,
            "items": list(self.items),
            "language": self.language,
            "not_understood": list(self.not_understood),
        }


@dataclass(frozen=True)
class Finding:
    """One reason plus what it implies for timing and follow-up questions (internal)."""

    reason: Reason
    timing: Timing | None = None
    asks: tuple[str, ...] = ()
    is_item: bool = True  # False for pure "ask" reasons, which name no symptom
