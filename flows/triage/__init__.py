"""Post-injection triage: pure, deterministic rules from rules.yaml (no I/O beyond its data files)."""

from .answers import resolve_check, triage_answers
from .combine import combine
from .emergency import EmergencyNumber, emergency_number
from .freetext import triage_text
from .lexicon import lexicon
from .model import Decision, Level, Reason
from .questions import Question, questions


def rules_version() -> str:
    """The `version:` of rules.yaml that every decision records."""
    return lexicon().version


__all__ = [
    "Decision",
    "EmergencyNumber",
    "Level",
    "Question",
    "Reason",
    "combine",
    "emergency_number",
    "questions",
    "resolve_check",
    "rules_version",
    "triage_answers",
    "triage_text",
]
