"""Drive one episode: decide, store the decision, then ask the next question or give the outcome."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.checkin import convo, episodes, hold, timers
from bot.context import Ctx
from bot.db.models import CarerLink, Episode, TriageDecision, User
from flows.checkin import outcomes, prompts
from flows.checkin.number import number_text
from flows.checkin.screening import mentions_red_flag
from flows.checkin.state import State, decide
from flows.checkin.steps import CHECK, DONE, RF_IDS, RF_LIST, RF_UNSURE, Step, next_step
from flows.messages import Message, T, Text
from flows.triage import Decision, Level

log = logging.getLogger(__name__)


async def advance(
    ctx: Ctx,
    patient: User,
    episode: Episode,
    state: State,
    *,
    source: str,
    reporter: User | None = None,
    intro: str = prompts.NEXT,
    extra: tuple[Text, ...] = (),
    store: bool = False,
) -> Decision:
    """Work out the episode's decision from everything gathered, then act on it; returns the decision."""
    hours = await episodes.hours_since_dose(ctx, episode, patient)
    decision = decide(state, hours)
    if outcomes.reported(decision):
        state = state.mark_reported()
    step = next_step(state, decision, dose_time_known=hours is not None)
    if store or step.kind == DONE or await _changed(ctx, episode, decision):
        await episodes.record(ctx, patient, episode, decision, source=source, reporter=reporter)
    if decision.level == Level.URGENT or episodes.level_of(episode) == Level.URGENT:
        episodes.save_state(episode, state)
        await urgent(ctx, patient, episode, reporter=reporter)
        return decision
    if "REASK-RF" in decision.asks:
        await timers.schedule_reask(ctx, patient, episode)
    if step.kind == DONE:
        await _finish(ctx, patient, episode, state, decision)
        return decision
    state = state.next_seq()
    episodes.save_state(episode, state)
    await convo.enter(ctx, patient, episode.id, step.kind)
    convo.say(ctx, patient, prompts.prompt(step, state, episode.id, intro=intro, extra=extra))
    await timers.arm(ctx, patient, episode, state.seq, step, mention=_mention(state, decision, step))
    return decision


def _mention(state: State, decision: Decision, step: Step) -> bool:
    """Whether a red flag has come up (typed, unsure, or ticked) while the red-flag block is still open."""
    if step.kind not in (RF_LIST, RF_UNSURE, CHECK):
        return False
    asked = any(a.startswith("CHECK-") for a in decision.asks) or (
        any(a in RF_IDS for a in decision.asks) and mentions_red_flag(decision)
    )
    touched = any(state.answers.get(rf, "no") != "no" for rf in RF_IDS)
    return asked or touched or state.unsure or bool(state.checks)


async def _changed(ctx: Ctx, episode: Episode, decision: Decision) -> bool:
    """Whether the decision differs from the last one stored for this episode (so audit rows mean something)."""
    query = (
        select(TriageDecision)
        .where(TriageDecision.episode_id == episode.id)
        .order_by(TriageDecision.id.desc())
        .limit(1)
    )
    last = await ctx.session.scalar(query)
    if last is None:
        return decision.level > Level.EXPECTED or bool(decision.items)
    return (last.level, last.timing, list(last.asks)) != (decision.level.name, decision.timing, list(decision.asks))


async def _finish(ctx: Ctx, patient: User, episode: Episode, state: State, decision: Decision) -> None:
    """The questions are done: the outcome, the follow-up, and back to whatever was going on."""
    reask = state.mode == "reask"
    episodes.save_state(episode, state.with_mode(""))
    episode.closed_at = ctx.now
    await timers.disarm(ctx, patient, episode)
    if reask:
        message = Message.say(T("triage.follow_reask_none", number=number_text(patient.country)))
    else:
        held = await hold.active(ctx, patient) is not None
        message = outcome_message(patient, episode, decision, held=held)
        await timers.schedule_follow_up(ctx, patient, episode, decision)
    convo.say(ctx, patient, message)
    resumed = await convo.leave(ctx, patient)
    if resumed is not None:
        convo.say(ctx, patient, resumed)
    log.info("checkin finished user=%s episode=%s level=%s", patient.id, episode.id, decision.level.name)


async def urgent(ctx: Ctx, patient: User, episode: Episode, *, reporter: User | None = None) -> None:
    """URGENT: stop every question, hold the next dose, ask again in 90 minutes, and say it so it can't be missed."""
    episode.level = Level.URGENT.name
    episode.closed_at = ctx.now
    await timers.disarm(ctx, patient, episode)
    await convo.stop_all(ctx, patient)
    await hold.place(ctx, patient, episode.id)
    await timers.schedule_follow_up(ctx, patient, episode, None)
    number = number_text(patient.country)
    convo.say(ctx, patient, outcomes.urgent(number, episode.id))
    if reporter is not None and reporter.id != patient.id:
        ctx.reply(outcomes.urgent(number, episode.id, carer=True))
    log.info("checkin urgent user=%s episode=%s", patient.id, episode.id)


async def has_carers(ctx: Ctx, patient: User) -> bool:
    """Whether the patient has an active carer (so "I've told your carers" is true)."""
    query = select(CarerLink.id).where(CarerLink.patient_id == patient.id, CarerLink.status == "active").limit(1)
    return await ctx.session.scalar(query) is not None


def outcome_message(patient: User, episode: Episode, decision: Decision, *, held: bool) -> Message:
    """The outcome at the decision's level, with the patient's emergency number."""
    return outcomes.outcome(decision, number_text(patient.country), episode.id, hold=held)


def urgent_repeat(patient: User, episode: Episode, *, carer: bool = False) -> Message:
    """The URGENT message again (for new warning signs, or "symptoms still there")."""
    return outcomes.urgent(number_text(patient.country), episode.id, carer=carer)


def still_urgent(patient: User) -> Message:
    """Anything else said during an URGENT episode: the call to action again, never a lower level."""
    return outcomes.urgent_still(number_text(patient.country))
