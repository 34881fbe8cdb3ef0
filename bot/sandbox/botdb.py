"""What the sandbox reads from the bot's database: the next due task, the latest instant, zones, message ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.db.engine import Database
from bot.db.models import OutboxMessage, Task, User


async def next_due(db: Database) -> datetime | None:
    """When the earliest pending task falls due (a reminder, a check-in, an escalation…), if any."""
    async with db.session() as s:
        return await s.scalar(
            select(Task.due_at).where(Task.status == "pending").order_by(Task.due_at).limit(1)
        )


async def latest_instant(db: Database) -> datetime | None:
    """The latest instant the database has seen, so a restarted sandbox's clock never runs backwards."""
    found: list[datetime] = []
    try:
        async with db.session() as s:
            for column in (User.created_at, OutboxMessage.created_at, Task.done_at):
                value = await s.scalar(select(column).where(column.is_not(None)).order_by(column.desc()).limit(1))
                if value is not None:
                    found.append(value)
    except SQLAlchemyError:
        return None
    return max(found) if found else None


async def zones(db: Database, telegram_ids: list[int]) -> dict[int, str]:
    """Each known person's time zone, as the bot stored it during set-up."""
    async with db.session() as s:
        rows = await s.execute(
            select(User.telegram_id, User.timezone)
            .where(User.telegram_id.in_(telegram_ids), User.timezone.is_not(None))
        )
        return {telegram_id: zone for telegram_id, zone in rows.all()}


async def last_message_ids(db: Database) -> dict[int, int]:
    """The highest Telegram message id the bot knows in each chat, so a kept database's edits find no wrong target."""
    async with db.session() as s:
        rows = await s.execute(
            select(OutboxMessage.chat_id,
                   func.max(func.coalesce(OutboxMessage.telegram_message_id, OutboxMessage.edit_message_id, 0)))
            .group_by(OutboxMessage.chat_id)
        )
        return {chat_id: int(top or 0) for chat_id, top in rows.all()}
