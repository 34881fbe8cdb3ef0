"""One-time carer invites: only a SHA-256 of the token is stored; single use, expiring, revocable, rate-limited."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.carers import access
from bot.context import Ctx
from bot.db.models import CarerLink, Invite, InviteAttempt, User
from flows import consent, general
from flows.carers import invite_messages as msgs
from flows.carers import limits, permissions
from flows.carers.views import local

log = logging.getLogger(__name__)
# Telegram allows [A-Za-z0-9_-]{1,64} after ?start=; the prefix keeps other features' payloads apart.
PREFIX = "ci_"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,61}$")


def token_hash(token: str) -> str:
    """What is stored instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """192 random bits as 32 URL-safe characters."""
    return secrets.token_urlsafe(24)


def problem(invite: Invite | None, now: datetime) -> str | None:
    """Why an invite cannot be used now, or None when it can."""
    if invite is None:
        return "unknown"
    if invite.revoked_at is not None:
        return "revoked"
    if invite.used_at is not None:
        return "used"
    if invite.expires_at <= now:
        return "expired"
    return None


async def pending(session: AsyncSession, patient_id: int, now: datetime) -> list[Invite]:
    """A patient's invites that still work, oldest first."""
    query = select(Invite).where(
        Invite.patient_id == patient_id,
        Invite.used_at.is_(None),
        Invite.revoked_at.is_(None),
        Invite.expires_at > now,
    )
    return list((await session.scalars(query.order_by(Invite.created_at, Invite.id))).all())


async def create(ctx: Ctx) -> None:
    """Make a one-time link for the acting patient and show it."""
    if not ctx.rt.bot_username:
        ctx.reply(msgs.no_link_possible())
        return
    open_ones = await pending(ctx.session, ctx.user.id, ctx.now)
    if len(open_ones) >= limits.MAX_PENDING_INVITES:
        ctx.reply(msgs.too_many_invites(len(open_ones)))
        return
    token = new_token()
    expires = ctx.now + timedelta(hours=ctx.rt.settings.invite_ttl_hours)
    invite = Invite(patient_id=ctx.user.id, token_hash=token_hash(token), expires_at=expires, created_at=ctx.now)
    ctx.session.add(invite)
    await ctx.session.flush()
    log.info("invite created user=%s invite=%s", ctx.user.id, invite.id)
    url = f"https://t.me/{ctx.rt.bot_username}?start={PREFIX}{token}"
    ctx.reply(msgs.invite_created(url, local(expires, access.tz_of(ctx.user, ctx.rt.settings.default_timezone))))


async def revoke(ctx: Ctx, invite_id: int | None) -> bool:
    """Cancel one of the acting patient's unused invites; False if it is not theirs or no longer open."""
    invite = await ctx.session.get(Invite, invite_id) if invite_id else None
    if invite is None or invite.patient_id != ctx.user.id or problem(invite, ctx.now) is not None:
        return False
    invite.revoked_at = ctx.now
    log.info("invite revoked user=%s invite=%s", ctx.user.id, invite.id)
    return True


async def _bad_recently(ctx: Ctx) -> int:
    since = ctx.now - limits.BAD_TOKEN_WINDOW
    return await ctx.session.scalar(
        select(func.count()).select_from(InviteAttempt).where(
            InviteAttempt.user_id == ctx.user.id, InviteAttempt.created_at > since
        )
    ) or 0


async def _record_bad(ctx: Ctx) -> None:
    # Old attempts only matter for an hour; drop this user's stale ones so the table stays small.
    await ctx.session.execute(
        delete(InviteAttempt).where(
            InviteAttempt.user_id == ctx.user.id, InviteAttempt.created_at <= ctx.now - limits.BAD_TOKEN_WINDOW
        )
    )
    ctx.session.add(InviteAttempt(user_id=ctx.user.id, created_at=ctx.now))


