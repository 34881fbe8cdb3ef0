"""Carer support tables: per-patient alert settings, one row per alert sent, and invite attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, BigId


class CarerPrefs(Base):
    """What a patient chose for all their carers: the missed-dose ladder timing and symptom sharing."""

    __tablename__ = "carer_prefs"

    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    primary_after_minutes: Mapped[int] = mapped_column(default=0)
    all_after_minutes: Mapped[int] = mapped_column(default=60)
    share_symptoms: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]


class CarerAlert(Base):
    """One alert sent to one carer about one dose or episode; the dedupe key makes each alert go once."""

    __tablename__ = "carer_alerts"
    __table_args__ = (Index("ix_carer_alerts_kind_ref", "kind", "ref_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    carer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("carer_links.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref_id: Mapped[int | None] = mapped_column(BigInteger)
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime]
    acked_at: Mapped[datetime | None]


class InviteAttempt(Base):
    """A bad invite token someone sent; counted to rate-limit guessing."""

    __tablename__ = "invite_attempts"
    __table_args__ = (Index("ix_invite_attempts_user_at", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
