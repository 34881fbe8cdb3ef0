"""Stored rows to the plain views the pure dose messages take."""

from __future__ import annotations

from datetime import datetime

from bot.db.models import DoseEvent, Prescription
from flows.dosing import when
from flows.dosing.view import DoseView
from flows.regimen import to_local


def dose_view(event: DoseEvent, prescription: Prescription, tz: str) -> DoseView:
    """What a reminder or /next says about one dose, in the zone it was planned in."""
    due: datetime = event.due_at or event.taken_at or event.created_at
    return DoseView(
        dose_id=event.id,
        product=when.product(prescription.product, prescription.product_name),
        strength=prescription.strength,
        dose_ml=when.amount(prescription.dose_ml),
        route=prescription.route,
        due_local=to_local(due, event.timezone or tz),
    )
