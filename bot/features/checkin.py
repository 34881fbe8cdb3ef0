"""Post-injection check-ins and symptom triage: the red-flag screen, check-in buttons, timers and /why."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.checkin import episodes, jobs, presses, schedule, screen, timers
from bot.context import Ctx
from bot.registry import Registry
from flows.checkin import callbacks as cb
from flows.checkin import why
from flows.events import Event, TextIn


async def why_command(ctx: Ctx, event: Event) -> None:
    """/why: the reasons for the last result, in plain words, with the rule and the rules version."""
    row = await episodes.last_decision(ctx, ctx.user)
    if row is None:
        ctx.reply(why.nothing_yet())
        return
    zone = ZoneInfo(ctx.user.timezone or ctx.rt.settings.default_timezone)
    ctx.reply(why.explain(row.level, row.reasons, row.rules_version, row.created_at.astimezone(zone)))


async def flow(ctx: Ctx, event: Event) -> None:
    """Text reaching the check-in conversation past the screen (the screen normally answers it first)."""
    if isinstance(event, TextIn):
        await screen.screen(ctx, event.text)


def register(reg: Registry) -> None:
    """Plug the check-in in: the screen first of all, then buttons, tasks, events and /why."""
    reg.screens.insert(0, screen.screen)
    reg.flow("checkin", flow)
    reg.press(cb.ANSWER, presses.answer)
    reg.press(cb.URGENT, presses.urgent, before_consent=True)
    reg.press(cb.FOLLOW_UP, presses.follow_up)
    reg.press(cb.HOLD, presses.go_ahead)
    reg.task(schedule.DUE, schedule.run_due)
    reg.task(timers.SILENCE, jobs.silence)
    reg.task(timers.IDLE, jobs.idle)
    reg.task(timers.REASK, jobs.reask)
    reg.task(timers.FOLLOW_UP, jobs.follow_up)
    reg.on("dose.taken", schedule.on_dose_taken)
    reg.on("dose.undone", schedule.on_dose_undone)
    reg.command("why", why_command)
