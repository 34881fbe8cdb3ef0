"""Storing a confirmed set-up or settings change: the prescription row, the user's place, then replanning."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any

from sqlalchemy import select

from bot.context import Ctx
from bot.db.models import Prescription
from flows.onboarding import PrescriptionDraft

log = logging.getLogger(__name__)
# Changing these starts a new plan: a new prescription row, so the old plan's log stays with the old row.
PLAN_FIELDS = ("regimen", "start_date")
DETAIL_FIELDS = ("product", "product_name", "strength", "dose_ml", "route", "sites", "reminder_time")


async def active_prescription(ctx: Ctx) -> Prescription | None:
    """The acting user's active prescription (the newest, should there ever be two)."""
    return await ctx.session.scalar(
        select(Prescription)
        .where(Prescription.user_id == ctx.user.id, Prescription.active.is_(True))
        .order_by(Prescription.id.desc())
        .limit(1)
    )


def as_answers(prescription: Prescription) -> dict[str, Any]:
    """The stored prescription as plain values for flows.onboarding.current_answers."""
    return {name: getattr(prescription, name) for name in (*PLAN_FIELDS, *DETAIL_FIELDS)}


def _values(draft: PrescriptionDraft) -> dict[str, Any]:
    return {
        "product": draft.product,
        "product_name": draft.product_name,
        "strength": draft.strength,
        "dose_ml": draft.dose_ml,
        "route": draft.route,
        "sites": list(draft.sites),
        "regimen": draft.regimen,
        "start_date": draft.start_date,
        "reminder_time": draft.reminder_time,
    }


async def save(ctx: Ctx, draft: PrescriptionDraft) -> Prescription:
    """Store what was confirmed, replan future doses if anything they depend on changed, and tell listeners."""
    user, values = ctx.user, _values(draft)
    old = await active_prescription(ctx)
    new_plan = old is None or any(getattr(old, f) != values[f] for f in PLAN_FIELDS)
    details = old is not None and any(getattr(old, f) != values[f] for f in DETAIL_FIELDS)
    place = (user.timezone, user.home_timezone) != (draft.timezone, draft.home_timezone)
    review = draft.review_done and user.review_pending
    user.country, user.timezone, user.home_timezone = draft.country, draft.timezone, draft.home_timezone
    if draft.review_done:
        user.review_pending = False
    if new_plan:
        if old is not None:
            old.active, old.ended_at = False, ctx.now
        prescription = Prescription(
            user_id=user.id,
            **values,
            active=True,
            supplies=dict(old.supplies or {}) if old is not None else {},
            created_at=ctx.now,
        )
        ctx.session.add(prescription)
    else:
        assert old is not None
        prescription = old
        for name, value in values.items():
            setattr(prescription, name, value)
    await ctx.session.flush()
    log.info("prescription saved user=%s prescription=%s new=%s", user.id, prescription.id, new_plan)
    if new_plan or details or place or review:
        await replan(ctx, prescription)
    if new_plan or details:
        await ctx.rt.registry.emit("prescription.changed", ctx, prescription=prescription)
    return prescription


async def replan(ctx: Ctx, prescription: Prescription) -> None:
    """Reschedule future doses with bot.dosing.planner when it is installed (the dose log is never touched)."""
    try:
        found = importlib.util.find_spec("bot.dosing.planner") is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        log.warning("no planner installed; prescription=%s not planned", prescription.id)
        return
    planner = importlib.import_module("bot.dosing.planner")
    await planner.replan(ctx, prescription)
