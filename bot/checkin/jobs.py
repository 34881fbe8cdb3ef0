"""What each check-in timer does when it falls due (each runs in its own transaction, by the timer)."""

from __future__ import annotations

import logging

from bot.checkin import convo, episodes, hold, talk, timers
from bot.context import Ctx
from bot.db.models import Episode, Task
from flows.checkin import followups, prompts
from flows.checkin.number import number_text
from flows.checkin.state import decide, silence_decision
from flows.checkin.steps import RF_IDS
from flows.triage import Level

log = logging.getLogger(__name__)


async def _episode(ctx: Ctx, task: Task) -> Episode | None:
    episode = await ctx.session.get(Episode, task.ref_id) if task.ref_id is not None else None
    return episode if episode is not None and episode.user_id == ctx.user.id else None


async def silence(ctx: Ctx, task: Task) -> None:
    """No answer to the concrete check in 90 s, or silence in the red-flag block after a red flag → URGENT."""
    episode = await _episode(ctx, task)
    if episode is None or episodes.level_of(episode) == Level.URGENT:
        return
    state = episodes.state_of(episode)
    if not timers.still_current(task, state.seq):
        return
    check = task.payload.get("check")
    if isinstance(check, str) and check in RF_IDS:
        state = state.check(check, "no_reply")
    else:
        flagged = [rf for rf in RF_IDS if state.answers.get(rf, "no") != "no"]
        state = state.add(silence_decision(flagged[0] if flagged else "RF"))
    log.info("checkin silence user=%s episode=%s", ctx.user.id, episode.id)
    await talk.advance(ctx, ctx.user, episode, state, source="timeout", store=True)


async def idle(ctx: Ctx, task: Task) -> None:
    """A check-in left unanswered: close it; anything already at ADVICE is still told, never lost."""
    episode = await _episode(ctx, task)
    if episode is None or episode.closed_at is not None or episodes.level_of(episode) == Level.URGENT:
        return
    state = episodes.state_of(episode)
    if not timers.still_current(task, state.seq):
        return
    hours = await episodes.hours_since_dose(ctx, episode, ctx.user)
    decision = decide(state, hours)
    episode.closed_at = ctx.now
    await timers.disarm(ctx, ctx.user, episode)
    resumed = await convo.leave(ctx, ctx.user)
    if decision.level >= Level.ADVICE:
        await episodes.record(ctx, ctx.user, episode, decision, source="idle")
        held = await hold.active(ctx, ctx.user) is not None
        ctx.reply(talk.outcome_message(ctx.user, episode, decision, held=held))
        await timers.schedule_follow_up(ctx, ctx.user, episode, decision)
    if resumed is not None:
        ctx.reply(resumed)
    log.info("checkin idle user=%s episode=%s level=%s", ctx.user.id, episode.id, decision.level.name)


async def reask(ctx: Ctx, task: Task) -> None:
    """Ask the red-flag list again (spec §4.3: unsure about hives; itching all over)."""
    episode = await _episode(ctx, task)
    if episode is None or episodes.level_of(episode) == Level.URGENT:
        return
    state = episodes.state_of(episode).forget(RF_IDS[:5], ("no",)).reopen("RF")
    if episode.closed_at is not None:
        state = state.with_mode("reask")
        episode.closed_at = None
    await talk.advance(ctx, ctx.user, episode, state, source="reask", intro=prompts.REASK)


async def follow_up(ctx: Ctx, task: Task) -> None:
    """The check-back after ADVICE (5 h or 24 h) or URGENT (90 min)."""
    episode = await _episode(ctx, task)
    if episode is None:
        return
    if task.payload.get("level") == Level.URGENT.name:
        ctx.reply(followups.urgent_follow_up(episode.id, number_text(ctx.user.country)))
    else:
        ctx.reply(followups.advice_follow_up(episode.id))
