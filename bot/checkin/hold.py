"""The pre-dose hold after an URGENT result: the next reminder says to wait until the prescriber has been told."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.context import Ctx
from bot.db.models import SafetyHold, User
from flows.checkin import followups
from flows.messages import Message

log = logging.getLogger(__name__)


async def active(ctx: Ctx, patient: User) -> SafetyHold | None:
    """The patient's oldest hold not yet cleared, if any."""
    query = (
        select(SafetyHold)
        .where(SafetyHold.user_id == patient.id, SafetyHold.cleared_at.is_(None))
        .order_by(SafetyHold.id)
        .limit(1)
    )
    return await ctx.session.scalar(query)


async def place(ctx: Ctx, patient: User, episode_id: int | None) -> SafetyHold:
    """Hold the next dose (once per episode; an existing uncleared hold is kept)."""
    existing = await active(ctx, patient)
    if existing is not None:
        return existing
    hold = SafetyHold(user_id=patient.id, episode_id=episode_id, reason="urgent", created_at=ctx.now)
    ctx.session.add(hold)
    await ctx.session.flush()
    log.info("safety hold placed user=%s hold=%s episode=%s", patient.id, hold.id, episode_id)
    return hold


async def pre_dose_hold(ctx: Ctx, patient: User) -> Message | None:
    """What to add to the next dose reminder while a hold is on, with the "my prescriber said go ahead" button."""
    hold = await active(ctx, patient)
    if hold is None:
        return None
    return followups.hold_notice(hold.id)


async def clear(ctx: Ctx, hold_id: int) -> bool:
    """The patient says their prescriber said go ahead; False when the hold is not theirs or already cleared."""
    hold = await ctx.session.get(SafetyHold, hold_id)
    if hold is None or hold.user_id != ctx.user.id or hold.cleared_at is not None:
        return False
    hold.cleared_at, hold.cleared_by = ctx.now, ctx.user.id
    log.info("safety hold cleared user=%s hold=%s", ctx.user.id, hold.id)
    return True
