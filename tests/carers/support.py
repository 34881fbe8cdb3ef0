"""A carers test bed: the real router, registry, timer and database, reading what each person was sent."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from bot.app import wire
from bot.config import load_settings
from bot.context import Ctx
from bot.db.engine import Database
from bot.db.models import CarerAlert, CarerLink, CarerPrefs, DoseEvent, Invite, OutboxMessage, Prescription, Task, User
from bot.dosing import planner
from bot.runtime import Runtime
from flows.clock import FakeClock
from flows.consent import CONSENT_VERSION
from flows.events import Event, PressIn
from flows.regimen import End, Phase, Regimen
from tests.routing import route

WEEKLY = Regimen((Phase.interval(1, "week", End.open()),))
LINK_RE = re.compile(r"https://t\.me/(\w+)\?start=(\S+)")


class CareBed:
    """One runtime on a fake clock; people act through the router, and their outbox rows are read back."""

    def __init__(self, db: Database, clock: FakeClock, **overrides: Any) -> None:
        self.clock = clock
        self.rt = Runtime(settings=load_settings(env_file=None, **overrides), db=db, clock=clock)
        self.rt.bot_username = "b12_test_bot"
        wire(self.rt)
        self._tg = 5000

    async def person(self, name: str, *, username: str | None = None, consented: bool = True, **fields: Any) -> int:
        """A user, consented unless told otherwise."""
        self._tg += 1
        async with self.rt.db.session() as s:
            user = User(
                telegram_id=self._tg, chat_id=self._tg, first_name=name, username=username,
                consent_version=CONSENT_VERSION if consented else None,
                consent_at=self.clock.now() if consented else None, created_at=self.clock.now(), **fields,
            )
            s.add(user)
            await s.flush()
            return user.id

    async def do(self, user_id: int, event: Event | str) -> list[str]:
        """Route one event as the adapter would; returns the texts this user was sent."""
        before = len(await self.sent(user_id))
        await route(self.rt, user_id, event)
        await self.rt.timer.tick()
        return [m.text for m in (await self.sent(user_id))[before:]]

    async def press(self, user_id: int, label: str) -> list[str]:
        """Press the button with this label (or data) on the newest message that has it."""
        for row in reversed(await self.sent(user_id)):
            for text, data in buttons(row):
                if label in (text, data):
                    return await self.do(user_id, PressIn(data))
        raise AssertionError(f"no button {label!r} for user {user_id}")

    async def button_data(self, user_id: int, label: str) -> str:
        """The callback data of the newest button with this label."""
        for row in reversed(await self.sent(user_id)):
            for text, data in buttons(row):
                if text == label:
                    return data
        raise AssertionError(f"no button {label!r}")

    async def advance(self, delta: timedelta) -> None:
        """Move the clock and let the timer run what fell due."""
        self.clock.advance(delta)
        await self.rt.timer.tick()

    async def sent(self, user_id: int) -> list[OutboxMessage]:
        """Everything queued for a user, in order."""
        async with self.rt.db.session() as s:
            query = select(OutboxMessage).where(OutboxMessage.user_id == user_id).order_by(OutboxMessage.id)
            return list((await s.scalars(query)).all())

    async def texts(self, user_id: int) -> list[str]:
        """The texts queued for a user."""
        return [m.text for m in await self.sent(user_id)]

    async def invite_url(self, patient: int) -> str:
        """Ask for an invite as the patient and return the link."""
        await self.do(patient, "/carers")
        texts = await self.press(patient, "Invite a carer")
        found = LINK_RE.search("\n".join(texts))
        assert found, texts
        return found.group(0)

    async def link(self, patient: int, carer: int) -> int:
        """Invite → accept → confirm; returns the active link id."""
        url = await self.invite_url(patient)
        await self.do(carer, f"/start {payload(url)}")
        await self.press(carer, "Accept")
        await self.press(patient, "Yes, that's them")
        [link] = [x for x in await self.rows(CarerLink) if x.carer_id == carer and x.patient_id == patient
                  and x.status == "active"]
        return link.id

    async def rows(self, model: Any) -> list[Any]:
        """Every row of a table, by primary key."""
        async with self.rt.db.session() as s:
            pk = model.__mapper__.primary_key[0]
            return list((await s.scalars(select(model).order_by(pk))).all())

    async def count(self, model: Any) -> int:
        """How many rows a table has."""
        async with self.rt.db.session() as s:
            return int(await s.scalar(select(func.count()).select_from(model)) or 0)

    async def snapshot(self) -> tuple[Any, ...]:
        """Everything a refused action must leave as it was."""
        def dump(rows: list[Any]) -> list[tuple[Any, ...]]:
            return [tuple(sorted((k, repr(v)) for k, v in vars(r).items() if not k.startswith("_"))) for r in rows]

        out = []
        for model in (CarerLink, Invite, CarerAlert, DoseEvent, Task, Prescription, CarerPrefs):
            out.append(tuple(dump(await self.rows(model))))
        return tuple(out)

    async def prescribe(self, user_id: int, *, at: str = "09:00", start: date | None = None) -> int:
        """A weekly prescription, planned by the dose feature's own planner."""
        async with self.rt.db.session() as s:
            user = await s.get(User, user_id)
            assert user is not None
            p = Prescription(
                user_id=user_id, product="hydroxocobalamin", strength="1 mg/1 mL", dose_ml=Decimal("1"), route="IM",
                sites=["thigh"], regimen=WEEKLY.to_dict(), start_date=start or self.clock.now().date(),
                reminder_time=at, supplies={}, created_at=self.clock.now(),
            )
            s.add(p)
            await s.flush()
            ctx = Ctx(self.rt, s, user, self.clock.now())
            await planner.replan(ctx, p)
            await ctx.flush()
            return p.id

    async def missed_dose(self, patient: int) -> DoseEvent:
        """A real dose row marked missed, announced with dose.missed as the dose feature does."""
        async with self.rt.db.session() as s:
            user = await s.get(User, patient)
            assert user is not None
            dose = DoseEvent(
                user_id=patient, due_at=self.clock.now() - timedelta(hours=6), timezone="UTC", status="missed",
                reminders_sent=3, created_at=self.clock.now(),
            )
            s.add(dose)
            await s.flush()
            ctx = Ctx(self.rt, s, user, self.clock.now())
            await self.rt.registry.emit("dose.missed", ctx, dose=dose)
            await ctx.flush()
        await self.rt.timer.tick()
        return dose

    async def emit(self, user_id: int, event: str, **data: Any) -> None:
        """Emit a domain event in a transaction acting as this user; values may be callables of the session."""
        async with self.rt.db.session() as s:
            user = await s.get(User, user_id)
            assert user is not None
            ctx = Ctx(self.rt, s, user, self.clock.now())
            resolved = {k: (await v(s) if callable(v) else v) for k, v in data.items()}
            await self.rt.registry.emit(event, ctx, **resolved)
            await ctx.flush()
        await self.rt.timer.tick()


def buttons(row: OutboxMessage) -> list[tuple[str, str]]:
    """(label, callback data or url) of every button on a stored message."""
    return [(c["text"], c.get("callback_data") or c.get("url", "")) for r in (row.markup or {}).get(
        "inline_keyboard", []) for c in r]


def payload(url: str) -> str:
    """The /start payload of an invite link."""
    found = LINK_RE.search(url)
    assert found
    return found.group(2)
