"""Alerts to carers after triage: URGENT to every carer at once (rate-limited per episode), ADVICE if chosen."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from bot.carers import access, prefs
from bot.carers.emergency import number_for
from bot.context import Ctx
from bot.db.models import CarerAlert, CarerLink, Episode, User
from flows.carers import alert_messages, limits, summary
from flows.carers import permissions as perms
from flows.carers.views import local

log = logging.getLogger(__name__)
URGENT, ADVICE, CANT_CALL = "urgent", "advice", "cantcall"


async def record(ctx: Ctx, link: CarerLink, kind: str, ref_id: int | None, dedupe_key: str | None = None) -> bool:
    """Note an alert about to go to a link's carer; False when this exact alert was already sent."""
    if dedupe_key is not None:
        seen = await ctx.session.scalar(select(CarerAlert.id).where(CarerAlert.dedupe_key == dedupe_key))
        if seen is not None:
            return False
    ctx.session.add(
        CarerAlert(
            patient_id=link.patient_id,
            carer_id=link.carer_id,
            link_id=link.id,
            kind=kind,
            ref_id=ref_id,
            dedupe_key=dedupe_key,
            created_at=ctx.now,
        )
    )
    await ctx.session.flush()
    return True


async def _last(ctx: Ctx, link: CarerLink, kind: str, ref_id: int | None) -> CarerAlert | None:
    query = select(CarerAlert).where(CarerAlert.link_id == link.id, CarerAlert.kind == kind)
    query = query.where(CarerAlert.ref_id == ref_id if ref_id is not None else CarerAlert.ref_id.is_(None))
    return await ctx.session.scalar(query.order_by(CarerAlert.created_at.desc(), CarerAlert.id.desc()).limit(1))


async def on_triage(
    ctx: Ctx, patient: User, decision: Any, episode: Episode | None = None, reporter: User | None = None, **_: Any
) -> None:
    """After a stored decision: URGENT to every linked carer, ADVICE to those who chose it; the reporter is skipped."""
    level = summary.level_name(getattr(decision, "level", ""))
    if level not in ("URGENT", "ADVICE"):
        return
    links = await access.carers_of(ctx.session, patient.id)
    if not links:
        return
    people = await access.users(ctx.session, [link.carer_id for link in links])
    settings = await prefs.load(ctx.session, patient.id)
    items = summary.names(getattr(decision, "items", ()) or (), level, settings.share_symptoms)
    at_local = local(ctx.now, access.tz_of(patient, ctx.rt.settings.default_timezone))
    number = number_for(patient.country)
    episode_id = episode.id if episode is not None else None
    who = access.person(patient)
    for link in links:
        carer = people.get(link.carer_id)
        if carer is None or (reporter is not None and carer.id == reporter.id):
            continue
        if level == "URGENT":
            last = await _last(ctx, link, URGENT, episode_id)
            if not limits.urgent_allowed(last.created_at if last else None, ctx.now):
                log.info("urgent alert held user=%s link=%s episode=%s", patient.id, link.id, episode_id)
                continue
            await record(ctx, link, URGENT, episode_id)
            ctx.send(carer, alert_messages.urgent(who, at_local, items, number))
            log.info("urgent alert user=%s link=%s episode=%s", patient.id, link.id, episode_id)
        elif perms.allows(link.permissions, perms.ADVICE) and carer.unreachable_at is None:
            key = f"advice:{episode_id}:{link.id}" if episode_id is not None else None
            if await record(ctx, link, ADVICE, episode_id, key):
                timing = getattr(decision, "timing", None)
                ctx.send(carer, alert_messages.advice(who, at_local, items, timing, number))
                log.info("advice alert user=%s link=%s episode=%s", patient.id, link.id, episode_id)


async def on_cant_call(ctx: Ctx, patient: User, episode: Episode | None = None, **_: Any) -> None:
    """After "I can't call" (by the patient, or a carer with them): one update per episode to every other carer."""
    links = await access.carers_of(ctx.session, patient.id)
    if not links:
        return
    people = await access.users(ctx.session, [link.carer_id for link in links])
    at_local = local(ctx.now, access.tz_of(patient, ctx.rt.settings.default_timezone))
    number = number_for(patient.country)
    episode_id = episode.id if episode is not None else None
    by = access.person(ctx.user) if ctx.user.id != patient.id else None
    for link in links:
        carer = people.get(link.carer_id)
        if carer is None or carer.id == ctx.user.id:
            continue
        if episode_id is None:
            # No episode to key on: fall back to the 10-minute limit per carer.
            last = await _last(ctx, link, CANT_CALL, None)
            if not limits.urgent_allowed(last.created_at if last else None, ctx.now):
                continue
            fresh = await record(ctx, link, CANT_CALL, None)
        else:
            fresh = await record(ctx, link, CANT_CALL, episode_id, f"cantcall:{episode_id}:{link.id}")
        if fresh:
            ctx.send(carer, alert_messages.cant_call(access.person(patient), at_local, number, by))
            log.info("cant-call alert user=%s link=%s episode=%s", patient.id, link.id, episode_id)