async def open_payload(ctx: Ctx, payload: str) -> bool:
    """/start ci_<token>: check it, claim it for this person, and show the invitation (after consent)."""
    if not payload.startswith(PREFIX):
        return False
    if limits.tokens_blocked(await _bad_recently(ctx)):
        log.info("invite token refused user=%s reason=limited", ctx.user.id)
        ctx.reply(msgs.token_problem("limited"))
        return True
    token = payload[len(PREFIX) :]
    invite = None
    if TOKEN_RE.match(token):
        invite = await ctx.session.scalar(select(Invite).where(Invite.token_hash == token_hash(token)))
    reason = problem(invite, ctx.now)
    if reason is not None or invite is None:
        await _record_bad(ctx)
        log.info("invite token refused user=%s reason=%s", ctx.user.id, reason)
        ctx.reply(msgs.token_problem(reason or "unknown"))
        return True
    patient = await ctx.session.get(User, invite.patient_id)
    if patient is None or patient.id == ctx.user.id:
        ctx.reply(msgs.token_problem("own"))
        return True
    if await _already(ctx, patient):
        return True
    # The latest person to open an unused link holds it; only they can accept it.
    invite.carer_id = ctx.user.id
    log.info("invite opened user=%s invite=%s", ctx.user.id, invite.id)
    if ctx.user.consent_version is None:
        ctx.reply(msgs.join_after_consent(access.person(patient)))
        ctx.reply(consent.welcome(ctx.user.first_name))
        return True
    ctx.reply(msgs.invitation(invite.id, access.person(patient)))
    return True


async def _already(ctx: Ctx, patient: User) -> bool:
    existing = await access.open_link(ctx.session, patient.id, ctx.user.id)
    if existing is None:
        return False
    kind = "linked" if existing.status == access.ACTIVE else "pending"
    ctx.reply(msgs.token_problem(kind, access.person(patient)))
    return True


async def claimed(ctx: Ctx) -> Invite | None:
    """The newest still-valid invite this person opened but has not answered."""
    return await ctx.session.scalar(
        select(Invite)
        .where(
            Invite.carer_id == ctx.user.id,
            Invite.used_at.is_(None),
            Invite.revoked_at.is_(None),
            Invite.expires_at > ctx.now,
        )
        .order_by(Invite.created_at.desc(), Invite.id.desc())
        .limit(1)
    )


async def show_claimed(ctx: Ctx, _event: object) -> None:
    """After consent (and on /start): show an invitation this person opened and has not answered yet."""
    invite = await claimed(ctx)
    if invite is None:
        return
    patient = await ctx.session.get(User, invite.patient_id)
    if patient is None or patient.id == ctx.user.id or await access.open_link(ctx.session, patient.id, ctx.user.id):
        return
    ctx.reply(msgs.invitation(invite.id, access.person(patient)))


async def accept(ctx: Ctx, invite_id: int | None) -> None:
    """The carer accepts: the invite is used up, a pending link is made, and the patient is asked to confirm."""
    invite = await ctx.session.get(Invite, invite_id) if invite_id else None
    if invite is None or invite.carer_id != ctx.user.id:
        ctx.reply(general.stale_button())
        return
    patient = await ctx.session.get(User, invite.patient_id)
    if patient is None or await _already(ctx, patient):
        return
    reason = problem(invite, ctx.now)
    if reason is not None:
        ctx.reply(msgs.token_problem(reason))
        return
    invite.used_at = ctx.now
    link = CarerLink(
        patient_id=patient.id,
        carer_id=ctx.user.id,
        status=access.PENDING,
        permissions=dict(permissions.DEFAULTS),
        created_at=ctx.now,
    )
    ctx.session.add(link)
    await ctx.session.flush()
    log.info("invite accepted user=%s invite=%s link=%s", ctx.user.id, invite.id, link.id)
    ctx.reply(msgs.accepted_wait(access.person(patient)))
    ctx.send(patient, msgs.confirm_carer(link.id, access.person(ctx.user)))


async def decline(ctx: Ctx, invite_id: int | None) -> None:
    """The carer says no: they let go of the invite; nothing else changes."""
    invite = await ctx.session.get(Invite, invite_id) if invite_id else None
    if invite is None or invite.carer_id != ctx.user.id or invite.used_at is not None:
        ctx.reply(general.stale_button())
        return
    invite.carer_id = None
    ctx.reply(msgs.invitation_declined())
