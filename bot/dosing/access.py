"""Who may act on a dose, and whether its state allows the action; refusals change nothing."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.context import Ctx
from bot.db.models import DoseEvent, Prescription, User
from flows import general
from flows.messages import Message, T

log = logging.getLogger(__name__)

# The carers feature answers "may this user act for that patient?" by listening to this event name:
# reg.on(ACT_FOR, listener) where `async def listener(ctx, patient_id, answer: list[bool])` appends True to allow.
ACT_FOR = "dose.may_act_for"

ALLOWED = {
    "taken": ("scheduled", "reminded", "missed"),
    "snooze": ("scheduled", "reminded"),
    "skip": ("scheduled", "reminded"),
    "checklist": ("scheduled", "reminded"),
    "change": ("taken",),
}


@dataclass
class Target:
    """A dose the acting user may act on, with its prescription and its patient."""

    event: DoseEvent
    prescription: Prescription | None
    patient: User


async def may_act_for(ctx: Ctx, patient_id: int) -> bool:
    """The patient themself, or someone another feature vouches for (a carer with permission)."""
    if patient_id == ctx.user.id:
        return True
    answer: list[bool] = []
    await ctx.rt.registry.emit(ACT_FOR, ctx, patient_id=patient_id, answer=answer)
    return any(answer)


async def target(ctx: Ctx, dose_id: int | None, action: str) -> Target | None:
    """The dose named by a button, if this user may do `action` on it now; otherwise say why and return None."""
    event = await ctx.session.get(DoseEvent, dose_id) if dose_id is not None else None
    if event is None or not await may_act_for(ctx, event.user_id):
        # Someone else's dose, or no such dose: the same answer, so ids reveal nothing.
        log.info("dose press refused user=%s action=%s", ctx.user.id, action)
        ctx.reply(general.stale_button())
        return None
    patient = ctx.user if event.user_id == ctx.user.id else await ctx.session.get(User, event.user_id)
    prescription = await ctx.session.get(Prescription, event.prescription_id) if event.prescription_id else None
    if event.status not in ALLOWED[action]:
        ctx.reply(refusal("change" if action == "change" else event.status))
        return None
    if event.prescription_id is not None and (prescription is None or not prescription.active):
        ctx.reply(Message.say(T("doses.plan_changed")))
        return None
    assert patient is not None
    return Target(event, prescription, patient)


def refusal(status: str) -> Message:
    """Why a button does nothing for a dose in this state."""
    if status == "taken":
        return Message.say(T("doses.already_taken"))
    if status == "change":
        return Message.say(T("doses.change_window"))
    if status == "cancelled":
        return Message.say(T("doses.plan_changed"))
    return Message.say(T("doses.already_closed"))
