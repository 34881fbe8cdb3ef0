"""The timer tasks behind one dose: reminders, the missed deadline, the day-before heads-up."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from bot import tasks
from bot.context import Ctx
from bot.db.models import DoseEvent, Task, User

REMIND = "dose.remind"
MISSED = "dose.missed"
HEADS_UP = "dose.headsup"
KINDS = (REMIND, MISSED, HEADS_UP)
HEADS_UP_BEFORE = timedelta(hours=24)


async def _count(ctx: Ctx, kind: str, dose_id: int) -> int:
    query = select(func.count(Task.id)).where(Task.kind == kind, Task.ref_id == dose_id)
    return int(await ctx.session.scalar(query) or 0)


async def _pending(ctx: Ctx, kind: str, dose_id: int) -> bool:
    query = select(Task.id).where(Task.kind == kind, Task.ref_id == dose_id, Task.status == "pending").limit(1)
    return await ctx.session.scalar(query) is not None


async def remind_at(ctx: Ctx, event: DoseEvent, due: datetime) -> None:
    """A reminder for a dose at an instant; numbered so that each one is created, and so sent, once."""
    n = await _count(ctx, REMIND, event.id)
    await tasks.schedule(
        ctx.session, user_id=event.user_id, kind=REMIND, due_at=due, now=ctx.now, ref_id=event.id,
        payload={"n": n}, dedupe_key=f"remind:{event.id}:{n}",
    )


async def missed_at(ctx: Ctx, event: DoseEvent, due: datetime) -> None:
    """The instant an unanswered dose is marked missed."""
    n = await _count(ctx, MISSED, event.id)
    await tasks.schedule(
        ctx.session, user_id=event.user_id, kind=MISSED, due_at=due, now=ctx.now, ref_id=event.id,
        dedupe_key=f"missed:{event.id}:{n}",
    )


async def pending_missed(ctx: Ctx, event: DoseEvent) -> datetime | None:
    """When the pending missed task of a dose falls due (a snooze may have moved it), if there is one."""
    query = select(func.min(Task.due_at)).where(Task.kind == MISSED, Task.ref_id == event.id, Task.status == "pending")
    return await ctx.session.scalar(query)


def missed_deadline(ctx: Ctx, event: DoseEvent) -> datetime:
    """When a dose nobody answered counts as missed."""
    assert event.due_at is not None
    return event.due_at + timedelta(minutes=ctx.rt.settings.missed_after_minutes)


def next_repeat(ctx: Ctx, event: DoseEvent) -> datetime | None:
    """The next repeat reminder after now (offsets from the due time), or None when none are left."""
    assert event.due_at is not None
    for minutes in ctx.rt.settings.reminder_repeat_minutes:
        at = event.due_at + timedelta(minutes=minutes)
        if at > ctx.now:
            return at
    return None


async def ensure(ctx: Ctx, event: DoseEvent, patient: User) -> None:
    """Give an open dose the tasks it is missing (after planning, resuming, or an undo)."""
    if patient.paused or event.due_at is None or event.status not in ("scheduled", "reminded"):
        return
    if not await _pending(ctx, REMIND, event.id):
        due = event.due_at if event.status == "scheduled" else next_repeat(ctx, event)
        if due is not None:
            await remind_at(ctx, event, due)
    if not await _pending(ctx, MISSED, event.id):
        await missed_at(ctx, event, missed_deadline(ctx, event))
    heads_up = event.due_at - HEADS_UP_BEFORE
    wanted = patient.heads_up_enabled and event.status == "scheduled" and heads_up > ctx.now
    if wanted and not await _pending(ctx, HEADS_UP, event.id):
        n = await _count(ctx, HEADS_UP, event.id)
        await tasks.schedule(
            ctx.session, user_id=event.user_id, kind=HEADS_UP, due_at=heads_up, now=ctx.now, ref_id=event.id,
            dedupe_key=f"headsup:{event.id}:{n}",
        )


async def cancel(ctx: Ctx, event: DoseEvent, kinds: tuple[str, ...] = KINDS, *, running: Task | None = None) -> None:
    """Cancel a dose's pending tasks except the one running now (other features' tasks are theirs to manage)."""
    query = update(Task).where(
        Task.user_id == event.user_id, Task.ref_id == event.id, Task.kind.in_(kinds), Task.status == "pending"
    )
    if running is not None:
        query = query.where(Task.id != running.id)
    await ctx.session.execute(query.values(status="cancelled"), execution_options={"synchronize_session": False})
