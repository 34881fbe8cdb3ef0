"""Link life: the patient confirms or refuses the person, sets permissions, and either side ends it."""

from __future__ import annotations

import logging

from sqlalchemy import update

from bot import tasks
from bot.carers import access
from bot.context import Ctx
from bot.db.models import CarerLink, User
from flows import general
from flows.carers import invite_messages, manage_messages
from flows.carers import permissions as perms

log = logging.getLogger(__name__)
LADDER_TASK = "carer.ladder"


async def confirm(ctx: Ctx, link_id: int | None) -> None:
    """The patient confirms this person: the link becomes active and both sides hear what it means."""
    link = await access.link_as_patient(ctx, link_id, (access.PENDING,))
    carer = await ctx.session.get(User, link.carer_id) if link else None
    if link is None or carer is None:
        ctx.reply(general.stale_button())
        return
    link.status, link.active_at = access.ACTIVE, ctx.now
    if not any(other.is_primary for other in await access.carers_of(ctx.session, ctx.user.id) if other is not link):
        link.is_primary = True
    log.info("link confirmed user=%s link=%s", ctx.user.id, link.id)
    ctx.reply(manage_messages.confirmed_for_patient(access.view(link, carer)))
    ctx.send(carer, invite_messages.confirmed_for_carer(access.person(ctx.user), perms.effective(link.permissions)))


async def refuse(ctx: Ctx, link_id: int | None) -> None:
    """The patient says this is not the person they invited: nothing is linked."""
    link = await access.link_as_patient(ctx, link_id, (access.PENDING,))
    carer = await ctx.session.get(User, link.carer_id) if link else None
    if link is None or carer is None:
        ctx.reply(general.stale_button())
        return
    link.status, link.ended_at, link.ended_by = "refused", ctx.now, ctx.user.id
    log.info("link refused user=%s link=%s", ctx.user.id, link.id)
    ctx.reply(invite_messages.refused_for_patient(access.person(carer)))
    ctx.send(carer, invite_messages.refused_for_carer(access.person(ctx.user)))


async def ask_end(ctx: Ctx, link_id: int | None) -> None:
    """Either side asked to end a link: ask once more before doing it."""
    link = await access.link_as_either(ctx, link_id)
    if link is None:
        ctx.reply(general.stale_button())
        return
    as_patient = link.patient_id == ctx.user.id
    other = await ctx.session.get(User, link.carer_id if as_patient else link.patient_id)
    assert other is not None
    ctx.reply(manage_messages.end_ask(access.view(link, other), as_patient))


async def end(ctx: Ctx, link_id: int | None) -> None:
    """End a link now: no alert about it leaves after this transaction, and the other side is told."""
    link = await access.link_as_either(ctx, link_id)
    if link is None:
        ctx.reply(general.stale_button())
        return
    as_patient = link.patient_id == ctx.user.id
    other = await ctx.session.get(User, link.carer_id if as_patient else link.patient_id)
    link.status, link.ended_at, link.ended_by, link.is_primary = "ended", ctx.now, ctx.user.id, False
    await _drop_unsent(ctx, link)
    log.info("link ended user=%s link=%s", ctx.user.id, link.id)
    if other is not None:
        ctx.reply(manage_messages.ended_you(access.person(other)))
        ctx.send(other, manage_messages.ended_other(access.person(ctx.user), as_patient))


async def _drop_unsent(ctx: Ctx, link: CarerLink) -> None:
    # Ladder tasks re-check the link when they run; if this was the patient's last carer, none is needed.
    if not await access.carers_of(ctx.session, link.patient_id):
        await tasks.cancel(ctx.session, user_id=link.patient_id, kinds=(LADDER_TASK,))


async def toggle(ctx: Ctx, link_id: int | None, key: str) -> None:
    """Flip one permission of one of the patient's carers; URGENT or an unknown key changes nothing."""
    link = await access.link_as_patient(ctx, link_id)
    carer = await ctx.session.get(User, link.carer_id) if link else None
    if link is None or carer is None:
        ctx.reply(general.stale_button())
        return
    if key not in perms.TOGGLEABLE:
        ctx.reply(manage_messages.settings(access.view(link, carer)))
        return
    link.permissions = perms.toggled(link.permissions, key)
    log.info("link permission user=%s link=%s key=%s", ctx.user.id, link.id, key)
    ctx.reply(manage_messages.settings(access.view(link, carer)))


async def show_settings(ctx: Ctx, link_id: int | None) -> None:
    """One carer's settings, for the patient."""
    link = await access.link_as_patient(ctx, link_id)
    carer = await ctx.session.get(User, link.carer_id) if link else None
    if link is None or carer is None:
        ctx.reply(general.stale_button())
        return
    ctx.reply(manage_messages.settings(access.view(link, carer)))


async def make_primary(ctx: Ctx, link_id: int | None) -> None:
    """This carer hears first about missed doses; every other carer of the patient stops being primary."""
    link = await access.link_as_patient(ctx, link_id)
    carer = await ctx.session.get(User, link.carer_id) if link else None
    if link is None or carer is None:
        ctx.reply(general.stale_button())
        return
    await ctx.session.execute(
        update(CarerLink).where(CarerLink.patient_id == ctx.user.id, CarerLink.id != link.id).values(is_primary=False)
    )
    link.is_primary = True
    ctx.reply(manage_messages.settings(access.view(link, carer)))
