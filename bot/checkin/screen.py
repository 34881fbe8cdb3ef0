"""The red-flag screen: every typed message is checked before anything else, in any state, even before consent."""

from __future__ import annotations

import logging

from bot import conversations
from bot.checkin import convo, episodes, service, talk
from bot.context import Ctx
from bot.db.models import Episode, User
from flows.checkin import outcomes, prompts
from flows.checkin.answers import apply, from_text
from flows.checkin.number import number_text
from flows.checkin.screening import describes_symptoms, nothing_to_report, red_flags_asked, unsure_lines
from flows.checkin.state import RF, decide
from flows.checkin.steps import DONE, RF_LIST, next_step
from flows.messages import Message, T
from flows.onboarding.countries import is_code
from flows.triage import Level, triage_text

log = logging.getLogger(__name__)


async def screen(ctx: Ctx, text: str) -> bool:
    """True when the message was about symptoms (or answered the check-in) and has been handled here."""
    patient = ctx.user
    if patient.consent_version is None:
        return _before_consent(ctx, text)
    episode_id = await convo.episode_id(ctx, patient)
    episode = await ctx.session.get(Episode, episode_id) if episode_id is not None else None
    if episode is not None and episode.user_id == patient.id:
        await answer(ctx, patient, episode, text)
        return True
    if episode_id is not None:
        await convo.leave(ctx, patient)  # a check-in whose episode is gone: drop it, go on as usual
    hours = await episodes.hours_since_dose(ctx, None, patient)
    decision = triage_text(text, hours_since_dose=hours, sent_at=episodes.sent_at(ctx, patient))
    if decision.level == Level.URGENT or describes_symptoms(decision):
        await _country_from_setup(ctx, patient)
        await service.report(ctx, patient, decision, reporter=patient)
        return True
    # Not about symptoms: an answer to onboarding ("cyanocobalamin", "09:00") or anything else goes on as usual.
    return False


async def _country_from_setup(ctx: Ctx, patient: User) -> None:
    """Mid set-up the country is answered but not saved yet: keep it, so the emergency number is the right one."""
    if patient.country is not None:
        return
    conv = await conversations.current(ctx)
    code = (conv.data or {}).get("country") if conv is not None else None
    if isinstance(code, str) and is_code(code):
        patient.country = code


def _before_consent(ctx: Ctx, text: str) -> bool:
    """Before consent nothing is stored, but an emergency still gets the URGENT message.

    Words that may be red flags but can't be placed (or a language the bot doesn't read) get the emergency
    signs and number first; the consent question follows as usual.
    """
    decision = triage_text(text)
    if decision.level != Level.URGENT:
        if unsure_lines(decision):  # plain symptoms get the consent prompt, which names the emergency signs
            number = number_text(ctx.user.country)
            parts = [T("triage.not_sure_before_consent"), T("triage.emergency_line", number=number)]
            parts += [t for t in unsure_lines(decision) if t.key == "triage.languages_read"]
            ctx.reply(Message.say(*parts))
        return False
    log.info("urgent before consent user=%s", ctx.user.id)
    ctx.reply(outcomes.urgent(number_text(ctx.user.country), None))
    return True


async def answer(ctx: Ctx, patient: User, episode: Episode, text: str) -> None:
    """Free text during a check-in: screened first, then read as an answer, a new symptom, or not understood."""
    state = episodes.state_of(episode)
    hours = await episodes.hours_since_dose(ctx, episode, patient)
    decision = triage_text(text, hours_since_dose=hours, sent_at=episodes.sent_at(ctx, patient))
    if decision.level == Level.URGENT:
        await talk.advance(ctx, patient, episode, state.add(decision), source="text", store=True)
        return
    step = next_step(state, decide(state, hours), dose_time_known=hours is not None)
    if step.kind == DONE:
        await talk.advance(ctx, patient, episode, state, source="text")
        return
    typed = from_text(step, state, text, patient.locale)
    if typed is not None and not describes_symptoms(decision):
        changed = apply(state, step, *typed)
        if changed is not None:
            await talk.advance(ctx, patient, episode, changed, source="answers")
            return
    unsure = unsure_lines(decision)
    if unsure and not describes_symptoms(decision) and step.kind == RF_LIST:
        # Nothing placed, nothing new stored: the red-flag list again, saying plainly why (never a reassurance).
        convo.say(ctx, patient, prompts.prompt(step, state, episode.id, extra=unsure))
        return
    if describes_symptoms(decision) or unsure:
        asked = red_flags_asked(decision)
        state = state.add(decision)
        if asked:
            state = state.forget(asked, ("no",)).reopen(RF)
        elif unsure:  # words it could not place: the red-flag list first, never a reassurance
            state = state.reopen(RF)
        extra = unsure or (T("checkin.noted_text"),)
        await talk.advance(ctx, patient, episode, state, source="text", store=True, extra=extra)
        return
    # Not an answer and no symptom: show the same question again, keeping its buttons and any timer running.
    key = "checkin.please_tap" if nothing_to_report(decision) and step.kind == RF_LIST else "checkin.not_caught"
    convo.say(ctx, patient, prompts.prompt(step, state, episode.id, extra=(T(key),)))
