"""People and their conversation state: users, consents, conversations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, BigId


class User(Base):
    """Anyone who has talked to the bot: a patient, a carer, or both."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(16), default="en")
    country: Mapped[str | None] = mapped_column(String(2))
    timezone: Mapped[str | None] = mapped_column(String(64))
    home_timezone: Mapped[str | None] = mapped_column(String(64))
    consent_version: Mapped[str | None] = mapped_column(String(32))
    consent_at: Mapped[datetime | None]
    paused: Mapped[bool] = mapped_column(default=False)
    review_pending: Mapped[bool] = mapped_column(default=False)
    checklist_enabled: Mapped[bool] = mapped_column(default=True)
    heads_up_enabled: Mapped[bool] = mapped_column(default=False)
    unreachable_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Consent(Base):
    """Each consent given, with the text version that was shown."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32), default="terms")
    version: Mapped[str] = mapped_column(String(32))
    given_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]


class Conversation(Base):
    """The one conversation a user is in, so a restart resumes it where it was."""

    __tablename__ = "conversations"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    flow: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]
