"""Every model in one import, so Alembic and callers see the whole schema."""

from bot.db.base import Base
from bot.db.models_care import CarerLink, Episode, Invite, TriageDecision
from bot.db.models_carers import CarerAlert, CarerPrefs, InviteAttempt
from bot.db.models_dosing import DoseEvent, Prescription
from bot.db.models_people import Consent, Conversation, User
from bot.db.models_safety import SafetyHold
from bot.db.models_work import OutboxMessage, Task

__all__ = [
    "Base",
    "CarerAlert",
    "CarerLink",
    "CarerPrefs",
    "Consent",
    "Conversation",
    "DoseEvent",
    "Episode",
    "Invite",
    "InviteAttempt",
    "OutboxMessage",
    "Prescription",
    "SafetyHold",
    "Task",
    "TriageDecision",
    "User",
]
