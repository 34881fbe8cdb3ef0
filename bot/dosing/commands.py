"""/next, /schedule, /pause, /resume, /log and /supplies."""

from __future__ import annotations

import logging

from bot import conversations
from bot.context import Ctx
from bot.dosing import history, planner, record, taking, timing
from bot.dosing.views import dose_view
from flows.dosing import callbacks as cb
from flows.dosing import schedule, supplies, when
from flows.dosing.plan import next_slots, parse_reminder_time
from flows.events import Event, TextIn
from flows.messages import Button, Message, T
from flows.regimen import Regimen, RegimenError, to_local

log = logging.getLogger(__name__)
SCHEDULE_COUNT = 5


async def next_command(ctx: Ctx, _event: Event) -> None:
    """/next: the next dose in local time, with weekday and date."""
    prescription = await history.active_prescription(ctx.session, ctx.user.id)
    if prescription is None:
        ctx.reply(schedule.no_prescription())
        return
    tz = history.effective_tz(ctx.user, ctx.rt.settings)
    events = [e for e in await history.open_events(ctx.session, ctx.user.id) if e.due_at is not None]
    view = dose_view(events[0], prescription, tz) if events else None
    overdue = bool(events) and events[0].status == "reminded"
    ctx.reply(schedule.next_dose(view, tz=tz, overdue=overdue, paused=ctx.user.paused, review=ctx.user.review_pending))


async def schedule_command(ctx: Ctx, _event: Event) -> None:
    """/schedule: the next five doses as planned now."""
    prescription = await history.active_prescription(ctx.session, ctx.user.id)
    if prescription is None:
        ctx.reply(schedule.no_prescription())
        return
    tz = history.effective_tz(ctx.user, ctx.rt.settings)
    try:
        regimen = Regimen.from_dict(prescription.regimen)
        at = parse_reminder_time(prescription.reminder_time)
    except (RegimenError, ValueError):
        ctx.reply(schedule.no_prescription())
        return
    taken, closed = await history.log_dates(ctx.session, ctx.user.id, prescription.id, tz)
    slots = next_slots(regimen, prescription.start_date, now=ctx.now, tz=tz, reminder_time=at, taken=taken,
                       closed=closed, count=SCHEDULE_COUNT)
    locals_ = [to_local(s.due_at, tz) for s in slots]
    ctx.reply(schedule.upcoming(locals_, tz=tz, paused=ctx.user.paused, review=ctx.user.review_pending))


async def pause_command(ctx: Ctx, _event: Event) -> None:
    """/pause: no reminders and no missed marks until /resume; the treatment itself is unchanged."""
    if ctx.user.paused:
        ctx.reply(schedule.already_paused())
        return
    ctx.user.paused = True
    for event in await history.open_events(ctx.session, ctx.user.id):
        await timing.cancel(ctx, event)
    log.info("reminders paused user=%s", ctx.user.id)
    ctx.reply(schedule.paused())


async def resume_command(ctx: Ctx, _event: Event) -> None:
    """/resume: reminders back on, planned again from now."""
    ctx.user.paused = False
    await planner.replan_user(ctx, ctx.user.id)
    tz = history.effective_tz(ctx.user, ctx.rt.settings)
    events = [e for e in await history.open_events(ctx.session, ctx.user.id) if e.due_at is not None]
    following = when.when(to_local(events[0].due_at, events[0].timezone or tz)) if events else None
    log.info("reminders resumed user=%s", ctx.user.id)
    ctx.reply(schedule.resumed(following, review=ctx.user.review_pending))


async def log_command(ctx: Ctx, _event: Event) -> None:
    """/log: log a dose; with a recent log, also offer to correct or undo it."""
    last = await history.last_logged(ctx.session, ctx.user.id)
    if last is None or not await record.changeable(ctx, last):
        await taking.start_manual(ctx)
        return
    ctx.reply(log_menu(last.id))


def log_menu(last_id: int) -> Message:
    """Log a new dose, or correct / undo the last one."""
    return Message.say(
        T("doses.log_menu"),
        buttons=[
            [Button(T("doses.log_new_button"), cb.RECORD)],
            [Button(T("doses.log_correct_button"), cb.correct(last_id))],
            [Button(T("doses.log_undo_button"), cb.undo(last_id))],
        ],
    )


async def supplies_command(ctx: Ctx, _event: Event) -> None:
    """/supplies or the supplies button: how many ampoules are there?"""
    prescription = await history.active_prescription(ctx.session, ctx.user.id)
    if prescription is None:
        ctx.reply(schedule.no_prescription())
        return
    await conversations.begin(ctx, taking.FLOW, "supplies", {"mode": "supplies", "patient": ctx.user.id})
    ctx.reply(supplies.ask_count())


async def supplies_text(ctx: Ctx, event: Event) -> None:
    """The typed ampoule count: stored, or asked again with an example."""
    count = supplies.parse_count(event.text) if isinstance(event, TextIn) else None
    if count is None:
        ctx.reply(supplies.ask_count(again=True))
        return
    prescription = await history.active_prescription(ctx.session, ctx.user.id)
    await conversations.end(ctx)
    if prescription is None:
        ctx.reply(schedule.no_prescription())
        return
    record.set_ampoules(prescription, count)
    ctx.reply(supplies.saved(count))
