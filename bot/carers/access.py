"""Who may see or touch a link: every button names a link id, and it only counts for one of its two people."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, tzinfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import Ctx
from bot.db.models import CarerLink, User
from flows.carers import permissions
from flows.carers.views import LinkView, Person
from flows.regimen.timezones import parse_tz

ACTIVE = "active"
PENDING = "pending"
OPEN = (ACTIVE, PENDING)


def person(user: User) -> Person:
    """How a user is named to others."""
    return Person(user.first_name, user.username)


def tz_of(user: User, default: str = "UTC") -> tzinfo:
    """A user's time zone, falling back to the configured default, then UTC."""
    for name in (user.timezone, default):
        if name:
            try:
                return parse_tz(name)
            except Exception:  # a stored zone tzdata no longer knows must not block an alert
                continue
    return UTC


async def link_as_patient(ctx: Ctx, link_id: int | None, statuses: Sequence[str] = (ACTIVE,)) -> CarerLink | None:
    """The link if the acting user is its patient and it is in one of the statuses; else None."""
    link = await ctx.session.get(CarerLink, link_id) if link_id else None
    if link is None or link.patient_id != ctx.user.id or link.status not in statuses:
        return None
    return link


async def link_as_carer(ctx: Ctx, link_id: int | None, statuses: Sequence[str] = (ACTIVE,)) -> CarerLink | None:
    """The link if the acting user is its carer and it is in one of the statuses; else None."""
    link = await ctx.session.get(CarerLink, link_id) if link_id else None
    if link is None or link.carer_id != ctx.user.id or link.status not in statuses:
        return None
    return link


async def link_as_either(ctx: Ctx, link_id: int | None, statuses: Sequence[str] = OPEN) -> CarerLink | None:
    """The link if the acting user is one of its two people."""
    link = await ctx.session.get(CarerLink, link_id) if link_id else None
    if link is None or ctx.user.id not in (link.patient_id, link.carer_id) or link.status not in statuses:
        return None
    return link


async def carers_of(session: AsyncSession, patient_id: int, statuses: Sequence[str] = (ACTIVE,)) -> list[CarerLink]:
    """A patient's links, oldest first."""
    query = select(CarerLink).where(CarerLink.patient_id == patient_id, CarerLink.status.in_(statuses))
    return list((await session.scalars(query.order_by(CarerLink.created_at, CarerLink.id))).all())


async def patients_of(session: AsyncSession, carer_id: int, statuses: Sequence[str] = (ACTIVE,)) -> list[CarerLink]:
    """The links where this user is the carer, oldest first."""
    query = select(CarerLink).where(CarerLink.carer_id == carer_id, CarerLink.status.in_(statuses))
    return list((await session.scalars(query.order_by(CarerLink.created_at, CarerLink.id))).all())


async def open_link(session: AsyncSession, patient_id: int, carer_id: int) -> CarerLink | None:
    """An active or pending link between these two people, if any."""
    return await session.scalar(
        select(CarerLink).where(
            CarerLink.patient_id == patient_id, CarerLink.carer_id == carer_id, CarerLink.status.in_(OPEN)
        )
    )


async def users(session: AsyncSession, ids: Iterable[int]) -> dict[int, User]:
    """Users by id."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {u.id: u for u in (await session.scalars(select(User).where(User.id.in_(wanted)))).all()}


def view(link: CarerLink, other: User) -> LinkView:
    """A link as one side sees it."""
    return LinkView(
        link_id=link.id,
        other=person(other),
        status=link.status,
        is_primary=link.is_primary,
        permissions=permissions.effective(link.permissions),
    )
