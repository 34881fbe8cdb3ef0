"""Episodes and stored decisions: find or open an episode, store each decision, raise the level, tell listeners."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from bot.context import Ctx
from bot.db.models import DoseEvent, Episode, TriageDecision, User
from flows.checkin.state import State
from flows.triage import Decision, Level

log = logging.getLogger(__name__)
# Free text within this long of an episode belongs to it, so its level can never drop (spec §4.2).
EPISODE_WINDOW = timedelta(hours=12)


def level_of(episode: Episode) -> Level:
    """The episode's stored level as a Level."""
    try:
        return Level[episode.level]
    except KeyError:
        # An unknown stored value is read as the highest level rather than the lowest.
        return Level.URGENT


def state_of(episode: Episode) -> State:
    """The episode's answers."""
    return State.from_dict(episode.answers)


def save_state(episode: Episode, state: State) -> None:
    """Store the episode's answers (a new dict, so the JSON column is seen as changed)."""
    episode.answers = state.to_dict()


async def latest(ctx: Ctx, patient: User, within: timedelta = EPISODE_WINDOW) -> Episode | None:
    """The patient's most recent episode opened within `within`, if any."""
    query = (
        select(Episode)
        .where(Episode.user_id == patient.id, Episode.opened_at > ctx.now - within)
        .order_by(Episode.opened_at.desc(), Episode.id.desc())
        .limit(1)
    )
    return await ctx.session.scalar(query)


async def last_dose(ctx: Ctx, patient: User) -> DoseEvent | None:
    """The patient's most recently taken dose that was not undone."""
    query = (
        select(DoseEvent)
        .where(DoseEvent.user_id == patient.id, DoseEvent.status == "taken", DoseEvent.taken_at.is_not(None))
        .order_by(DoseEvent.taken_at.desc(), DoseEvent.id.desc())
        .limit(1)
    )
    return await ctx.session.scalar(query)


async def hours_since_dose(ctx: Ctx, episode: Episode | None, patient: User) -> float | None:
    """Hours from the episode's dose (or the latest logged dose) to now; None when no dose is known."""
    dose = None
    if episode is not None and episode.dose_event_id is not None:
        dose = await ctx.session.get(DoseEvent, episode.dose_event_id)
    if dose is None or dose.taken_at is None:
        dose = await last_dose(ctx, patient)
    if dose is None or dose.taken_at is None or dose.taken_at > ctx.now:
        return None
    return (ctx.now - dose.taken_at).total_seconds() / 3600


def sent_at(ctx: Ctx, patient: User) -> datetime:
    """Now on the patient's wall clock: "did it Saturday" is counted from the day they are writing on."""
    try:
        zone = ZoneInfo(patient.timezone) if patient.timezone else UTC
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    now = ctx.now if ctx.now.tzinfo else ctx.now.replace(tzinfo=UTC)
    return now.astimezone(zone).replace(tzinfo=None)


async def open_episode(ctx: Ctx, patient: User, *, kind: str, dose_id: int | None, number: int = 0) -> Episode:
    """A new episode at EXPECTED with no answers yet."""
    episode = Episode(
        user_id=patient.id,
        dose_event_id=dose_id,
        kind=kind,
        level=Level.EXPECTED.name,
        answers=State(number=number).to_dict(),
        opened_at=ctx.now,
    )
    ctx.session.add(episode)
    await ctx.session.flush()
    log.info("episode opened user=%s episode=%s kind=%s", patient.id, episode.id, kind)
    return episode


async def for_report(ctx: Ctx, patient: User) -> Episode:
    """The episode a spontaneous report belongs to: the recent one, else a new "report" episode."""
    episode = await latest(ctx, patient)
    if episode is not None:
        episode.closed_at = None
        return episode
    dose = await last_dose(ctx, patient)
    return await open_episode(ctx, patient, kind="report", dose_id=dose.id if dose else None)


async def record(
    ctx: Ctx,
    patient: User,
    episode: Episode,
    decision: Decision,
    *,
    source: str,
    reporter: User | None = None,
) -> TriageDecision:
    """Store a decision for audit, raise the episode's level (never lower it), and emit triage.decided."""
    reporter = reporter or patient
    row = TriageDecision(
        user_id=patient.id,
        episode_id=episode.id,
        reporter_id=reporter.id,
        source=source,
        level=decision.level.name,
        timing=decision.timing,
        asks=list(decision.asks),
        reasons=[r.to_dict() for r in decision.reasons],
        rules_version=decision.rules_version,
        created_at=ctx.now,
    )
    ctx.session.add(row)
    if decision.level > level_of(episode):
        episode.level = decision.level.name
    await ctx.session.flush()
    log.info(
        "triage decided user=%s episode=%s decision=%s level=%s source=%s",
        patient.id,
        episode.id,
        row.id,
        row.level,
        source,
    )
    await ctx.rt.registry.emit(
        "triage.decided", ctx, patient=patient, decision=decision, episode=episode, reporter=reporter
    )
    return row


async def last_decision(ctx: Ctx, patient: User) -> TriageDecision | None:
    """The patient's most recent stored decision."""
    query = (
        select(TriageDecision)
        .where(TriageDecision.user_id == patient.id)
        .order_by(TriageDecision.created_at.desc(), TriageDecision.id.desc())
        .limit(1)
    )
    return await ctx.session.scalar(query)
