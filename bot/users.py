"""Find or create the stored user behind a Telegram account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import User
from flows.i18n import DEFAULT_LOCALE, available_locales


async def ensure(
    session: AsyncSession,
    *,
    telegram_id: int,
    chat_id: int,
    first_name: str,
    username: str | None,
    language: str | None,
    now: datetime,
) -> User:
    """The user for a Telegram id, created on first contact; the display name follows Telegram's."""
    user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
    if user is None:
        user = User(
            telegram_id=telegram_id,
            chat_id=chat_id,
            first_name=first_name[:128],
            username=username,
            locale=_locale(language),
            created_at=now,
        )
        session.add(user)
        await session.flush()
        return user
    user.chat_id = chat_id
    user.first_name = first_name[:128]
    user.username = username
    if user.unreachable_at is not None:
        # They wrote to us, so they have unblocked the bot.
        user.unreachable_at = None
    return user


def _locale(language: str | None) -> str:
    """Telegram's language code when we have a catalogue for it, else English."""
    code = (language or "").split("-")[0].lower()
    return code if code in available_locales() else DEFAULT_LOCALE
