"""Button presses: check-in answers, the URGENT buttons, follow-up answers, and "my prescriber said go ahead"."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.checkin import convo, episodes, hold, service, talk
from bot.context import Ctx
from bot.db.models import CarerLink, Episode, User
from bot.dosing.reminders import resend_open
from flows import general
from flows.checkin import callbacks as cb
from flows.checkin import followups, outcomes, prompts
from flows.checkin.answers import Q_RF, Q_UNSURE, apply
from flows.checkin.number import number_text
from flows.checkin.state import decide
from flows.checkin.steps import RF_IDS, RF_LIST, RF_UNSURE, Step, next_step
from flows.events import Event, PressIn
from flows.messages import T
from flows.triage import Level

log = logging.getLogger(__name__)


async def _own_episode(ctx: Ctx, episode_id: int) -> Episode | None:
    episode = await ctx.session.get(Episode, episode_id)
    return episode if episode is not None and episode.user_id == ctx.user.id else None


async def answer(ctx: Ctx, event: Event) -> None:
    """A check-in button: applied if it answers the question now asked; a red flag tapped anywhere always counts."""
    assert isinstance(event, PressIn)
    pressed = cb.parse(event.data)
    episode = await _own_episode(ctx, pressed.ref) if pressed and pressed.kind == cb.ANSWER else None
    if pressed is None or episode is None:
        ctx.reply(general.stale_button())
        return
    patient, state = ctx.user, episodes.state_of(episode)
    red_flag = pressed.question in (Q_RF, Q_UNSURE) and pressed.value in RF_IDS
    if episodes.level_of(episode) == Level.URGENT:
        ctx.reply(talk.urgent_repeat(patient, episode) if red_flag else talk.still_urgent(patient))
        return
    hours = await episodes.hours_since_dose(ctx, episode, patient)
    current = pressed.seq == state.seq and episode.closed_at is None
    step = next_step(state, decide(state, hours), dose_time_known=hours is not None)
    if not current and red_flag:
        # A red flag tapped on an older list (even of a finished check-in) is never ignored.
        step = Step(RF_UNSURE if pressed.question == Q_UNSURE else RF_LIST)
    changed = apply(state, step, pressed.question, pressed.value) if current or red_flag else None
    if changed is None:
        if episode.closed_at is None and not current:
            convo.say(ctx, patient, prompts.prompt(step, state, episode.id, extra=(T("checkin.stale"),)))
        else:
            ctx.reply(general.stale_button())
        return
    episode.closed_at = None
    await talk.advance(ctx, patient, episode, changed, source="answers")


async def _may_act(ctx: Ctx, episode: Episode) -> User | None:
    """The patient of an episode, if the presser is the patient or one of their active carers."""
    if episode.user_id == ctx.user.id:
        return ctx.user
    query = select(CarerLink.id).where(
        CarerLink.patient_id == episode.user_id, CarerLink.carer_id == ctx.user.id, CarerLink.status == "active"
    )
    if await ctx.session.scalar(query.limit(1)) is None:
        return None
    return await ctx.session.get(User, episode.user_id)


async def urgent(ctx: Ctx, event: Event) -> None:
    """The URGENT buttons; "I can't call" repeats the number and tells carers."""
    assert isinstance(event, PressIn)
    pressed = cb.parse(event.data)
    if pressed is None or pressed.kind != cb.URGENT:
        ctx.reply(general.stale_button())
        return
    episode = await ctx.session.get(Episode, pressed.ref) if pressed.ref else None
    patient = await _may_act(ctx, episode) if episode is not None else ctx.user
    if patient is None:
        ctx.reply(general.stale_button())
        return
    log.info("urgent button user=%s episode=%s action=%s", ctx.user.id, pressed.ref, pressed.value)
    if pressed.value != "cant":
        ctx.reply(outcomes.urgent_ack(pressed.value))
        return
    has_carers = patient.consent_version is not None and await talk.has_carers(ctx, patient)
    ctx.reply(outcomes.cant_call(number_text(patient.country), pressed.ref or None, has_carers=has_carers))
    await ctx.rt.registry.emit("urgent.cant_call", ctx, patient=patient, episode=episode)


async def follow_up(ctx: Ctx, event: Event) -> None:
    """An answer to a follow-up: spoke to someone, not yet, got help, still there, or something new or worse."""
    assert isinstance(event, PressIn)
    pressed = cb.parse(event.data)
    episode = await _own_episode(ctx, pressed.ref) if pressed and pressed.kind == cb.FOLLOW_UP else None
    if pressed is None or episode is None:
        ctx.reply(general.stale_button())
        return
    patient, number = ctx.user, number_text(ctx.user.country)
    value = pressed.value
    if value == followups.WORSE or (value == followups.STILL and episodes.level_of(episode) == Level.URGENT):
        if episodes.level_of(episode) == Level.URGENT:
            ctx.reply(talk.urgent_repeat(patient, episode))
            return
        await service.restart(ctx, patient)
    elif value == followups.SPOKE:
        ctx.reply(followups.spoke(number))
    elif value == followups.NOT_YET:
        ctx.reply(followups.not_yet(number))
    elif value == followups.GOT_HELP:
        ctx.reply(followups.got_help())
    else:
        ctx.reply(general.stale_button())


async def go_ahead(ctx: Ctx, event: Event) -> None:
    """The go-ahead button: the patient says their prescriber agreed, so the hold on the next dose is cleared."""
    assert isinstance(event, PressIn)
    pressed = cb.parse(event.data)
    if pressed is None or pressed.kind != cb.HOLD or not await hold.clear(ctx, pressed.ref):
        ctx.reply(general.stale_button())
        return
    ctx.reply(followups.hold_cleared())
    # A dose reminder that was held is sent again now, with its Taken button.
    await resend_open(ctx)
