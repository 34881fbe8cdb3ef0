"""Triage decisions, check-in episodes and carer links."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, BigId


class Episode(Base):
    """One check-in or symptom report episode; its level only ever rises."""

    __tablename__ = "episodes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    dose_event_id: Mapped[int | None] = mapped_column(ForeignKey("dose_events.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16), default="checkin")
    level: Mapped[str] = mapped_column(String(10), default="EXPECTED")
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class TriageDecision(Base):
    """Every triage decision with its reasons and rules version, kept for audit."""

    __tablename__ = "triage_decisions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(10))
    timing: Mapped[str | None] = mapped_column(String(10))
    asks: Mapped[list[Any]] = mapped_column(default=list)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    rules_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]


class CarerLink(Base):
    """A patient ↔ carer link with the permissions the patient chose."""

    __tablename__ = "carer_links"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    carer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    is_primary: Mapped[bool] = mapped_column(default=False)
    permissions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    active_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Invite(Base):
    """A one-time carer invite; only a hash of its token is stored."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    carer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
