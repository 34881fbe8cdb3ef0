"""Writing the dose log: a dose taken, a correction, an undo; supplies counted down and back up."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.context import Ctx
from bot.db.models import DoseEvent, Prescription, User
from bot.dosing import history, planner, timing
from flows.dosing import plan, supplies
from flows.regimen import Regimen, RegimenError, local_date

log = logging.getLogger(__name__)
CHANGE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Entry:
    """What the patient answered: when, where, how, which batch."""

    taken_at: datetime
    site: str | None
    route: str
    batch: str | None


async def _counted_event(ctx: Ctx, prescription: Prescription, patient: User, on_utc: datetime) -> DoseEvent | None:
    """The open planned dose a manual log counts for, if any (an extra dose counts for none)."""
    tz = history.effective_tz(patient, ctx.rt.settings)
    try:
        regimen = Regimen.from_dict(prescription.regimen)
    except RegimenError:
        return None
    taken, closed = await history.log_dates(ctx.session, patient.id, prescription.id, tz)
    on = local_date(on_utc, tz)
    for event in await history.open_events(ctx.session, patient.id):
        if event.prescription_id != prescription.id or event.local_due is None:
            continue
        planned = plan.planned_date(event.local_due)
        if plan.counts_for(regimen, prescription.start_date, taken=taken, closed=closed, on=on, planned=planned):
            return event
    return None


async def taken(
    ctx: Ctx, prescription: Prescription, patient: User, entry: Entry, *, event: DoseEvent | None, manual: bool
) -> DoseEvent:
    """Log a dose on its planned event (or, for /log, on the open dose it counts for, else a new entry)."""
    tz = history.effective_tz(patient, ctx.rt.settings)
    if event is None and manual:
        event = await _counted_event(ctx, prescription, patient, entry.taken_at)
    if event is None:
        event = DoseEvent(user_id=patient.id, prescription_id=prescription.id, timezone=tz, created_at=ctx.now)
        ctx.session.add(event)
    if manual:
        event.source = "manual"
    _fill(event, entry)
    event.status, event.logged_by, event.logged_at, event.undone_at = "taken", ctx.user.id, ctx.now, None
    event.timezone = event.timezone or tz
    await ctx.session.flush()
    await timing.cancel(ctx, event)
    left = _count_down(prescription, -1)
    if left is not None and left <= ctx.rt.settings.low_stock_doses:
        ctx.reply(supplies.low_stock(left))
    log.info("dose taken user=%s dose=%s by=%s", patient.id, event.id, ctx.user.id)
    await ctx.rt.registry.emit("dose.taken", ctx, dose=event)
    await planner.replan(ctx, prescription)
    return event


async def corrected(ctx: Ctx, prescription: Prescription, event: DoseEvent, entry: Entry) -> None:
    """Overwrite a logged dose's details; the 24-hour window still counts from when it was first logged."""
    _fill(event, entry)
    log.info("dose corrected user=%s dose=%s by=%s", event.user_id, event.id, ctx.user.id)
    await planner.replan(ctx, prescription)


def _fill(event: DoseEvent, entry: Entry) -> None:
    event.taken_at, event.site, event.route, event.batch = entry.taken_at, entry.site, entry.route, entry.batch


async def changeable(ctx: Ctx, event: DoseEvent) -> bool:
    """Only the last logged dose, within 24 hours of logging it."""
    last = await history.last_logged(ctx.session, event.user_id)
    fresh = event.logged_at is not None and ctx.now - event.logged_at <= CHANGE_WINDOW
    return last is not None and last.id == event.id and fresh


async def undo(ctx: Ctx, prescription: Prescription | None, event: DoseEvent) -> DoseEvent | None:
    """Mark a log entry undone (never deleted); a planned dose is open again. Returns it if it was restored."""
    event.undone_at = ctx.now
    restored = event.due_at is not None
    if restored:
        event.status = "reminded" if event.reminders_sent else "scheduled"
    else:
        event.status = "undone"
    if prescription is not None:
        _count_down(prescription, +1)
    log.info("dose undone user=%s dose=%s by=%s", event.user_id, event.id, ctx.user.id)
    await ctx.rt.registry.emit("dose.undone", ctx, dose=event)
    if prescription is not None:
        await planner.replan(ctx, prescription)
    return event if restored and event.status in history.OPEN else None


def _count_down(prescription: Prescription, change: int) -> int | None:
    current = (prescription.supplies or {}).get("ampoules")
    if not isinstance(current, int) or isinstance(current, bool):
        return None
    left = max(0, current + change)
    # A new dict, so the JSON column is seen as changed.
    prescription.supplies = {**prescription.supplies, "ampoules": left}
    return left


def set_ampoules(prescription: Prescription, count: int) -> None:
    """Store the ampoule count the patient typed."""
    prescription.supplies = {**(prescription.supplies or {}), "ampoules": count}
