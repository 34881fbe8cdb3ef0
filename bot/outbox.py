"""The one way out: every message is a durable outbox row; the sender (bot/sender.py) claims and delivers them."""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.db.engine import Database
from bot.db.models import OutboxMessage, User
from bot.render import rendered
from flows.clock import Clock
from flows.messages import Message

log = logging.getLogger(__name__)
CLAIM_FOR = timedelta(seconds=60)
# A claim older than this is renewed just before sending; a fresh one is not (one transaction less per message).
RENEW_AFTER = timedelta(seconds=10)
MAX_ATTEMPTS = 8
QUEUED_KEY = "outbox.queued"
# How many pending rows one claim looks at to find the next message of each chat.
LOOK_AHEAD = 4
STATUS_RE = re.compile(r"\((\d{3})\)")


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
    # Read after commit (Database.after_commit) to wake the sender.
    session.info[QUEUED_KEY] = session.info.get(QUEUED_KEY, 0) + 1
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


@dataclass(frozen=True)
class Delivery:
    """What became of one send: delivered, or Telegram asked us to wait (a 429) before sending anything more."""

    sent: bool
    flood_wait: timedelta | None = None


def _status(exc: Exception) -> str:
    """The HTTP status in a PTB error, or its short description (never a proxy's HTML page)."""
    text = str(exc).split(". Parsing the server response")[0]
    found = STATUS_RE.search(text)
    return found.group(1) if found else text[:60].replace(" ", "_")


class Outbox:
    """Claims pending rows (safe with several instances) and delivers one row at a time through the Bot."""

    def __init__(self, db: Database, clock: Clock, instance: str) -> None:
        self.db, self.clock, self.instance = db, clock, instance
        self.on_unreachable: list[Any] = []

    async def claim(self, limit: int, busy: Collection[int] = ()) -> list[OutboxMessage]:
        """Claim up to `limit` sendable rows in priority order, at most one per person, none for `busy` people."""
        now = self.clock.now()
        earlier = aliased(OutboxMessage)
        query = (
            select(OutboxMessage.id, OutboxMessage.user_id)
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
            .limit(limit * LOOK_AHEAD)
        )
        if busy:
            query = query.where(OutboxMessage.user_id.not_in(list(busy)))
        async with self.db.turn(), self.db.session() as s:
            picked: dict[int, int] = {}
            for row_id, user_id in (await s.execute(query)).all():
                # One message per person per claim: the next one goes after this one is delivered, in order.
                if user_id not in picked:
                    picked[user_id] = row_id
                    if len(picked) == limit:
                        break
            if not picked:
                return []
            # A conditional update is atomic on SQLite and PostgreSQL: only one instance wins a row.
            rows = (
                await s.scalars(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(list(picked.values())), OutboxMessage.status == "pending")
                    .where(or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
                    .values(claimed_by=self.instance, claimed_until=now + CLAIM_FOR)
                    .returning(OutboxMessage)
                    .execution_options(synchronize_session=False)
                )
            ).all()
        return sorted(rows, key=lambda r: (r.priority, r.id))

    async def _own(self, s: AsyncSession, row_id: int, values: dict[str, Any]) -> bool:
        """Update a row only while this instance holds its claim (after a lapsed lease another may have it)."""
        result = await s.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.status == "pending")
            .where(OutboxMessage.claimed_by == self.instance)
            .values(**values)
        )
        return result.rowcount == 1

    async def release(self, row_ids: Collection[int]) -> None:
        """Give claimed rows back unsent (stopping, or told to wait), for whoever sends next."""
        if not row_ids:
            return
        async with self.db.turn(), self.db.session() as s:
            await s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(list(row_ids)), OutboxMessage.status == "pending")
                .where(OutboxMessage.claimed_by == self.instance)
                .values(claimed_by=None, claimed_until=None)
            )

    async def deliver(self, bot: Bot, row: OutboxMessage) -> Delivery:
        """Send or edit one claimed row and record the outcome; a failure is one log line, never a traceback."""
        values: dict[str, Any] = {"claimed_by": None, "claimed_until": None, "attempts": row.attempts + 1}
        now = self.clock.now()
        if row.claimed_until is None or row.claimed_until - CLAIM_FOR + RENEW_AFTER <= now:
            async with self.db.turn(), self.db.session() as s:
                # Renew an old claim just before sending: if it outlived the lease, another instance owns the
                # row now (and may have sent it), so sending it here would show the person the message twice.
                if not await self._own(s, row.id, {"claimed_until": now + CLAIM_FOR}):
                    log.info("outbox taken over id=%s", row.id)
                    return Delivery(sent=False)
        flood: timedelta | None = None
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
        except RetryAfter as exc:
            wait = exc.retry_after if isinstance(exc.retry_after, timedelta) else timedelta(seconds=exc.retry_after)
            flood = max(wait, timedelta(seconds=1))  # a zero wait would resend at once, forever
            values.update(not_before=self.clock.now() + flood, attempts=row.attempts)
            log.warning("outbox flood-wait id=%s user=%s status=429 wait=%ss", row.id, row.user_id,
                        flood.total_seconds())
        except Forbidden:
            values.update(status="failed", error="forbidden")
            log.info("outbox forbidden id=%s user=%s status=403", row.id, row.user_id)
            await self._mark_unreachable(row.user_id)
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                values.update(status="sent", sent_at=self.clock.now())
            else:
                values.update(status="failed", error=str(exc)[:200])
                log.warning("outbox bad-request id=%s user=%s status=400", row.id, row.user_id)
        except Exception as exc:  # network errors, 5xx, and anything else: retry, then give up
            # A row that always raises must not stop every message queued behind it, so it fails in the end.
            backoff = timedelta(seconds=min(300, 2 ** (row.attempts + 1)))
            failed = row.attempts + 1 >= MAX_ATTEMPTS
            values.update(status="failed" if failed else "pending", not_before=self.clock.now() + backoff)
            if failed:
                values.update(error=type(exc).__name__)
            log.warning("outbox send-error id=%s user=%s status=%s attempt=%s wait=%ss error=%s", row.id,
                        row.user_id, _status(exc), row.attempts + 1, "none" if failed else backoff.total_seconds(),
                        type(exc).__name__)
        async with self.db.turn(), self.db.session() as s:
            await self._own(s, row.id, values)
        return Delivery(sent=values.get("status") == "sent", flood_wait=flood)

    async def _mark_unreachable(self, user_id: int) -> None:
        async with self.db.turn(), self.db.session() as s:
            user = await s.get(User, user_id)
            if user is None or user.unreachable_at is not None:
                return
            user.unreachable_at = self.clock.now()
        for callback in self.on_unreachable:
            await callback(user_id)

    async def next_wake(self) -> datetime | None:
        """The earliest instant a deferred message becomes sendable, for the sender's idle wait."""
        now = self.clock.now()
        pending = OutboxMessage.status == "pending"
        async with self.db.turn(), self.db.session() as s:
            free = or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)
            # Only future instants: a row whose wait is over but which is still held back waits for a row
            # counted here (an earlier deferred or claimed one), and a past instant would spin.
            deferred = await s.scalar(
                select(func.min(OutboxMessage.not_before)).where(pending, free, OutboxMessage.not_before > now)
            )
            # Rows another instance is sending are looked at again when its lease ends, not in a busy loop.
            lease = await s.scalar(
                select(func.min(OutboxMessage.claimed_until)).where(pending, OutboxMessage.claimed_until >= now)
            )
        return min((t for t in (deferred, lease) if t is not None), default=None)
