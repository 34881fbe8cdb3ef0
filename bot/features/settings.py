"""/settings: change any part of the set-up later, flip three switches, or enter a clinician's new plan."""

from __future__ import annotations

import logging

from bot import conversations
from bot.context import Ctx
from bot.features import onboarding_store
from bot.features.onboarding import local_today, say, start_or_resume
from bot.registry import Registry
from flows import general, onboarding
from flows.events import Event, PressIn
from flows.onboarding import settings_menu as menu

log = logging.getLogger(__name__)
FLOW = "settings"


def _switches(ctx: Ctx) -> menu.Switches:
    user = ctx.user
    return menu.Switches(
        keep_home=user.home_timezone is not None,
        checklist=user.checklist_enabled,
        heads_up=user.heads_up_enabled,
        review_pending=user.review_pending,
    )


async def command(ctx: Ctx, event: Event) -> None:
    """/settings: the menu, or the set-up first for someone who has not finished it."""
    if await onboarding_store.active_prescription(ctx) is None:
        ctx.reply(menu.needs_setup())
        await start_or_resume(ctx)
        return
    ctx.reply(menu.menu(_switches(ctx)))


async def press(ctx: Ctx, event: Event) -> None:
    """A menu entry: flip a switch in place, or start the questions for one part of the set-up."""
    assert isinstance(event, PressIn)
    item = menu.item_of(event.data)
    if item is None:
        ctx.reply(general.stale_button())
        return
    if item in menu.TOGGLES:
        await _toggle(ctx, item)
        return
    prescription = await onboarding_store.active_prescription(ctx)
    if item in menu.NEEDS_PRESCRIPTION and prescription is None:
        ctx.reply(menu.needs_setup())
        await start_or_resume(ctx)
        return
    user = ctx.user
    current = onboarding.current_answers(
        onboarding_store.as_answers(prescription) if prescription is not None else None,
        country=user.country,
        timezone=user.timezone,
        home_timezone=user.home_timezone,
    )
    review = item == menu.REVIEW
    group = "regimen" if review else menu.EDITS[item]
    result = onboarding.begin_edit(group, current, local_today(ctx), review=review)
    assert result.state is not None
    await conversations.begin(ctx, FLOW, result.state, result.data)
    log.info("settings edit started user=%s group=%s", user.id, group)
    say(ctx, result)


async def _toggle(ctx: Ctx, item: str) -> None:
    user = ctx.user
    if item == "home":
        if user.home_timezone is None and user.timezone is None:
            ctx.reply(menu.needs_zone())
            return
        # On: reminders stay at the zone they follow now; off: they follow whatever zone is current.
        user.home_timezone = None if user.home_timezone is not None else user.timezone
        now_on = user.home_timezone is not None
    elif item == "checklist":
        user.checklist_enabled = now_on = not user.checklist_enabled
    else:
        user.heads_up_enabled = now_on = not user.heads_up_enabled
    log.info("setting switched user=%s item=%s on=%s", user.id, item, now_on)
    ctx.reply(menu.menu(_switches(ctx), note=menu.toggled(item, now_on)), edit=True)
    if item in ("home", "headsup"):
        # The reminder clock or the day-before task may change: let the planner redo future doses.
        prescription = await onboarding_store.active_prescription(ctx)
        if prescription is not None:
            await onboarding_store.replan(ctx, prescription)


def register(reg: Registry) -> None:
    """Plug /settings and its menu buttons in."""
    reg.command("settings", command)
    reg.press(menu.PREFIX, press)
