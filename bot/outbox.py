"""The one way out: every message is a durable outbox row, sent in priority order by `drain`."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.db.engine import Database
from bot.db.models import OutboxMessage, User
from bot.render import rendered
from flows.clock import Clock
from flows.messages import Message

log = logging.getLogger(__name__)
CLAIM_FOR = timedelta(seconds=60)
MAX_ATTEMPTS = 8


async def enqueue(
    session: AsyncSession, user: User, message: Message, now: datetime, edit_message_id: int | None = None
) -> OutboxMessage:
    """Store a message for a user in the current transaction; it leaves only if the transaction commits."""
    text, markup = rendered(message, user.locale)
    row = OutboxMessage(
        user_id=user.id,
        chat_id=user.chat_id,
        priority=int(message.priority),
        kind="edit" if edit_message_id else "send",
        text=text,
        markup=markup,
        edit_message_id=edit_message_id,
        created_at=now,
    )
    session.add(row)
    return row


def _markup(data: dict[str, Any] | None) -> InlineKeyboardMarkup | None:
    if not data:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(c["text"], url=c["url"])
                if "url" in c
                else InlineKeyboardButton(c["text"], callback_data=c["callback_data"])
                for c in row
            ]
            for row in data["inline_keyboard"]
        ]
    )


class Outbox:
    """Claims pending rows (safe with several instances) and sends them through the Bot."""

    def __init__(self, db: Database, clock: Clock, instance: str) -> None:
        self.db, self.clock, self.instance = db, clock, instance
        self._lock = asyncio.Lock()
        self.on_unreachable: list[Any] = []

    async def _claim(self, limit: int = 20) -> list[OutboxMessage]:
        now = self.clock.now()
        earlier = aliased(OutboxMessage)
        async with self.db.session() as s:
            ids = (
                await s.scalars(
                    select(OutboxMessage.id)
                    .where(OutboxMessage.status == "pending")
                    .where(or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= now))
                    .where(or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
                    # Keep a chat's order: a message waits while an earlier one for the same person, as urgent
                    # or more, is deferred (flood wait, retry) or being sent. Only a more urgent one goes first.
                    .where(
                        ~exists().where(
                            earlier.user_id == OutboxMessage.user_id,
                            earlier.status == "pending",
                            earlier.id < OutboxMessage.id,
                            earlier.priority <= OutboxMessage.priority,
                            or_(earlier.not_before > now, earlier.claimed_until >= now),
                        )
                    )
                    .order_by(OutboxMessage.priority, OutboxMessage.id)
                    .limit(limit)
                )
            ).all()
            claimed = []
            for row_id in ids:
                # A conditional update is atomic on SQLite and PostgreSQL: only one instance wins a row.
                result = await s.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == row_id, OutboxMessage.status == "pending")
                    .where(or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
                    .values(claimed_by=self.instance, claimed_until=now + CLAIM_FOR)
                )
                if result.rowcount == 1:
                    claimed.append(row_id)
            rows = (await s.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(claimed)))).all()
        return sorted(rows, key=lambda r: (r.priority, r.id))

    async def drain(self, bot: Bot) -> int:
        """Send everything due now; return how many messages went out."""
        sent = 0
        async with self._lock:
            while rows := await self._claim():
                held: set[int] = set()
                for row in rows:
                    if row.user_id in held:
                        # An earlier message to this person is waiting: this one must not overtake it.
                        await self._release(row.id)
                        continue
                    ok = await self._deliver(bot, row)
                    sent += ok
                    if not ok:
                        held.add(row.user_id)
        return sent

    async def _own(self, s: AsyncSession, row_id: int, values: dict[str, Any]) -> bool:
        """Update a row only while this instance holds its claim (after a lapsed lease another may have it)."""
        result = await s.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.status == "pending")
            .where(OutboxMessage.claimed_by == self.instance)
            .values(**values)
        )
        return result.rowcount == 1

    async def _release(self, row_id: int) -> None:
        async with self.db.session() as s:
            await self._own(s, row_id, {"claimed_by": None, "claimed_until": None})

    async def _deliver(self, bot: Bot, row: OutboxMessage) -> int:
        values: dict[str, Any] = {"claimed_by": None, "claimed_until": None, "attempts": row.attempts + 1}
        ok = 0
        async with self.db.session() as s:
            # Renew the claim just before sending: if a slow batch outlived the lease, another instance owns the
            # row now (and may have sent it), so sending it here would show the person the message twice.
            if not await self._own(s, row.id, {"claimed_until": self.clock.now() + CLAIM_FOR}):
                log.info("outbox taken over id=%s", row.id)
                return 0
        try:
            if row.kind == "edit" and row.edit_message_id:
                await bot.edit_message_text(
                    row.text,
                    chat_id=row.chat_id,
                    message_id=row.edit_message_id,
                    reply_markup=_markup(row.markup),
                )
                values.update(status="sent", sent_at=self.clock.now())
            else:
                msg = await bot.send_message(row.chat_id, row.text, reply_markup=_markup(row.markup))
                values.update(status="sent", sent_at=self.clock.now(), telegram_message_id=msg.message_id)
            ok = 1
        except RetryAfter as exc:
            wait = exc.retry_after if isinstance(exc.retry_after, timedelta) else timedelta(seconds=exc.retry_after)
            wait = max(wait, timedelta(seconds=1))  # a zero wait would resend at once within this drain, forever
            values.update(not_before=self.clock.now() + wait, attempts=row.attempts)
            log.info("outbox flood-wait id=%s seconds=%s", row.id, wait.total_seconds())
        except Forbidden:
            values.update(status="failed", error="forbidden")
            log.info("outbox forbidden id=%s user=%s", row.id, row.user_id)
            await self._mark_unreachable(row.user_id)
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                values.update(status="sent", sent_at=self.clock.now())
            else:
                values.update(status="failed", error=str(exc)[:200])
                log.warning("outbox bad-request id=%s error=%s", row.id, type(exc).__name__)
        except Exception as exc:  # network errors, 5xx, and anything else: retry, then give up
            # A row that always raises must not stop every message queued behind it, so it fails in the end.
            backoff = timedelta(seconds=min(300, 2 ** (row.attempts + 1)))
            failed = row.attempts + 1 >= MAX_ATTEMPTS
            values.update(status="failed" if failed else "pending", not_before=self.clock.now() + backoff)
            if failed:
                values.update(error=type(exc).__name__)
            level = logging.WARNING if isinstance(exc, (TimedOut, NetworkError)) else logging.ERROR
            log.log(level, "outbox send-error id=%s attempt=%s error=%s", row.id, row.attempts + 1, type(exc).__name__)
        async with self.db.session() as s:
            await self._own(s, row.id, values)
        return ok

    async def _mark_unreachable(self, user_id: int) -> None:
        async with self.db.session() as s:
            user = await s.get(User, user_id)
            if user is None or user.unreachable_at is not None:
                return
            user.unreachable_at = self.clock.now()
        for callback in self.on_unreachable:
            await callback(user_id)

    async def next_wake(self) -> datetime | None:
        """The earliest instant a deferred message becomes sendable, for the timer."""
        now = self.clock.now()
        pending = OutboxMessage.status == "pending"
        async with self.db.session() as s:
            free = or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)
            deferred = await s.scalar(select(func.min(OutboxMessage.not_before)).where(pending, free))
            # Rows another instance is sending are looked at again when its lease ends, not in a busy loop.
            lease = await s.scalar(
                select(func.min(OutboxMessage.claimed_until)).where(pending, OutboxMessage.claimed_until >= now)
            )
        return min((t for t in (deferred, lease) if t is not None), default=None)
