"""What a handler gets: the runtime, one database session, the acting user, the time, and a way to reply."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.db.models import User
from flows.messages import Message

if TYPE_CHECKING:
    from bot.runtime import Runtime


@dataclass
class Ctx:
    """One unit of work: everything said here is queued in the same transaction as the data it changes."""

    rt: Runtime
    session: AsyncSession
    user: User
    now: datetime
    pressed_message_id: int | None = None
    _queued: list[tuple[User, Message, int | None]] = field(default_factory=list)

    def reply(self, message: Message, *, edit: bool = False) -> None:
        """Say something to the acting user; `edit` rewrites the message whose button was pressed."""
        target = self.pressed_message_id if (edit or message.edit_last) else None
        self._queued.append((self.user, message, target))

    def send(self, to: User, message: Message) -> None:
        """Say something to another user (a carer, or the patient a carer acts for)."""
        self._queued.append((to, message, None))

    def said(self) -> list[Message]:
        """Messages queued so far (for tests and for handlers that check what was already said)."""
        return [m for _, m, _ in self._queued]

    def said_to(self, user: User) -> list[Message]:
        """Messages queued so far for one user."""
        return [m for to, m, _ in self._queued if to.id == user.id]

    async def flush(self) -> None:
        """Write queued messages to the outbox; they leave after the transaction commits."""
        for user, message, edit_id in self._queued:
            await outbox.enqueue(self.session, user, message, self.now, edit_message_id=edit_id)
        self._queued.clear()
