"""Shared by the database test beds: turn a string into an event and route it as the adapter would."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from bot import router
from bot.context import Ctx
from bot.db.models import User
from bot.runtime import Runtime
from flows.events import CommandIn, Event, PressIn, TextIn

# Callback data looks like "d:t:5" or "cr:inv": a short prefix and a colon with no space after it.
PRESS = re.compile(r"^[a-z]{1,8}:(?! )")


def as_event(event: Event | str) -> Event:
    """'/cmd args' → a command, callback-looking data → a press, anything else → typed text."""
    if not isinstance(event, str):
        return event
    if event.startswith("/"):
        name, _, args = event[1:].partition(" ")
        return CommandIn(name, args)
    return PressIn(event) if PRESS.match(event) else TextIn(event)


async def run_as(rt: Runtime, user_id: int, fn: Callable[[Ctx], Awaitable[Any]]) -> None:
    """Run `fn` with a Ctx for this user in one transaction, then queue what it said."""
    async with rt.db.session() as s:
        user = await s.get(User, user_id)
        assert user is not None
        ctx = Ctx(rt, s, user, rt.clock.now())
        await fn(ctx)
        await ctx.flush()


async def route(rt: Runtime, user_id: int, event: Event | str) -> None:
    """Dispatch one event for a user through the real router."""
    parsed = as_event(event)
    await run_as(rt, user_id, lambda ctx: router.dispatch(ctx, rt.registry, parsed))
