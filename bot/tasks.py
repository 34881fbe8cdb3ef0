"""Create and cancel scheduled tasks; the timer claims and runs them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Task

DUE_KEY = "tasks.earliest_due"


async def schedule(
    session: AsyncSession,
    *,
    user_id: int,
    kind: str,
    due_at: datetime,
    now: datetime,
    ref_id: int | None = None,
    payload: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> Task | None:
    """Add a task; with a dedupe key, an existing task of that key wins and None is returned."""
    if dedupe_key is not None:
        existing = await session.scalar(select(Task.id).where(Task.dedupe_key == dedupe_key))
        if existing is not None:
            return None
    task = Task(
        user_id=user_id,
        kind=kind,
        due_at=due_at,
        ref_id=ref_id,
        payload=payload or {},
        dedupe_key=dedupe_key,
        created_at=now,
    )
    if dedupe_key is None:
        session.add(task)
        await session.flush()
    else:
        try:
            # Another instance may insert the same key between our check and this insert: a savepoint keeps
            # that race from failing the whole update; the task already exists, which is all we wanted.
            async with session.begin_nested():
                session.add(task)
                await session.flush()
        except IntegrityError:
            return None
    _note_due(session, due_at)
    return task


def _note_due(session: AsyncSession, due_at: datetime) -> None:
    # Read after commit (Database.after_commit): the timer re-arms for the earliest new task without a query.
    earliest = session.info.get(DUE_KEY)
    if earliest is None or due_at < earliest:
        session.info[DUE_KEY] = due_at


async def cancel(session: AsyncSession, *, user_id: int, kinds: tuple[str, ...] = (), ref_id: int | None = None) -> int:
    """Cancel a user's pending tasks, optionally only some kinds or one referenced row; returns the count."""
    query = update(Task).where(Task.user_id == user_id, Task.status == "pending")
    if kinds:
        query = query.where(Task.kind.in_(kinds))
    if ref_id is not None:
        query = query.where(Task.ref_id == ref_id)
    result = await session.execute(query.values(status="cancelled"))
    return result.rowcount or 0


async def pending(session: AsyncSession, *, user_id: int, kind: str | None = None) -> list[Task]:
    """A user's pending tasks in due order."""
    query = select(Task).where(Task.user_id == user_id, Task.status == "pending")
    if kind:
        query = query.where(Task.kind == kind)
    return list((await session.scalars(query.order_by(Task.due_at, Task.id))).all())
