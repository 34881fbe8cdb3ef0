"""Planning: keep exactly the next dose of the active prescription as an event with its timer tasks."""

from __future__ import annotations

import logging

from bot.context import Ctx
from bot.db.models import DoseEvent, Prescription, User
from bot.dosing import history, timing
from flows.dosing.plan import Slot, next_slots, parse_reminder_time, planned_date
from flows.regimen import Regimen, RegimenError

log = logging.getLogger(__name__)


async def replan(ctx: Ctx, prescription: Prescription) -> None:
    """(Re)plan future doses from now without touching the log.

    Not-yet-reminded doses that no longer fit (new time zone, time, regimen, pause) are cancelled with their
    tasks; a reminded dose still waiting for an answer is kept when the plan still has it; then the next dose
    is created (or kept) with its reminder, missed deadline and heads-up tasks.
    """
    patient = await ctx.session.get(User, prescription.user_id)
    if patient is None:
        return
    tz = history.effective_tz(patient, ctx.rt.settings)
    slot = await _next_slot(ctx, prescription, tz)
    keep: DoseEvent | None = None
    for event in await history.open_events(ctx.session, patient.id):
        if event.prescription_id != prescription.id or not prescription.active:
            await cancel_event(ctx, event)
        elif slot is not None and keep is None and _same_dose(event, slot, tz):
            keep = event
        else:
            await cancel_event(ctx, event)
    if slot is not None and keep is None:
        keep = DoseEvent(
            user_id=patient.id,
            prescription_id=prescription.id,
            due_at=slot.due_at,
            local_due=slot.local_due,
            timezone=tz,
            dose_number=slot.planned.number,
            phase=slot.planned.phase,
            status="scheduled",
            source="schedule",
            created_at=ctx.now,
        )
        ctx.session.add(keep)
        await ctx.session.flush()
        log.info("dose planned user=%s dose=%s", patient.id, keep.id)
    if keep is not None:
        await timing.ensure(ctx, keep, patient)


def _same_dose(event: DoseEvent, slot: Slot, tz: str) -> bool:
    if event.status == "reminded":
        # Already announced: the same planned date is the same dose, even if the time or zone changed since.
        return event.local_due is not None and planned_date(event.local_due) == slot.planned.date
    return event.due_at == slot.due_at and event.local_due == slot.local_due and event.timezone == tz


async def _next_slot(ctx: Ctx, prescription: Prescription, tz: str) -> Slot | None:
    if not prescription.active:
        return None
    try:
        regimen = Regimen.from_dict(prescription.regimen)
        at = parse_reminder_time(prescription.reminder_time)
    except (RegimenError, ValueError):
        log.warning("prescription not plannable id=%s", prescription.id)
        return None
    taken, closed = await history.log_dates(ctx.session, prescription.user_id, prescription.id, tz)
    found = next_slots(
        regimen, prescription.start_date, now=ctx.now, tz=tz, reminder_time=at, taken=taken, closed=closed
    )
    return found[0] if found else None


async def cancel_event(ctx: Ctx, event: DoseEvent) -> None:
    """Take an unanswered dose out of the plan (kept as a cancelled row) and stop its tasks."""
    event.status = "cancelled"
    await timing.cancel(ctx, event)


async def replan_user(ctx: Ctx, user_id: int) -> None:
    """Replan a patient's active prescription, if there is one."""
    prescription = await history.active_prescription(ctx.session, user_id)
    if prescription is not None:
        await replan(ctx, prescription)
