"""A carer who blocked the bot: the outbox marks them unreachable once; their patients are told, no retries."""

from __future__ import annotations

import logging

from bot.carers import access
from bot.context import Ctx
from bot.db.models import User
from bot.runtime import Runtime
from flows.carers import alert_messages

log = logging.getLogger(__name__)


async def carer_unreachable(rt: Runtime, user_id: int) -> None:
    """Outbox callback after a 403: tell every patient this person cares for (their alerts now skip them)."""
    now = rt.clock.now()
    async with rt.db.session() as session:
        carer = await session.get(User, user_id)
        if carer is None:
            return
        links = await access.patients_of(session, user_id)
        people = await access.users(session, [link.patient_id for link in links])
        ctx = Ctx(rt, session, carer, now)
        for link in links:
            patient = people.get(link.patient_id)
            if patient is not None and patient.unreachable_at is None:
                ctx.send(patient, alert_messages.unreachable(access.person(carer)))
                log.info("carer unreachable user=%s link=%s", patient.id, link.id)
        await ctx.flush()
