"""Check-ins tied to each logged dose: about 30 minutes, 24 hours, and 72 hours after (the last only if needed)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import tasks
from bot.checkin import convo, episodes, talk
from bot.context import Ctx
from bot.db.models import DoseEvent, Episode, Task, User
from flows.checkin import prompts
from flows.triage import Level

log = logging.getLogger(__name__)
DUE = "checkin.due"
KINDS = (DUE,)


def _key(dose_id: int, number: int) -> str:
    return f"checkin:{dose_id}:{number}"


async def on_dose_taken(ctx: Ctx, dose: DoseEvent, **_: Any) -> None:
    """Schedule this dose's check-ins; a dose logged late gets only the latest one already due, never a pile."""
    if dose.taken_at is None:
        return
    minutes = ctx.rt.settings.checkin_minutes
    due = [(n, dose.taken_at + timedelta(minutes=m)) for n, m in enumerate(minutes, start=1)]
    past = [n for n, at in due if at <= ctx.now]
    for number, at in due:
        if number in past and number != max(past):
            continue
        await tasks.schedule(
            ctx.session,
            user_id=dose.user_id,
            kind=DUE,
            due_at=max(at, ctx.now),
            now=ctx.now,
            ref_id=dose.id,
            payload={"n": number, "last": number == len(minutes) and number > 1},
            dedupe_key=_key(dose.id, number),
        )


async def on_dose_undone(ctx: Ctx, dose: DoseEvent, **_: Any) -> None:
    """An undone dose has no check-ins."""
    await tasks.cancel(ctx.session, user_id=dose.user_id, kinds=KINDS, ref_id=dose.id)


async def _reported(ctx: Ctx, dose_id: int) -> bool:
    """Whether anything was reported in an episode about this dose."""
    rows = (await ctx.session.scalars(select(Episode).where(Episode.dose_event_id == dose_id))).all()
    return any(episodes.level_of(e) > Level.EXPECTED or episodes.state_of(e).reported for e in rows)


async def run_due(ctx: Ctx, task: Task) -> None:
    """A check-in falls due: ask "How are you?" with the red-flag list, unless it no longer makes sense."""
    patient: User = ctx.user
    dose = await ctx.session.get(DoseEvent, task.ref_id) if task.ref_id is not None else None
    if dose is None or dose.status != "taken" or dose.undone_at is not None:
        return
    payload = task.payload if isinstance(task.payload, dict) else {}
    number = int(payload.get("n", 1))
    if payload.get("last") and not await _reported(ctx, dose.id):
        return
    recent = await episodes.latest(ctx, patient)
    if recent is not None and episodes.level_of(recent) == Level.URGENT:
        # In the middle of an emergency the URGENT follow-up asks instead; no routine questions now.
        log.info("checkin skipped user=%s dose=%s urgent episode=%s", patient.id, dose.id, recent.id)
        return
    if recent is not None and recent.dose_event_id == dose.id:
        episode = recent
        episode.closed_at = None
    else:
        await _close_abandoned(ctx, patient)
        episode = await episodes.open_episode(ctx, patient, kind="checkin", dose_id=dose.id, number=number)
    state = episodes.state_of(episode).reopen("RF")
    log.info("checkin due user=%s dose=%s n=%s episode=%s", patient.id, dose.id, number, episode.id)
    await talk.advance(ctx, patient, episode, state, source="checkin", intro=prompts.OPENING)


async def _close_abandoned(ctx: Ctx, patient: User) -> None:
    """An earlier check-in still waiting for answers is closed before a new one starts."""
    episode_id = await convo.episode_id(ctx, patient)
    if episode_id is None:
        return
    episode = await ctx.session.get(Episode, episode_id)
    if episode is not None and episode.closed_at is None:
        episode.closed_at = ctx.now
