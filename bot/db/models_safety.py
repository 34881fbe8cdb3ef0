"""Safety holds: after an URGENT reaction the next dose waits until the prescriber has been told."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, BigId


class SafetyHold(Base):
    """A hold on the next dose, set by an URGENT triage result and cleared only by the patient's confirmation."""

    __tablename__ = "safety_holds"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(16), default="urgent")
    created_at: Mapped[datetime]
    cleared_at: Mapped[datetime | None]
    cleared_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
