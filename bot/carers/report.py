"""A carer reports symptoms for the person they care for; triage runs for that patient, not for the carer.

Registered with reg.screens.insert(0, ...) so it runs before the patient's own symptom screen.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from bot import conversations
from bot.carers import access
from bot.carers.emergency import number_for
from bot.checkin.service import triage_for_patient
from bot.context import Ctx
from bot.db.models import CarerLink, Prescription, User
from flows import general
from flows.carers import report as rules
from flows.carers.alert_messages import number_text
from flows.carers.summary import level_name
from flows.checkin.screening import describes_symptoms
from flows.triage import Level, triage_text

log = logging.getLogger(__name__)
FLOW = "carer_report"
MAX_KEPT = 1000


def mentions_symptoms(text: str) -> bool:
    """Whether the triage engine finds symptoms in the text, by the same test the check-in uses."""
    decision = triage_text(text, reporter="carer")
    return decision.level == Level.URGENT or describes_symptoms(decision)


async def _has_own_doses(ctx: Ctx) -> bool:
    query = select(Prescription.id).where(Prescription.user_id == ctx.user.id, Prescription.active.is_(True))
    return await ctx.session.scalar(query.limit(1)) is not None


async def screen(ctx: Ctx, text: str) -> bool:
    """Take symptom text from an active carer (outside their own conversation); anything else falls through."""
    if ctx.user.consent_version is None:
        return False
    links = await access.patients_of(ctx.session, ctx.user.id)
    if not links:
        return False
    conv = await conversations.current(ctx)
    if conv is not None and conv.flow != FLOW:
        return False
    if not mentions_symptoms(text):
        return False
    people = await access.users(ctx.session, [link.patient_id for link in links])
    names = [people[link.patient_id].first_name for link in links]
    if not rules.is_carer_report(text, names, has_own_doses=await _has_own_doses(ctx)):
        return False
    named = [link for link in links if rules.about_someone_else(text, [people[link.patient_id].first_name])
             and people[link.patient_id].first_name]
    if len(links) == 1 or len(named) == 1:
        link = links[0] if len(links) == 1 else named[0]
        if conv is not None:
            await conversations.end(ctx)
        await run(ctx, link, people[link.patient_id], text)
        return True
    await conversations.begin(ctx, FLOW, "pick", {"text": text[:MAX_KEPT]})
    ctx.reply(rules.pick_patient([(link.id, access.person(people[link.patient_id])) for link in links]))
    return True


async def picked(ctx: Ctx, link_id: int | None) -> None:
    """The carer chose whom the kept text is about."""
    link = await access.link_as_carer(ctx, link_id)
    conv = await conversations.current(ctx)
    patient = await ctx.session.get(User, link.patient_id) if link else None
    if link is None or patient is None or conv is None or conv.flow != FLOW:
        ctx.reply(general.stale_button())
        return
    text = str((conv.data or {}).get("text", ""))
    await conversations.end(ctx)
    await run(ctx, link, patient, text)


def _said_to_me(ctx: Ctx) -> int:
    # Ctx.said() also counts messages to other people (alerts); only replies to the reporter matter here.
    return len(ctx.said_to(ctx.user))


async def triage(ctx: Ctx, patient: User, text: str, reporter: User) -> Any:
    """The check-in feature's triage for a patient."""
    return await triage_for_patient(ctx, patient, text, reporter)


async def run(ctx: Ctx, link: CarerLink, patient: User, text: str) -> Any:
    """Triage the text for the patient with this carer as the reporter, and answer the carer if nobody did."""
    before = _said_to_me(ctx)
    decision = await triage(ctx, patient, text, ctx.user)
    log.info("carer report user=%s link=%s", patient.id, link.id)
    if _said_to_me(ctx) == before:
        level = level_name(getattr(decision, "level", ""))
        ctx.reply(rules.report_sent(access.person(patient), level, number_text(number_for(patient.country))))
    return decision
