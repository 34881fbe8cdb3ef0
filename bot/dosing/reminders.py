"""What the timer does when a dose task falls due: remind, mark missed, or send the heads-up."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from bot.checkin import hold
from bot.context import Ctx
from bot.db.models import DoseEvent, Prescription, Task
from bot.dosing import history, planner, timing
from bot.dosing.views import dose_view
from flows.dosing import reminder, sites
from flows.dosing.view import DoseView

log = logging.getLogger(__name__)
# A reminder sent this long after its task fell due (the bot was down) says when the dose was due.
LATE_AFTER = timedelta(minutes=5)


async def _open_dose(ctx: Ctx, task: Task) -> tuple[DoseEvent, Prescription] | None:
    event = await ctx.session.get(DoseEvent, task.ref_id) if task.ref_id is not None else None
    if event is None or event.user_id != task.user_id or event.status not in history.OPEN or event.due_at is None:
        return None
    prescription = await ctx.session.get(Prescription, event.prescription_id) if event.prescription_id else None
    if prescription is None or not prescription.active or ctx.user.paused:
        return None
    return event, prescription


async def on_remind(ctx: Ctx, task: Task) -> None:
    """Send a reminder (once: the task is marked done in this same transaction) and plan the next repeat."""
    found = await _open_dose(ctx, task)
    if found is None:
        return
    event, prescription = found
    deadline = await timing.pending_missed(ctx, event)
    if deadline is not None and deadline <= ctx.now:
        return  # the missed task runs next and says it all, with the time the dose was due
    tz = history.effective_tz(ctx.user, ctx.rt.settings)
    view = dose_view(event, prescription, tz)
    if ctx.user.review_pending:
        if event.status == "scheduled":
            ctx.reply(reminder.review_paused(view))
        await timing.cancel(ctx, event, running=task)
        log.info("reminder held for review user=%s dose=%s", ctx.user.id, event.id)
        return
    late = ctx.now - task.due_at >= LATE_AFTER
    if (held := await hold.pre_dose_hold(ctx, ctx.user)) is not None:
        # After an URGENT reaction the reminder must not invite an injection: it says to wait for the prescriber.
        if event.reminders_sent == 0 or late:
            ctx.reply(reminder.held(view, held))
        event.status, event.snoozed_until = "reminded", None
        event.reminders_sent += 1
        await timing.cancel(ctx, event, (timing.REMIND,), running=task)
        log.info("reminder held for safety user=%s dose=%s", ctx.user.id, event.id)
        return
    await _send_reminder(ctx, event, prescription, view, late=late)
    await timing.cancel(ctx, event, (timing.REMIND,), running=task)
    if (repeat := timing.next_repeat(ctx, event)) is not None:
        await timing.remind_at(ctx, event, repeat)
    log.info("reminder sent user=%s dose=%s n=%s", ctx.user.id, event.id, event.reminders_sent)


async def _send_reminder(ctx: Ctx, event: DoseEvent, prescription: Prescription, view: DoseView, *, late: bool) -> None:
    used = await history.site_last_used(ctx.session, ctx.user.id)
    site = sites.suggest(prescription.sites or [], used, prescription.dose_ml)
    checklist = ctx.user.checklist_enabled
    first = event.reminders_sent == 0
    if first or late:
        ctx.reply(reminder.reminder(view, suggested_site=site, late=late, checklist=checklist))
    else:
        ctx.reply(reminder.again(view, suggested_site=site, checklist=checklist))
    event.status, event.snoozed_until = "reminded", None
    event.reminders_sent += 1
    if first:
        # Carers who asked for copies hear about the first reminder of each dose, not every repeat.
        await ctx.rt.registry.emit("dose.reminded", ctx, dose=event)


async def resend_open(ctx: Ctx) -> bool:
    """After the prescriber's go-ahead: send the reminder of a dose that was held, if one is still open."""
    event = await ctx.session.scalar(
        select(DoseEvent)
        .where(DoseEvent.user_id == ctx.user.id, DoseEvent.status == "reminded")
        .order_by(DoseEvent.due_at.desc())
        .limit(1)
    )
    if event is None or event.prescription_id is None:
        return False
    prescription = await ctx.session.get(Prescription, event.prescription_id)
    if prescription is None or not prescription.active:
        return False
    view = dose_view(event, prescription, history.effective_tz(ctx.user, ctx.rt.settings))
    await _send_reminder(ctx, event, prescription, view, late=False)
    return True


async def on_missed(ctx: Ctx, task: Task) -> None:
    """Nobody answered: mark missed, say never to double up, tell listeners (carers), plan the next dose."""
    found = await _open_dose(ctx, task)
    if found is None or ctx.user.review_pending:
        return
    event, prescription = found
    event.status = "missed"
    await timing.cancel(ctx, event, running=task)
    ctx.reply(reminder.missed(dose_view(event, prescription, history.effective_tz(ctx.user, ctx.rt.settings))))
    log.info("dose missed user=%s dose=%s", ctx.user.id, event.id)
    await ctx.rt.registry.emit("dose.missed", ctx, dose=event)
    await planner.replan(ctx, prescription)


async def on_heads_up(ctx: Ctx, task: Task) -> None:
    """The day before: when, what, and the supplies check."""
    found = await _open_dose(ctx, task)
    if found is None or not ctx.user.heads_up_enabled or ctx.user.review_pending:
        return
    event, prescription = found
    if event.status != "scheduled":
        return
    count = (prescription.supplies or {}).get("ampoules")
    view = dose_view(event, prescription, history.effective_tz(ctx.user, ctx.rt.settings))
    ctx.reply(reminder.heads_up(view, ampoules=count if isinstance(count, int) else None))
