"""The current conversation of a user, stored so that a restart resumes it."""

from __future__ import annotations

from typing import Any

from bot.context import Ctx
from bot.db.models import Conversation


async def current(ctx: Ctx) -> Conversation | None:
    """The user's conversation, if any."""
    return await ctx.session.get(Conversation, ctx.user.id)


async def begin(ctx: Ctx, flow: str, state: str, data: dict[str, Any] | None = None) -> Conversation:
    """Start (or replace) the user's conversation."""
    conv = await current(ctx)
    if conv is None:
        conv = Conversation(user_id=ctx.user.id, flow=flow, state=state, data=data or {}, updated_at=ctx.now)
        ctx.session.add(conv)
    else:
        conv.flow, conv.state, conv.data, conv.updated_at = flow, state, data or {}, ctx.now
    return conv


async def save(ctx: Ctx, conv: Conversation, state: str, data: dict[str, Any]) -> None:
    """Move a conversation to a new state; data is replaced so SQLAlchemy sees the change."""
    conv.state, conv.data, conv.updated_at = state, dict(data), ctx.now


async def end(ctx: Ctx) -> bool:
    """End the user's conversation; True if there was one."""
    conv = await current(ctx)
    if conv is None:
        return False
    await ctx.session.delete(conv)
    return True
