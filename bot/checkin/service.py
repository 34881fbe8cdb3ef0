"""Symptom reports outside a scheduled check-in, from the patient or from a carer acting for them."""

from __future__ import annotations

import logging

from bot.checkin import convo, episodes, talk
from bot.context import Ctx
from bot.db.models import User
from flows.checkin import prompts
from flows.checkin.screening import describes_symptoms, red_flags_asked, unsure_lines
from flows.checkin.state import RF, decide
from flows.messages import Raw, T, Text
from flows.triage import Decision, Level, triage_text

log = logging.getLogger(__name__)


async def report(ctx: Ctx, patient: User, decision: Decision, *, reporter: User) -> Decision:
    """Triage a spontaneous report: URGENT at once, otherwise the red-flag list and the rest of the questions."""
    episode = await episodes.for_report(ctx, patient)
    state = episodes.state_of(episode).add(decision)
    by_carer = reporter.id != patient.id
    source = "carer" if by_carer else "text"
    if episodes.level_of(episode) == Level.URGENT:
        # The episode is already URGENT: store what was said, never argue down, repeat the call to action.
        episodes.save_state(episode, state)
        combined = decide(state, await episodes.hours_since_dose(ctx, episode, patient))
        await episodes.record(ctx, patient, episode, combined, source=source, reporter=reporter)
        urgent_now = decision.level == Level.URGENT
        convo.say(ctx, patient, talk.urgent_repeat(patient, episode) if urgent_now else talk.still_urgent(patient))
        if by_carer:
            ctx.reply(talk.urgent_repeat(patient, episode, carer=True) if urgent_now else talk.still_urgent(patient))
        return combined
    asked = red_flags_asked(decision)
    if asked:
        state = state.forget(asked, ("no",))
    # New symptoms: the red-flag list is always asked again (spec §2: people under-report).
    state = state.reopen(RF).with_mode("")
    extra: tuple[Text, ...] = unsure_lines(decision)
    intro = prompts.NEXT if extra else prompts.REPORT
    if by_carer:
        extra, intro = (T("checkin.opening_carer", name=Raw(reporter.first_name or "")), *extra), prompts.NEXT
    log.info("report user=%s episode=%s by=%s", patient.id, episode.id, reporter.id)
    return await talk.advance(
        ctx, patient, episode, state, source=source, reporter=reporter, intro=intro, extra=extra, store=True
    )


async def triage_for_patient(ctx: Ctx, patient: User, text: str, reporter: User) -> Decision:
    """Run triage on what someone reports about a patient ("she has hives"); the level belongs to the patient.

    URGENT: the patient gets the URGENT message, the reporter a version for someone helping, the next dose is
    held and a follow-up is set. Other symptoms: the patient is asked the red-flag list and the check-in questions.
    Text with no symptoms changes nothing. Returns the patient's decision (triage.decided is emitted when stored).
    """
    hours = await episodes.hours_since_dose(ctx, None, patient)
    who = "carer" if reporter.id != patient.id else "patient"
    decision = triage_text(text, hours_since_dose=hours, reporter=who, sent_at=episodes.sent_at(ctx, patient))
    if decision.level < Level.URGENT and not describes_symptoms(decision):
        return decision
    return await report(ctx, patient, decision, reporter=reporter)


async def restart(ctx: Ctx, patient: User) -> None:
    """After "Something new or worse" on a follow-up: the red-flag list and the questions again."""
    episode = await episodes.for_report(ctx, patient)
    if episodes.level_of(episode) == Level.URGENT:
        convo.say(ctx, patient, talk.urgent_repeat(patient, episode))
        return
    state = episodes.state_of(episode).reopen(RF).with_mode("")
    await talk.advance(ctx, patient, episode, state, source="followup", intro=prompts.REPORT, store=True)
