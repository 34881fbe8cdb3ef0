"""Copies of the patient's reminders for carers who were allowed them: one copy per dose per carer."""

from __future__ import annotations

import logging
from typing import Any

from bot.carers import access, alerts, ladder
from bot.context import Ctx
from bot.db.models import DoseEvent, User
from flows.carers import alert_messages
from flows.carers import permissions as perms

log = logging.getLogger(__name__)
REMINDER = "reminder"


async def on_reminded(ctx: Ctx, dose: DoseEvent, **_: Any) -> None:
    """dose.reminded: a copy to each reachable carer with the reminders permission, once per dose."""
    links = [link for link in await access.carers_of(ctx.session, dose.user_id)
             if perms.allows(link.permissions, perms.REMINDERS)]
    if not links:
        return
    patient = await ctx.session.get(User, dose.user_id)
    people = await access.users(ctx.session, [link.carer_id for link in links])
    assert patient is not None
    when = ladder.due_local(dose, patient, ctx.rt.settings.default_timezone)
    for link in links:
        carer = people[link.carer_id]
        if carer.unreachable_at is not None:
            continue
        if await alerts.record(ctx, link, REMINDER, dose.id, f"reminder:{dose.id}:{link.id}"):
            can_give = perms.allows(link.permissions, perms.PROXY)
            ctx.send(carer, alert_messages.reminder_copy(link.id, dose.id, access.person(patient), when, can_give))
            log.info("reminder copy user=%s link=%s dose=%s", patient.id, link.id, dose.id)
