"""Prescriptions and dose events: the log that must never be lost."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, BigId


class Prescription(Base):
    """What the patient injects and on which regimen; one active per patient."""

    __tablename__ = "prescriptions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    product: Mapped[str] = mapped_column(String(32))
    product_name: Mapped[str | None] = mapped_column(String(80))
    strength: Mapped[str] = mapped_column(String(40))
    dose_ml: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    route: Mapped[str] = mapped_column(String(4))
    sites: Mapped[list[Any]] = mapped_column(default=list)
    regimen: Mapped[dict[str, Any]] = mapped_column(default=dict)
    start_date: Mapped[date]
    reminder_time: Mapped[str] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(default=True)
    supplies: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class DoseEvent(Base):
    """One planned or logged dose: scheduled → reminded → taken / skipped / missed."""

    __tablename__ = "dose_events"
    __table_args__ = (Index("ix_dose_events_user_due", "user_id", "due_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    prescription_id: Mapped[int | None] = mapped_column(ForeignKey("prescriptions.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime | None]
    local_due: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))
    dose_number: Mapped[int | None]
    phase: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(16), default="scheduled", index=True)
    reminders_sent: Mapped[int] = mapped_column(default=0)
    snoozed_until: Mapped[datetime | None]
    taken_at: Mapped[datetime | None]
    site: Mapped[str | None] = mapped_column(String(24))
    route: Mapped[str | None] = mapped_column(String(4))
    batch: Mapped[str | None] = mapped_column(String(40))
    skip_reason: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16), default="schedule")
    logged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    logged_at: Mapped[datetime | None]
    undone_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
