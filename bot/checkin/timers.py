"""Check-in timers as tasks: the 90-second check, silence after a red flag, idle check-ins, re-asks, follow-ups."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import tasks
from bot.context import Ctx
from bot.db.models import Episode, Task, User
from flows.checkin import followups
from flows.checkin.steps import CHECK, Step
from flows.triage import Decision, Level

SILENCE, IDLE, REASK, FOLLOW_UP = "checkin.silence", "checkin.idle", "checkin.reask", "checkin.followup"
# "Not sure" to a breathing/throat/face/faint question: no answer to the concrete check within 90 s → URGENT.
CHECK_WAIT = timedelta(seconds=90)
# Silence in the red-flag block after a red flag came up → URGENT; the list takes longer to read than one check.
RF_SILENCE = timedelta(minutes=2)
# A check-in left unanswered this long is closed; anything already at ADVICE is still told.
IDLE_AFTER = timedelta(hours=2)


async def _upsert(
    ctx: Ctx, patient: User, episode: Episode, kind: str, due: timedelta, payload: dict[str, Any]
) -> None:
    """One pending task of a kind per episode, moved forward each time (never a pile of stale ones)."""
    for task in await tasks.pending(ctx.session, user_id=patient.id, kind=kind):
        if task.ref_id == episode.id:
            task.due_at, task.payload = ctx.now + due, payload
            return
    await tasks.schedule(
        ctx.session,
        user_id=patient.id,
        kind=kind,
        due_at=ctx.now + due,
        now=ctx.now,
        ref_id=episode.id,
        payload=payload,
    )


async def arm(ctx: Ctx, patient: User, episode: Episode, seq: int, step: Step, *, mention: bool) -> None:
    """Start the timers that belong to the question just asked."""
    if step.kind == CHECK:
        await _upsert(ctx, patient, episode, SILENCE, CHECK_WAIT, {"seq": seq, "check": step.question})
    elif mention:
        await _upsert(ctx, patient, episode, SILENCE, RF_SILENCE, {"seq": seq})
    else:
        await tasks.cancel(ctx.session, user_id=patient.id, kinds=(SILENCE,), ref_id=episode.id)
    await _upsert(ctx, patient, episode, IDLE, IDLE_AFTER, {"seq": seq})


async def disarm(ctx: Ctx, patient: User, episode: Episode) -> None:
    """The questions are over: no silence or idle timer for this episode any more."""
    await tasks.cancel(ctx.session, user_id=patient.id, kinds=(SILENCE, IDLE), ref_id=episode.id)


async def schedule_reask(ctx: Ctx, patient: User, episode: Episode) -> None:
    """Ask the red-flag list again at 15 and 30 minutes (unsure about hives, itching all over)."""
    for after in followups.REASK_AFTER:
        minutes = int(after.total_seconds() // 60)
        await tasks.schedule(
            ctx.session,
            user_id=patient.id,
            kind=REASK,
            due_at=ctx.now + after,
            now=ctx.now,
            ref_id=episode.id,
            payload={"minutes": minutes},
            dedupe_key=f"checkin:reask:{episode.id}:{minutes}",
        )


async def schedule_follow_up(ctx: Ctx, patient: User, episode: Episode, decision: Decision | None) -> None:
    """The check-back after a result: 90 min after URGENT (decision None), 5 h or 24 h after ADVICE."""
    level = Level.URGENT if decision is None else decision.level
    if level == Level.URGENT:
        delay, name = followups.URGENT_AFTER, "urgent"
    else:
        assert decision is not None
        found = followups.follow_up_delay(decision)
        if found is None:
            return
        delay, name = found, f"advice-{decision.timing or 'routine'}"
    await tasks.schedule(
        ctx.session,
        user_id=patient.id,
        kind=FOLLOW_UP,
        due_at=ctx.now + delay,
        now=ctx.now,
        ref_id=episode.id,
        payload={"level": level.name},
        dedupe_key=f"checkin:fu:{episode.id}:{name}",
    )


def still_current(task: Task, seq: int) -> bool:
    """Whether a timer was armed for the question that is still waiting (the patient has not moved on)."""
    return isinstance(task.payload, dict) and task.payload.get("seq") == seq
