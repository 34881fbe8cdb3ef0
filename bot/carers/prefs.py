"""A patient's carer settings: the ladder timing and whether alerts name symptoms; defaults until changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import CarerPrefs
from flows.carers.ladder import DEFAULT_ALL_AFTER, DEFAULT_PRIMARY_AFTER


async def load(session: AsyncSession, patient_id: int) -> CarerPrefs:
    """The stored settings, or an unsaved row holding the defaults."""
    prefs = await session.get(CarerPrefs, patient_id)
    if prefs is not None:
        return prefs
    return CarerPrefs(
        patient_id=patient_id,
        primary_after_minutes=DEFAULT_PRIMARY_AFTER,
        all_after_minutes=DEFAULT_ALL_AFTER,
        share_symptoms=True,
    )


async def change(session: AsyncSession, patient_id: int, now: datetime, **values: object) -> CarerPrefs:
    """Store new values (creating the row on first change)."""
    prefs = await load(session, patient_id)
    for name, value in values.items():
        setattr(prefs, name, value)
    prefs.updated_at = now
    if prefs not in session:
        session.add(prefs)
    return prefs
