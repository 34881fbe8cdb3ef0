"""The missed-dose ladder: one task per stage, one alert per carer per dose, stopped by "I'm on it"."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot import tasks
from bot.carers import access, alerts, prefs
from bot.context import Ctx
from bot.db.models import CarerAlert, CarerLink, DoseEvent, Task, User
from flows import general
from flows.carers import alert_messages, manage_messages
from flows.carers import ladder as rules
from flows.carers import permissions as perms
from flows.carers.views import local

log = logging.getLogger(__name__)
TASK = "carer.ladder"
MISSED = "missed"


def due_local(dose: DoseEvent, patient: User, default_tz: str) -> datetime:
    """When the dose was due, in the zone it was planned in (else the patient's)."""
    at = dose.due_at or dose.created_at
    if dose.timezone:
        try:
            return local(at, dose.timezone)
        except Exception:  # an unknown stored zone must not stop an alert
            pass
    return local(at, access.tz_of(patient, default_tz))


async def on_missed(ctx: Ctx, dose: DoseEvent, **_: Any) -> None:
    """dose.missed: plan the ladder's two stages for this dose (dedupe keys make a second call harmless)."""
    if not await access.carers_of(ctx.session, dose.user_id):
        return
    settings = await prefs.load(ctx.session, dose.user_id)
    for stage, due in rules.stage_times(ctx.now, settings.primary_after_minutes, settings.all_after_minutes):
        await tasks.schedule(
            ctx.session, user_id=dose.user_id, kind=TASK, due_at=due, now=ctx.now, ref_id=dose.id,
            payload={"stage": stage}, dedupe_key=f"carer.ladder:{dose.id}:{stage}",
        )
    log.info("ladder planned user=%s dose=%s", dose.user_id, dose.id)


async def taken_over(ctx: Ctx, dose_id: int) -> CarerAlert | None:
    """The alert whose carer said "I'm on it" for this dose, if any."""
    return await ctx.session.scalar(
        select(CarerAlert)
        .where(CarerAlert.kind == MISSED, CarerAlert.ref_id == dose_id, CarerAlert.acked_at.is_not(None))
        .limit(1)
    )


async def run_stage(ctx: Ctx, task: Task) -> None:
    """A stage falls due: alert the carers it names who were not alerted yet, unless someone is on it."""
    dose = await ctx.session.get(DoseEvent, task.ref_id) if task.ref_id else None
    if dose is None or dose.user_id != task.user_id or dose.status != "missed" or await taken_over(ctx, dose.id):
        return
    patient = ctx.user
    links = await access.carers_of(ctx.session, patient.id)
    people = await access.users(ctx.session, [link.carer_id for link in links])
    candidates = [
        rules.Candidate(
            link_id=link.id,
            is_primary=link.is_primary,
            missed_allowed=perms.allows(link.permissions, perms.MISSED),
            reachable=people[link.carer_id].unreachable_at is None,
            since=link.active_at or link.created_at,
        )
        for link in links
    ]
    chosen = set(rules.recipients(int((task.payload or {}).get("stage", rules.EVERYONE)), candidates))
    when = due_local(dose, patient, ctx.rt.settings.default_timezone)
    for link in links:
        if link.id not in chosen or not await alerts.record(ctx, link, MISSED, dose.id, f"missed:{dose.id}:{link.id}"):
            continue
        can_give = perms.allows(link.permissions, perms.PROXY)
        ctx.send(people[link.carer_id], alert_messages.missed(link.id, dose.id, access.person(patient), when, can_give))
        log.info("missed alert user=%s link=%s dose=%s", patient.id, link.id, dose.id)


async def alerted(ctx: Ctx, dose_id: int) -> list[tuple[CarerAlert, CarerLink, User]]:
    """Carers alerted about this dose whose link is still active."""
    rows = (
        await ctx.session.execute(
            select(CarerAlert, CarerLink, User)
            .join(CarerLink, CarerLink.id == CarerAlert.link_id)
            .join(User, User.id == CarerAlert.carer_id)
            .where(CarerAlert.kind == MISSED, CarerAlert.ref_id == dose_id, CarerLink.status == access.ACTIVE)
            .order_by(CarerAlert.id)
        )
    ).all()
    return [(a, link, u) for a, link, u in rows]


async def stop(ctx: Ctx, dose: DoseEvent) -> None:
    """No more ladder alerts for this dose."""
    await tasks.cancel(ctx.session, user_id=dose.user_id, kinds=(TASK,), ref_id=dose.id)


async def acknowledge(ctx: Ctx, link_id: int | None, dose_id: int | None) -> None:
    """The carer says "I'm on it": the ladder stops for this dose and the other alerted carers hear who took it."""
    link = await access.link_as_carer(ctx, link_id)
    dose = await ctx.session.get(DoseEvent, dose_id) if (link and dose_id) else None
    mine = await alert_of(ctx, link, dose) if (link and dose) else None
    if link is None or dose is None or mine is None:
        ctx.reply(general.stale_button())
        return
    patient = await ctx.session.get(User, link.patient_id)
    assert patient is not None
    if not perms.allows(link.permissions, perms.MISSED):
        ctx.reply(manage_messages.not_allowed(access.person(patient)))
        return
    first = await taken_over(ctx, dose.id)
    if first is not None:
        taker = await ctx.session.get(User, first.carer_id)
        ctx.reply(alert_messages.already_on_it(access.person(taker or ctx.user)))
        return
    if dose.status != "missed":
        ctx.reply(alert_messages.dose_already_closed())
        return
    mine.acked_at = ctx.now
    await stop(ctx, dose)
    when = due_local(dose, patient, ctx.rt.settings.default_timezone)
    can_give = perms.allows(link.permissions, perms.PROXY)
    ctx.reply(alert_messages.missed_taken_over(access.person(patient), when, can_give, link.id, dose.id))
    for _alert, _other_link, other in await alerted(ctx, dose.id):
        if other.id != ctx.user.id:
            ctx.send(other, alert_messages.on_it_others(access.person(patient), when, access.person(ctx.user)))
    log.info("ladder acknowledged user=%s link=%s dose=%s", patient.id, link.id, dose.id)


async def alert_of(ctx: Ctx, link: CarerLink, dose: DoseEvent) -> CarerAlert | None:
    """This link's missed alert for this dose; a dose of another patient never matches."""
    if dose.user_id != link.patient_id:
        return None
    return await ctx.session.scalar(
        select(CarerAlert).where(CarerAlert.kind == MISSED, CarerAlert.ref_id == dose.id, CarerAlert.link_id == link.id)
    )


async def on_taken(ctx: Ctx, dose: DoseEvent, **_: Any) -> None:
    """dose.taken by the patient: the ladder stops and carers already alerted hear they need not act."""
    if dose.source == "carer":
        return  # the carer's own "It was given" tells everyone itself
    alerted_rows = await alerted(ctx, dose.id)
    await stop(ctx, dose)
    if not alerted_rows:
        return
    patient = await ctx.session.get(User, dose.user_id)
    assert patient is not None
    when = due_local(dose, patient, ctx.rt.settings.default_timezone)
    for _alert, _link, carer in alerted_rows:
        ctx.send(carer, alert_messages.recorded_by_patient(access.person(patient), when))
