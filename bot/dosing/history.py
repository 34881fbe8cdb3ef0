"""Reading the dose log: the active prescription, open doses, logged dates, last doses, site history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.db.models import DoseEvent, Prescription, User
from flows.dosing.plan import planned_date
from flows.regimen import local_date

OPEN = ("scheduled", "reminded")
CLOSED = ("skipped", "missed")


def effective_tz(user: User, settings: Settings) -> str:
    """The zone reminders follow: the home zone while travelling if set, else the current one, else the default."""
    return user.home_timezone or user.timezone or settings.default_timezone


async def active_prescription(session: AsyncSession, user_id: int) -> Prescription | None:
    """The patient's active prescription (the newest, should there ever be two)."""
    return await session.scalar(
        select(Prescription)
        .where(Prescription.user_id == user_id, Prescription.active.is_(True))
        .order_by(Prescription.id.desc())
        .limit(1)
    )


async def open_events(session: AsyncSession, user_id: int) -> list[DoseEvent]:
    """Doses planned or reminded but not yet answered, earliest first."""
    query = select(DoseEvent).where(DoseEvent.user_id == user_id, DoseEvent.status.in_(OPEN))
    return list((await session.scalars(query.order_by(DoseEvent.due_at, DoseEvent.id))).all())


async def taken_events(session: AsyncSession, user_id: int, *, exclude: int | None = None) -> list[DoseEvent]:
    """Every dose logged as taken (undone ones are not), oldest first."""
    query = select(DoseEvent).where(DoseEvent.user_id == user_id, DoseEvent.status == "taken")
    if exclude is not None:
        query = query.where(DoseEvent.id != exclude)
    return list((await session.scalars(query.order_by(DoseEvent.taken_at, DoseEvent.id))).all())


async def log_dates(
    session: AsyncSession, user_id: int, prescription_id: int, tz: str, *, exclude: int | None = None
) -> tuple[list[date], list[date]]:
    """Local dates of doses taken (any prescription) and planned dates skipped or missed on this prescription."""
    taken = [local_date(e.taken_at, e.timezone or tz) for e in await taken_events(session, user_id, exclude=exclude)
             if e.taken_at is not None]
    query = select(DoseEvent.local_due).where(
        DoseEvent.user_id == user_id,
        DoseEvent.prescription_id == prescription_id,
        DoseEvent.status.in_(CLOSED),
        DoseEvent.local_due.is_not(None),
    )
    closed = [planned_date(d) for d in (await session.scalars(query)).all() if d]
    return taken, closed


async def last_taken(session: AsyncSession, user_id: int, *, exclude: int | None = None) -> DoseEvent | None:
    """The most recent dose taken."""
    events = await taken_events(session, user_id, exclude=exclude)
    return events[-1] if events else None


async def last_logged(session: AsyncSession, user_id: int) -> DoseEvent | None:
    """The entry logged most recently (what Correct and Undo act on)."""
    return await session.scalar(
        select(DoseEvent)
        .where(DoseEvent.user_id == user_id, DoseEvent.status == "taken", DoseEvent.logged_at.is_not(None))
        .order_by(DoseEvent.logged_at.desc(), DoseEvent.id.desc())
        .limit(1)
    )


async def site_last_used(session: AsyncSession, user_id: int) -> dict[str, datetime]:
    """When each site was last used, from the log."""
    out: dict[str, datetime] = {}
    for event in await taken_events(session, user_id):
        if event.site and event.taken_at is not None:
            out[event.site] = max(out.get(event.site, event.taken_at), event.taken_at)
    return out
