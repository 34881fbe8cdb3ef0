"""The check-in conversation of a patient: entered on top of whatever else was going on, and left again."""

from __future__ import annotations

from typing import Any

from bot.context import Ctx
from bot.db.models import Conversation, User
from flows.messages import Message, T

FLOW = "checkin"


async def of(ctx: Ctx, patient: User) -> Conversation | None:
    """The patient's conversation, whatever it is."""
    return await ctx.session.get(Conversation, patient.id)


async def episode_id(ctx: Ctx, patient: User) -> int | None:
    """The episode of the patient's check-in conversation, if they are in one."""
    conv = await of(ctx, patient)
    if conv is None or conv.flow != FLOW:
        return None
    value = (conv.data or {}).get("episode")
    return value if isinstance(value, int) else None


async def enter(ctx: Ctx, patient: User, episode: int, step: str) -> None:
    """Make the check-in the patient's conversation; another conversation is kept aside to resume later."""
    conv = await of(ctx, patient)
    if conv is None:
        ctx.session.add(
            Conversation(user_id=patient.id, flow=FLOW, state=step, data={"episode": episode}, updated_at=ctx.now)
        )
        return
    data: dict[str, Any] = {"episode": episode}
    if conv.flow != FLOW:
        data["resume"] = {"flow": conv.flow, "state": conv.state, "data": conv.data}
    elif isinstance((conv.data or {}).get("resume"), dict):
        data["resume"] = conv.data["resume"]
    conv.flow, conv.state, conv.data, conv.updated_at = FLOW, step, data, ctx.now


async def leave(ctx: Ctx, patient: User) -> Message | None:
    """End the check-in; the conversation it interrupted comes back, with a line saying so."""
    conv = await of(ctx, patient)
    if conv is None or conv.flow != FLOW:
        return None
    saved = (conv.data or {}).get("resume")
    if isinstance(saved, dict) and saved.get("flow"):
        conv.flow, conv.state, conv.data = saved["flow"], saved.get("state", ""), saved.get("data") or {}
        conv.updated_at = ctx.now
        return Message.say(T("checkin.resume"))
    await ctx.session.delete(conv)
    return None


async def stop_all(ctx: Ctx, patient: User) -> None:
    """URGENT: no more questions of any kind, whatever conversation was going on."""
    conv = await of(ctx, patient)
    if conv is not None:
        await ctx.session.delete(conv)


def say(ctx: Ctx, patient: User, message: Message) -> None:
    """Send to the patient, whether they or someone acting for them caused this."""
    if patient.id == ctx.user.id:
        ctx.reply(message)
    else:
        ctx.send(patient, message)
