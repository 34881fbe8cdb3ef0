"""A carer's look at a patient's recent doses: only with the history permission, only that patient's doses."""

from __future__ import annotations

from sqlalchemy import select

from bot.carers import access, ladder
from bot.context import Ctx
from bot.db.models import DoseEvent, User
from flows import general
from flows.carers import alert_messages, manage_messages
from flows.carers import permissions as perms
from flows.events import Event

SHOWN = 5
LISTED = ("taken", "skipped", "missed")


async def show(ctx: Ctx, link_id: int | None) -> None:
    """The last few closed doses of the link's patient: local time and status, nothing else."""
    link = await access.link_as_carer(ctx, link_id)
    patient = await ctx.session.get(User, link.patient_id) if link else None
    if link is None or patient is None:
        ctx.reply(general.stale_button())
        return
    if not perms.allows(link.permissions, perms.HISTORY):
        ctx.reply(manage_messages.not_allowed(access.person(patient)))
        return
    doses = (
        await ctx.session.scalars(
            select(DoseEvent)
            .where(DoseEvent.user_id == patient.id, DoseEvent.status.in_(LISTED))
            .order_by(DoseEvent.due_at.desc(), DoseEvent.id.desc())
            .limit(SHOWN)
        )
    ).all()
    default = ctx.rt.settings.default_timezone
    rows = [(ladder.due_local(d, patient, default), d.status) for d in doses]
    ctx.reply(alert_messages.history(access.person(patient), rows))


async def command(ctx: Ctx, _event: Event) -> None:
    """/history: straight to the one patient who allows it, or a choice when there are several."""
    links = [link for link in await access.patients_of(ctx.session, ctx.user.id)
             if perms.allows(link.permissions, perms.HISTORY)]
    if not links:
        ctx.reply(alert_messages.history_none_allowed())
        return
    if len(links) == 1:
        await show(ctx, links[0].id)
        return
    people = await access.users(ctx.session, [link.patient_id for link in links])
    ctx.reply(alert_messages.history_pick([(link.id, access.person(people[link.patient_id])) for link in links]))
