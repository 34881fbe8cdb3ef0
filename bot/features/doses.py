"""Dose reminders and the dose log: commands, reminder buttons, the log conversation, timer tasks."""

from __future__ import annotations

from bot import conversations
from bot.context import Ctx
from bot.dosing import access, answers, commands, reminders, taking, timing
from bot.registry import Registry
from flows import general
from flows.dosing import callbacks as cb
from flows.events import Event, PressIn

# Which access rule each dose button needs (see bot.dosing.access.ALLOWED).
_ACTIONS = {"t": "taken", "z": "snooze", "s": "skip", "k": "checklist", "e": "change", "u": "change"}


async def press(ctx: Ctx, event: Event) -> None:
    """Every d:… button: decode, check it names a dose this user may act on in this state, then act."""
    assert isinstance(event, PressIn)
    pressed = cb.parse(event.data)
    if pressed is None:
        ctx.reply(general.stale_button())
        return
    if pressed.action == "f":
        await taking.on_press(ctx, pressed)
        return
    if pressed.action == "l":
        await taking.start_manual(ctx)
        return
    if pressed.action == "y":
        await commands.supplies_command(ctx, event)
        return
    if pressed.action == "ko":
        await answers.checklist_off(ctx)
        return
    target = await access.target(ctx, pressed.dose_id, _ACTIONS[pressed.action])
    if target is None:
        return
    if pressed.action == "t":
        await taking.start_take(ctx, target)
    elif pressed.action == "z":
        await answers.snooze(ctx, target, int(pressed.value))
    elif pressed.action == "s" and not pressed.value:
        await answers.skip_ask(ctx, target)
    elif pressed.action == "s":
        await answers.skip_with(ctx, target, pressed.value)
    elif pressed.action == "k":
        await answers.checklist_step(ctx, target, int(pressed.value))
    elif pressed.action == "e":
        await taking.start_correct(ctx, target)
    elif pressed.action == "u":
        await answers.undo(ctx, target)


async def flow(ctx: Ctx, event: Event) -> None:
    """Typed answers inside the dose conversation."""
    conv = await conversations.current(ctx)
    if conv is not None and conv.state == "supplies":
        await commands.supplies_text(ctx, event)
    else:
        await taking.on_text(ctx, event)


def register(reg: Registry) -> None:
    """Plug the dose commands, buttons, conversation and timer tasks in."""
    reg.command("next", commands.next_command)
    reg.command("schedule", commands.schedule_command)
    reg.command("pause", commands.pause_command)
    reg.command("resume", commands.resume_command)
    reg.command("log", commands.log_command)
    reg.command("supplies", commands.supplies_command)
    reg.press(cb.PREFIX, press)
    reg.flow(taking.FLOW, flow)
    reg.task(timing.REMIND, reminders.on_remind)
    reg.task(timing.MISSED, reminders.on_missed)
    reg.task(timing.HEADS_UP, reminders.on_heads_up)
