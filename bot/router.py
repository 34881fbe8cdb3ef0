"""Route one inbound event: red-flag screens first, then consent, commands, buttons and conversations."""

from __future__ import annotations

from bot import conversations
from bot.context import Ctx
from bot.registry import Registry
from flows import consent, general
from flows.checkin.screening import describes_symptoms
from flows.events import CommandIn, EditedTextIn, Event, MediaIn, PressIn, TextIn
from flows.triage import Level, triage_text


async def dispatch(ctx: Ctx, reg: Registry, event: Event) -> None:
    """Decide who handles an event; anything unexpected gets a clear answer and changes nothing."""
    consented = ctx.user.consent_version is not None
    if isinstance(event, PressIn):
        await _press(ctx, reg, event, consented)
        return
    if isinstance(event, EditedTextIn):
        await _screen_only(ctx, reg, event.text)
        return
    # A caption ("my throat is closing" under a photo of the site) is screened like an edit.
    if isinstance(event, MediaIn) and event.caption and await _screen_only(ctx, reg, event.caption):
        return
    if isinstance(event, TextIn):
        # Safety first: a red flag in free text interrupts whatever else is going on.
        for screen in reg.screens:
            if await screen(ctx, event.text):
                return
    if isinstance(event, CommandIn):
        await _command(ctx, reg, event, consented)
        return
    if not consented:
        ctx.reply(consent.prompt_again())
        return
    if isinstance(event, MediaIn):
        ctx.reply(general.media(event.kind))
        return
    if isinstance(event, TextIn) and len(event.text) > general.LONG_MESSAGE:
        ctx.reply(general.too_long())
        return
    conv = await conversations.current(ctx)
    if conv is not None and conv.flow in reg.flows:
        await reg.flows[conv.flow](ctx, event)
        return
    ctx.reply(general.not_understood())


async def _press(ctx: Ctx, reg: Registry, event: PressIn, consented: bool) -> None:
    prefix = event.data.split(":", 1)[0]
    handler = reg.presses.get(prefix)
    if handler is None:
        ctx.reply(general.stale_button())
    elif not consented and prefix not in reg.pre_consent_presses:
        ctx.reply(consent.prompt_again())
    else:
        await handler(ctx, event)


async def _command(ctx: Ctx, reg: Registry, event: CommandIn, consented: bool) -> None:
    if event.name == "start" and event.args:
        for handler in reg.start_payloads:
            if await handler(ctx, event.args):
                return
    if event.name == "cancel":
        had = await conversations.end(ctx)
        ctx.reply(general.cancelled(had))
        return
    if not consented and event.name not in reg.public_commands:
        ctx.reply(consent.prompt_again())
        return
    handler = reg.commands.get(event.name)
    if handler is None:
        ctx.reply(general.unknown_command(event.name))
    else:
        await handler(ctx, event)


async def _screen_only(ctx: Ctx, reg: Registry, text: str) -> bool:
    """Edits and captions go through the screens only when they describe symptoms; True when a screen answered.

    The screens hand symptom text to triage, never to a set-up or dosing step, so an edit can't answer a question.
    """
    decision = triage_text(text)
    if decision.level < Level.URGENT and not describes_symptoms(decision):
        return False
    for screen in reg.screens:
        if await screen(ctx, text):
            return True
    return False
