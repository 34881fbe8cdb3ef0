"""The guided set-up right after consent; its buttons and typed answers, also used by /settings edits."""

from __future__ import annotations

import logging
from datetime import date

from bot import conversations
from bot.context import Ctx
from bot.db.models import Conversation
from bot.features import onboarding_store
from bot.registry import Registry
from flows import general, onboarding
from flows.events import Event
from flows.regimen import ParseError, local_date

log = logging.getLogger(__name__)
FLOW = "onboarding"
# /settings edits run the same questions under their own flow name.
FLOWS = (FLOW, "settings")


def local_today(ctx: Ctx, tz: str | None = None) -> date:
    """Today in the zone being set up, else the user's stored zone, else the configured default."""
    for zone in (tz, ctx.user.timezone, ctx.rt.settings.default_timezone, "UTC"):
        if zone:
            try:
                return local_date(ctx.now, zone)
            except (ParseError, ValueError):
                continue
    return ctx.now.date()


def say(ctx: Ctx, result: onboarding.Step) -> None:
    """Queue a step's messages; a toggle rewrites the message whose button was pressed."""
    for i, message in enumerate(result.messages):
        ctx.reply(message, edit=result.edit and i == 0)


async def start_or_resume(ctx: Ctx) -> None:
    """Begin the set-up, or ask the current question again if it is already under way."""
    conv = await conversations.current(ctx)
    if conv is not None and conv.flow == FLOW:
        ctx.reply(onboarding.resume(conv.state, conv.data, local_today(ctx, conv.data.get("tz"))))
        return
    result = onboarding.begin(local_today(ctx))
    assert result.state is not None
    await conversations.begin(ctx, FLOW, result.state, result.data)
    log.info("onboarding started user=%s", ctx.user.id)
    say(ctx, result)


async def after_consent(ctx: Ctx, event: Event) -> None:
    """After consent (or /start later): set up a prescription unless there is an active one."""
    if await onboarding_store.active_prescription(ctx) is None:
        await start_or_resume(ctx)


async def run(ctx: Ctx, conv: Conversation, event: Event) -> None:
    """Feed one event to the conversation; store its new state, or the prescription once confirmed."""
    result = onboarding.step(conv.state, dict(conv.data), event, today=local_today(ctx, conv.data.get("tz")))
    say(ctx, result)
    if result.done is not None:
        await conversations.end(ctx)
        await onboarding_store.save(ctx, result.done)
        log.info("setup confirmed user=%s flow=%s", ctx.user.id, conv.flow)
    elif result.state is None:
        await conversations.end(ctx)
    elif result.changed:
        await conversations.save(ctx, conv, result.state, result.data)


async def on_event(ctx: Ctx, event: Event) -> None:
    """Typed answers while the set-up (or a settings edit) is the current conversation."""
    conv = await conversations.current(ctx)
    if conv is not None:
        await run(ctx, conv, event)


async def on_press(ctx: Ctx, event: Event) -> None:
    """An "ob:" button: only valid for the question being asked now."""
    conv = await conversations.current(ctx)
    if conv is None or conv.flow not in FLOWS:
        ctx.reply(general.stale_button())
        return
    await run(ctx, conv, event)


def register(reg: Registry) -> None:
    """Plug the set-up in after consent, with its buttons and its conversation."""
    reg.after_consent.append(after_consent)
    reg.press(onboarding.PREFIX, on_press)
    for flow in FLOWS:
        reg.flow(flow, on_event)
