"""Answers to a reminder's buttons: snooze, skip (with a reason), the checklist, undo."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.context import Ctx
from bot.dosing import history, planner, record, timing
from bot.dosing.access import Target
from flows.dosing import checklist, reminder, skip, taking, when
from flows.messages import Message, T
from flows.regimen import to_local

log = logging.getLogger(__name__)


async def snooze(ctx: Ctx, target: Target, minutes: int) -> None:
    """Remind again in 15 minutes or an hour; the missed deadline moves so it never comes first."""
    if minutes not in reminder.SNOOZE_MINUTES:
        ctx.reply(Message.say(T("doses.flow_expired")))
        return
    event = target.event
    until = ctx.now + timedelta(minutes=minutes)
    event.snoozed_until = until
    await timing.cancel(ctx, event, (timing.REMIND, timing.HEADS_UP))
    await timing.remind_at(ctx, event, until)
    deadline = timing.missed_deadline(ctx, event)
    if deadline <= until:
        await timing.cancel(ctx, event, (timing.MISSED,))
        grace = timedelta(minutes=min(ctx.rt.settings.reminder_repeat_minutes or (30,)))
        await timing.missed_at(ctx, event, until + grace)
    tz = history.effective_tz(target.patient, ctx.rt.settings)
    ctx.reply(reminder.snoozed(minutes, when.clock_time(to_local(until, event.timezone or tz))))
    log.info("dose snoozed user=%s dose=%s minutes=%s", event.user_id, event.id, minutes)


async def skip_ask(ctx: Ctx, target: Target) -> None:
    """Skip: ask why first."""
    ctx.reply(skip.ask_reason(target.event.id))


async def skip_with(ctx: Ctx, target: Target, reason: str) -> None:
    """Store the skip and its reason, stop the reminders, plan the next dose."""
    if not skip.is_reason(reason):
        ctx.reply(skip.ask_reason(target.event.id))
        return
    event = target.event
    event.status, event.skip_reason = "skipped", reason
    event.logged_by, event.logged_at = ctx.user.id, ctx.now
    await timing.cancel(ctx, event)
    assert target.prescription is not None
    await planner.replan(ctx, target.prescription)
    log.info("dose skipped user=%s dose=%s", event.user_id, event.id)
    tz = history.effective_tz(target.patient, ctx.rt.settings)
    upcoming = [e for e in await history.open_events(ctx.session, event.user_id) if e.due_at is not None]
    following = when.when(to_local(upcoming[0].due_at, upcoming[0].timezone or tz)) if upcoming else None
    ctx.reply(skip.skipped(reason, following))


async def checklist_step(ctx: Ctx, target: Target, index: int) -> None:
    """One step of the pre-injection checklist."""
    assert target.prescription is not None
    prescription = target.prescription
    ctx.reply(
        checklist.step(target.event.id, index, route=prescription.route, ml=when.amount(prescription.dose_ml)),
        edit=index > 0,
    )


async def checklist_off(ctx: Ctx) -> None:
    """Stop offering the checklist."""
    ctx.user.checklist_enabled = False
    ctx.reply(checklist.turned_off())


async def undo(ctx: Ctx, target: Target) -> None:
    """Undo the last log within 24 hours: the entry is kept and marked undone."""
    if not await record.changeable(ctx, target.event):
        ctx.reply(taking.too_late_to_change())
        return
    restored = await record.undo(ctx, target.prescription, target.event)
    tz = history.effective_tz(target.patient, ctx.rt.settings)
    local = to_local(restored.due_at, restored.timezone or tz) if restored and restored.due_at else None
    ctx.reply(taking.undone(local))
