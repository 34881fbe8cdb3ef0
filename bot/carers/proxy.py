"""A carer with the proxy permission records that the patient's dose was given, through the dose log's own code."""

from __future__ import annotations

import logging

from bot.carers import access, ladder
from bot.context import Ctx
from bot.db.models import DoseEvent, Prescription, User
from bot.dosing import record
from flows import general
from flows.carers import alert_messages, limits, manage_messages
from flows.carers import permissions as perms

log = logging.getLogger(__name__)
GIVABLE = ("scheduled", "reminded", "missed")


async def give(ctx: Ctx, link_id: int | None, dose_id: int | None) -> None:
    """The carer says "It was given": checked against link, permission, dose owner and state, then logged."""
    link = await access.link_as_carer(ctx, link_id)
    dose = await ctx.session.get(DoseEvent, dose_id) if (link and dose_id) else None
    if link is None or dose is None or dose.user_id != link.patient_id:
        log.info("proxy refused user=%s", ctx.user.id)
        ctx.reply(general.stale_button())
        return
    patient = await ctx.session.get(User, link.patient_id)
    assert patient is not None
    if not perms.allows(link.permissions, perms.PROXY):
        ctx.reply(manage_messages.not_allowed(access.person(patient)))
        return
    prescription = await ctx.session.get(Prescription, dose.prescription_id) if dose.prescription_id else None
    too_early = dose.due_at is None or dose.due_at > ctx.now + limits.PROXY_AHEAD
    if dose.status not in GIVABLE or too_early or prescription is None or not prescription.active:
        ctx.reply(alert_messages.dose_already_closed())
        return
    mine = await ladder.alert_of(ctx, link, dose)
    others = [c for _a, _l, c in await ladder.alerted(ctx, dose.id) if c.id != ctx.user.id]
    # The dose log's own code runs as the patient, so its replies (low stock) and listeners (check-in) are theirs.
    as_patient = Ctx(ctx.rt, ctx.session, patient, ctx.now)
    dose.source = "carer"
    # The carer may not know the site, so none is recorded; the time is when they told us.
    entry = record.Entry(taken_at=ctx.now, site=None, route=prescription.route, batch=None)  # type: ignore[arg-type]
    await record.taken(as_patient, prescription, patient, entry, event=dose, manual=False)
    dose.source, dose.logged_by = "carer", ctx.user.id
    await as_patient.flush()
    if mine is not None and mine.acked_at is None:
        mine.acked_at = ctx.now
    await ladder.stop(ctx, dose)
    when = ladder.due_local(dose, patient, ctx.rt.settings.default_timezone)
    ctx.reply(alert_messages.given_carer(access.person(patient), when))
    ctx.send(patient, alert_messages.given_patient(access.person(ctx.user), when))
    for other in others:
        ctx.send(other, alert_messages.given_others(access.person(patient), access.person(ctx.user), when))
    log.info("proxy dose logged user=%s dose=%s by=%s", patient.id, dose.id, ctx.user.id)
