"""A check-in test bed: the real router, registry, timer and database, reading back what each person was sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.app import wire
from bot.config import load_settings
from bot.context import Ctx
from bot.db.engine import Database
from bot.db.models import DoseEvent, Episode, OutboxMessage, SafetyHold, Task, TriageDecision, User
from bot.runtime import Runtime
from flows.clock import FakeClock
from flows.consent import CONSENT_VERSION
from flows.events import Event, PressIn
from tests.routing import route, run_as


@dataclass
class Sent:
    """One outgoing message as stored in the outbox."""

    text: str
    buttons: list[list[tuple[str, str]]]
    priority: int

    def data(self, label: str) -> str:
        """The callback data of the button with this label (or whose label starts with it)."""
        for row in self.buttons:
            for text, data in row:
                if text == label or text.startswith(label):
                    return data
        raise AssertionError(f"no button {label!r} in {[t for row in self.buttons for t, _ in row]}")

    def labels(self) -> list[str]:
        """Every button label."""
        return [text for row in self.buttons for text, _ in row]


class Bed:
    """One runtime on a fake clock; people act through the router, and their outbox rows are read back."""

    def __init__(self, db: Database, clock: FakeClock, **overrides: Any) -> None:
        self.clock = clock
        self.rt = Runtime(settings=load_settings(env_file=None, **overrides), db=db, clock=clock)
        wire(self.rt)
        self._tg = 7000
        self._seen: dict[int | None, int] = {}
        self.events: list[tuple[str, dict[str, Any]]] = []
        for name in ("triage.decided", "urgent.cant_call"):
            self.rt.registry.on(name, self._recorder(name))

    def _recorder(self, name: str):
        async def listen(ctx: Ctx, **data: Any) -> None:
            self.events.append((name, data))

        return listen

    async def person(self, name: str = "Alice", *, country: str | None = "GB", consented: bool = True) -> int:
        """A user, consented unless told otherwise."""
        self._tg += 1
        async with self.rt.db.session() as s:
            user = User(
                telegram_id=self._tg,
                chat_id=self._tg,
                first_name=name,
                country=country,
                consent_version=CONSENT_VERSION if consented else None,
                consent_at=self.clock.now() if consented else None,
                created_at=self.clock.now(),
            )
            s.add(user)
            await s.flush()
            return user.id

    async def _run(self, user_id: int, fn) -> None:
        await run_as(self.rt, user_id, fn)

    async def do(self, user_id: int, event: Event | str) -> list[Sent]:
        """Route one event as the adapter would; returns what was sent since the last call."""
        await route(self.rt, user_id, event)
        return await self.sent(user_id)

    async def call(self, user_id: int, fn) -> list[Sent]:
        """Run a function with a Ctx for this user; returns what was sent."""
        await self._run(user_id, fn)
        return await self.sent(user_id)

    async def dose(self, user_id: int, *, ago: timedelta = timedelta(0)) -> int:
        """A dose logged as taken `ago` before now, announced as the dosing feature does."""

        async def log(ctx: Ctx) -> None:
            dose = DoseEvent(
                user_id=user_id,
                status="taken",
                taken_at=self.clock.now() - ago,
                source="manual",
                logged_at=self.clock.now(),
                created_at=self.clock.now(),
            )
            ctx.session.add(dose)
            await ctx.session.flush()
            self.last_dose = dose.id
            await self.rt.registry.emit("dose.taken", ctx, dose=dose)

        await self._run(user_id, log)
        return self.last_dose

    async def advance(self, delta: timedelta) -> int:
        """Move the clock and run what fell due."""
        self.clock.advance(delta)
        return await self.rt.timer.tick()

    async def sent(self, user_id: int | None = None) -> list[Sent]:
        """Messages queued since the last look at the same person (or at everyone, with None)."""
        async with self.rt.db.session() as s:
            query = select(OutboxMessage).where(OutboxMessage.id > self._seen.get(user_id, 0))
            if user_id is not None:
                query = query.where(OutboxMessage.user_id == user_id)
            rows = list((await s.scalars(query.order_by(OutboxMessage.id))).all())
        if rows:
            self._seen[user_id] = rows[-1].id
        return [
            Sent(
                r.text,
                [
                    [(c["text"], c.get("callback_data", "")) for c in row]
                    for row in (r.markup or {}).get("inline_keyboard", [])
                ],
                r.priority,
            )
            for r in rows
        ]

    async def rows(self, model: type, **where: Any) -> list[Any]:
        """Rows of a model, filtered by equality."""
        async with self.rt.db.session() as s:
            query = select(model).filter_by(**where).order_by(model.id)
            return list((await s.scalars(query)).all())

    async def decisions(self, user_id: int) -> list[TriageDecision]:
        """Stored decisions of a patient, oldest first."""
        return await self.rows(TriageDecision, user_id=user_id)

    async def episodes(self, user_id: int) -> list[Episode]:
        """Episodes of a patient, oldest first."""
        return await self.rows(Episode, user_id=user_id)

    async def holds(self, user_id: int) -> list[SafetyHold]:
        """Safety holds of a patient."""
        return await self.rows(SafetyHold, user_id=user_id)

    async def tasks(self, user_id: int, kind: str, status: str = "pending") -> list[Task]:
        """Tasks of a kind for a user."""
        return await self.rows(Task, user_id=user_id, kind=kind, status=status)

    async def press(self, user_id: int, message: Sent, label: str) -> list[Sent]:
        """Tap a button of a message."""
        return await self.do(user_id, PressIn(message.data(label)))
