"""Drive the dose feature through the real router and timer on a real database, without Telegram."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from bot.app import wire
from bot.config import load_settings
from bot.context import Ctx
from bot.db.engine import Database
from bot.db.models import DoseEvent, OutboxMessage, Prescription, Task, User
from bot.dosing import planner
from bot.runtime import Runtime
from flows.clock import FakeClock
from flows.consent import CONSENT_VERSION
from flows.events import Event
from flows.regimen import End, Phase, Regimen
from tests.routing import route

WEEKLY = Regimen((Phase.interval(1, "week", End.open()),))
DAILY = Regimen((Phase.interval(1, "day", End.open()),))


class Bed:
    """One runtime, one fake clock, and helpers to act as a patient and read what they were sent."""

    def __init__(self, db: Database, clock: FakeClock, **overrides: Any) -> None:
        self.clock = clock
        self.rt = Runtime(settings=load_settings(env_file=None, **overrides), db=db, clock=clock)
        wire(self.rt)
        self._next_tg = 1000

    async def patient(self, tz: str = "Europe/London", **fields: Any) -> int:
        """A consented user."""
        self._next_tg += 1
        async with self.rt.db.session() as s:
            user = User(telegram_id=self._next_tg, chat_id=self._next_tg, first_name="P", timezone=tz,
                        consent_version=CONSENT_VERSION, consent_at=self.clock.now(), created_at=self.clock.now(),
                        **fields)
            s.add(user)
            await s.flush()
            return user.id

    async def prescribe(
        self, user_id: int, *, regimen: Regimen = WEEKLY, start: date | None = None, at: str = "09:00",
        route: str = "IM", dose_ml: str = "1", sites: list[str] | None = None, supplies: dict[str, Any] | None = None,
    ) -> int:
        """Store a prescription as onboarding does, then call replan."""
        async with self.rt.db.session() as s:
            user = await s.get(User, user_id)
            assert user is not None
            p = Prescription(
                user_id=user_id, product="hydroxocobalamin", strength="1 mg/1 mL", dose_ml=Decimal(dose_ml),
                route=route, sites=sites if sites is not None else ["thigh", "outer_hip", "upper_arm"],
                regimen=regimen.to_dict(), start_date=start or self.clock.now().date(), reminder_time=at,
                supplies=supplies or {}, created_at=self.clock.now(),
            )
            s.add(p)
            await s.flush()
            ctx = Ctx(self.rt, s, user, self.clock.now())
            await planner.replan(ctx, p)
            await ctx.flush()
            return p.id

    async def do(self, user_id: int, event: Event | str) -> list[str]:
        """Route one event as the adapter would; returns the texts queued in reply."""
        before = len(await self.sent(user_id))
        await route(self.rt, user_id, event)
        await self.rt.timer.tick()
        return [m.text for m in (await self.sent(user_id))[before:]]

    async def advance(self, delta: timedelta) -> None:
        """Move the clock and let the timer run what fell due."""
        self.clock.advance(delta)
        await self.rt.timer.tick()

    async def advance_to(self, instant: datetime) -> None:
        """Jump to an instant and run the timer."""
        self.clock.set(instant)
        await self.rt.timer.tick()

    async def sent(self, user_id: int) -> list[OutboxMessage]:
        """Everything queued for a user, in order."""
        async with self.rt.db.session() as s:
            rows = await s.scalars(select(OutboxMessage).where(OutboxMessage.user_id == user_id).order_by(
                OutboxMessage.id))
            return list(rows.all())

    async def texts(self, user_id: int) -> list[str]:
        """The texts queued for a user."""
        return [m.text for m in await self.sent(user_id)]

    async def last(self, user_id: int) -> OutboxMessage:
        """The newest message queued for a user."""
        return (await self.sent(user_id))[-1]

    async def events(self, user_id: int) -> list[DoseEvent]:
        """A user's dose events, by id."""
        async with self.rt.db.session() as s:
            rows = await s.scalars(select(DoseEvent).where(DoseEvent.user_id == user_id).order_by(DoseEvent.id))
            return list(rows.all())

    async def open_event(self, user_id: int) -> DoseEvent:
        """The one open dose."""
        [event] = [e for e in await self.events(user_id) if e.status in ("scheduled", "reminded")]
        return event

    async def tasks(self, user_id: int) -> list[Task]:
        """A user's tasks, by id."""
        async with self.rt.db.session() as s:
            return list((await s.scalars(select(Task).where(Task.user_id == user_id).order_by(Task.id))).all())

    async def user(self, user_id: int) -> User:
        """A fresh copy of a user row."""
        async with self.rt.db.session() as s:
            user = await s.get(User, user_id)
            assert user is not None
            return user

    async def prescription(self, prescription_id: int) -> Prescription:
        """A fresh copy of a prescription row."""
        async with self.rt.db.session() as s:
            p = await s.get(Prescription, prescription_id)
            assert p is not None
            return p


def buttons(message: OutboxMessage) -> list[tuple[str, str]]:
    """(label, callback data) of every button of a queued message."""
    if not message.markup:
        return []
    return [(c["text"], c.get("callback_data", "")) for row in message.markup["inline_keyboard"] for c in row]


def data_for(message: OutboxMessage, label: str) -> str:
    """The callback data of the button with this label (or starting with it)."""
    for text, data in buttons(message):
        if text == label or text.startswith(label):
            return data
    raise AssertionError(f"no button {label!r} in {buttons(message)}")
