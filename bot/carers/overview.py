"""/carers as one message: my carers, people waiting for my confirmation, open invites, people I help."""

from __future__ import annotations

from bot.carers import access, invites, prefs
from bot.context import Ctx
from flows import general
from flows.carers import manage_messages
from flows.carers.ladder import valid_choice
from flows.carers.views import InviteView, local
from flows.messages import Message


async def message(ctx: Ctx, *, edit: bool = False) -> Message:
    """The overview for the acting user, whichever role(s) they have."""
    mine = await access.carers_of(ctx.session, ctx.user.id, access.OPEN)
    helping = await access.patients_of(ctx.session, ctx.user.id)
    people = await access.users(ctx.session, [link.carer_id for link in mine] + [link.patient_id for link in helping])
    tz = access.tz_of(ctx.user, ctx.rt.settings.default_timezone)
    open_invites = [
        InviteView(i.id, local(i.expires_at, tz)) for i in await invites.pending(ctx.session, ctx.user.id, ctx.now)
    ]
    return manage_messages.overview(
        carers=[access.view(link, people[link.carer_id]) for link in mine if link.status == access.ACTIVE],
        waiting=[access.view(link, people[link.carer_id]) for link in mine if link.status == access.PENDING],
        invites=open_invites,
        helping=[access.view(link, people[link.patient_id]) for link in helping],
        edit=edit,
    )


async def ladder(ctx: Ctx) -> None:
    """The missed-dose timing screen (patients with at least one carer)."""
    current = await prefs.load(ctx.session, ctx.user.id)
    ctx.reply(manage_messages.ladder(current.primary_after_minutes, current.all_after_minutes, current.share_symptoms))


async def set_ladder(ctx: Ctx, which: str, minutes: int | None) -> None:
    """Store one of the offered timings; anything else changes nothing."""
    if minutes is None or not valid_choice(which, minutes):
        ctx.reply(general.stale_button())
        return
    field = "primary_after_minutes" if which == "primary" else "all_after_minutes"
    await prefs.change(ctx.session, ctx.user.id, ctx.now, **{field: minutes})
    await ladder(ctx)


async def toggle_share(ctx: Ctx) -> None:
    """Flip whether alerts name the symptoms."""
    current = await prefs.load(ctx.session, ctx.user.id)
    await prefs.change(ctx.session, ctx.user.id, ctx.now, share_symptoms=not current.share_symptoms)
    await ladder(ctx)
