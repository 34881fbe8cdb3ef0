"""/start, consent and /help."""

from __future__ import annotations

import logging

from bot.context import Ctx
from bot.db.models import Consent
from bot.registry import Registry
from flows import consent, general
from flows.events import Event, PressIn

log = logging.getLogger(__name__)


async def start(ctx: Ctx, event: Event) -> None:
    """/start: the welcome and consent question, or straight on for someone who already agreed."""
    if ctx.user.consent_version is None:
        ctx.reply(consent.welcome(ctx.user.first_name))
        return
    await _continue(ctx, event)


async def _continue(ctx: Ctx, event: Event) -> None:
    before = len(ctx.said())
    for handler in ctx.rt.registry.after_consent:
        await handler(ctx, event)
        if len(ctx.said()) > before:
            return
    ctx.reply(general.help_message(True))


async def press(ctx: Ctx, event: Event) -> None:
    """Consent buttons: store agreement with its time and text version, or accept a no."""
    assert isinstance(event, PressIn)
    if event.data == consent.DECLINE:
        if ctx.user.consent_version is None:
            ctx.reply(consent.declined())
        else:
            ctx.reply(general.stale_button())
        return
    if not consent.is_current(event.data):
        ctx.reply(consent.outdated())
        ctx.reply(consent.welcome(ctx.user.first_name))
        return
    if ctx.user.consent_version == consent.CONSENT_VERSION:
        await _continue(ctx, event)
        return
    ctx.session.add(Consent(user_id=ctx.user.id, kind="terms", version=consent.CONSENT_VERSION, given_at=ctx.now))
    ctx.user.consent_version, ctx.user.consent_at = consent.CONSENT_VERSION, ctx.now
    log.info("consent given user=%s version=%s", ctx.user.id, consent.CONSENT_VERSION)
    ctx.reply(consent.accepted())
    await _continue(ctx, event)


async def help_command(ctx: Ctx, event: Event) -> None:
    """/help: the command list."""
    ctx.reply(general.help_message(ctx.user.consent_version is not None))


def register(reg: Registry) -> None:
    """Plug /start, /help and the consent buttons in."""
    reg.command("start", start)
    reg.command("help", help_command)
    reg.press("consent", press, before_consent=True)
