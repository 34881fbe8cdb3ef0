"""/carers, carer buttons, invite links, alerts and the missed-dose ladder.

Hooks: /start ci_<token> (start payload), an after-consent step that shows a pending invitation (inserted
first so a new carer sees it before any patient set-up), a text screen for carers' symptom reports (put first
of all screens in attach(), so before the check-in's own red-flag screen), listeners for dose and triage
events, the ladder task, and the outbox's unreachable callback (attach).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from bot.carers import (
    access,
    alerts,
    copies,
    history,
    invites,
    ladder,
    links,
    overview,
    proxy,
    reachability,
    report,
)
from bot.context import Ctx
from bot.registry import Registry
from bot.runtime import Runtime
from flows import general
from flows.carers import callbacks as cb
from flows.carers import manage_messages
from flows.events import Event, PressIn

Action = Callable[[Ctx, cb.Pressed], Awaitable[None]]


async def carers_command(ctx: Ctx, _event: Event) -> None:
    """/carers: my carers and invites, and the people I help."""
    ctx.reply(await overview.message(ctx))


async def _menu(ctx: Ctx, _p: cb.Pressed) -> None:
    ctx.reply(await overview.message(ctx, edit=True))


async def _revoke(ctx: Ctx, p: cb.Pressed) -> None:
    if not await invites.revoke(ctx, p.first):
        ctx.reply(general.stale_button())
        return
    ctx.reply(await overview.message(ctx, edit=True))
    ctx.reply(manage_messages.invite_revoked())


async def _ladder(ctx: Ctx, _p: cb.Pressed) -> None:
    if not await access.carers_of(ctx.session, ctx.user.id):
        ctx.reply(general.stale_button())
        return
    await overview.ladder(ctx)


async def _ladder_set(which: str, ctx: Ctx, p: cb.Pressed) -> None:
    if not await access.carers_of(ctx.session, ctx.user.id):
        ctx.reply(general.stale_button())
        return
    await overview.set_ladder(ctx, which, p.minutes)


async def _share(ctx: Ctx, _p: cb.Pressed) -> None:
    if not await access.carers_of(ctx.session, ctx.user.id):
        ctx.reply(general.stale_button())
        return
    await overview.toggle_share(ctx)


def _one(fn: Callable[[Ctx, int | None], Awaitable[None]]) -> Action:
    async def act(ctx: Ctx, p: cb.Pressed) -> None:
        await fn(ctx, p.first)

    return act


def _two(fn: Callable[[Ctx, int | None, int | None], Awaitable[None]]) -> Action:
    async def act(ctx: Ctx, p: cb.Pressed) -> None:
        await fn(ctx, p.first, p.second)

    return act


async def _create(ctx: Ctx, _p: cb.Pressed) -> None:
    await invites.create(ctx)


async def _toggle(ctx: Ctx, p: cb.Pressed) -> None:
    await links.toggle(ctx, p.first, p.key)


ACTIONS: dict[str, Action] = {
    "inv": _create,
    "rv": _revoke,
    "menu": _menu,
    "lad": _ladder,
    "lx": partial(_ladder_set, "primary"),
    "ly": partial(_ladder_set, "all"),
    "sh": _share,
    "ok": _one(links.confirm),
    "no": _one(links.refuse),
    "l": _one(links.show_settings),
    "p": _toggle,
    "pri": _one(links.make_primary),
    "end": _one(links.ask_end),
    "endok": _one(links.end),
    "acc": _one(invites.accept),
    "dec": _one(invites.decline),
    "h": _one(history.show),
    "rep": _one(report.picked),
    "ack": _two(ladder.acknowledge),
    "giv": _two(proxy.give),
}


async def press(ctx: Ctx, event: Event) -> None:
    """Every cr:… button; malformed or forged data gets the stale-button answer and changes nothing."""
    assert isinstance(event, PressIn)
    pressed = cb.parse(event.data)
    if pressed is None:
        ctx.reply(general.stale_button())
        return
    await ACTIONS[pressed.verb](ctx, pressed)


def register(reg: Registry) -> None:
    """Plug carers in."""
    reg.command("carers", carers_command)
    reg.command("history", history.command)
    reg.press(cb.PREFIX, press)
    reg.start_payloads.append(invites.open_payload)
    reg.after_consent.insert(0, invites.show_claimed)
    reg.screens.insert(0, report.screen)
    reg.task(ladder.TASK, ladder.run_stage)
    reg.on("dose.missed", ladder.on_missed)
    reg.on("dose.taken", ladder.on_taken)
    reg.on("dose.reminded", copies.on_reminded)
    reg.on("triage.decided", alerts.on_triage)
    reg.on("urgent.cant_call", alerts.on_cant_call)


def attach(rt: Runtime) -> None:
    """After every feature registered: hear about blocked carers, and put the carer screen first of all."""
    rt.outbox.on_unreachable.append(partial(reachability.carer_unreachable, rt))
    # A carer's "she has hives" must reach the patient's triage, not the check-in screen that would take it as
    # the carer's own symptoms; the carer screen falls through for anything else.
    screens = rt.registry.screens
    if report.screen in screens:
        screens.remove(report.screen)
    screens.insert(0, report.screen)
