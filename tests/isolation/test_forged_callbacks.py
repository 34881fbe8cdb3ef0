"""Two patients, a carer linked to one: every button one person was shown, forged by another, is refused politely.

The buttons are the real ones the bot sent (doses, the taken/log steps, check-in answers, follow-ups, the URGENT
buttons, the safety hold, invites, links, carer alerts), so every callback prefix that names an id is covered with
ids of another patient, episode, link or invite. Nothing stored may change, and the owner is told nothing.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from bot.context import Ctx
from bot.db.base import Base
from bot.db.models import CarerLink, Invite, Prescription, User
from bot.dosing import planner
from flows.regimen import End, Phase, Regimen
from tests.e2e.harness import Harness
from tests.privacy.session import link_carer, press_newest

pytestmark = pytest.mark.e2e

WEEKLY = Regimen((Phase.interval(1, "week", End.open()),))
# What may change when a press is refused: the refusal itself is queued, and the timer's own bookkeeping.
NOT_COMPARED = {"outbox"}
ID_SEGMENT = re.compile(r"^[1-9][0-9]*$")
PREFIXES = {"consent", "ob", "set", "d", "ck", "ur", "fu", "hold", "cr"}


async def _prescribe(h: Harness, sim: Any) -> None:
    """What onboarding stores on Save, then the dose planner."""
    assert h.rt is not None
    async with h.rt.db.session() as s:
        user = await s.scalar(select(User).where(User.telegram_id == sim.id))
        assert user is not None
        user.timezone, user.country = "UTC", "GB"
        p = Prescription(
            user_id=user.id, product="hydroxocobalamin", strength="1 mg/1 mL", dose_ml=Decimal("1"), route="IM",
            sites=["thigh", "outer_hip"], regimen=WEEKLY.to_dict(), start_date=h.clock.now().date(),
            reminder_time="09:00", supplies={}, created_at=h.clock.now(),
        )
        s.add(p)
        await s.flush()
        ctx = Ctx(h.rt, s, user, h.clock.now())
        await planner.replan(ctx, p)
        await ctx.flush()
    await h.idle()


async def _snapshot(h: Harness) -> dict[str, list[tuple[Any, ...]]]:
    assert h.rt is not None
    out: dict[str, list[tuple[Any, ...]]] = {}
    async with h.rt.db.session() as s:
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_COMPARED:
                continue
            rows = (await s.execute(select(table))).all()
            out[table.name] = sorted(tuple(repr(v) for v in row) for row in rows)
    return out


def _shown(sim: Any) -> list[str]:
    """Every callback data the bot ever showed this person that names an id (not minutes, not "none")."""
    seen: list[str] = []
    for message in sim.bot_messages(include_deleted=True):
        for row in message.inline_keyboard:
            for button in row:
                data = button.get("callback_data")
                if not data or data in seen or data.startswith(("cr:lx", "cr:ly")):
                    continue
                parts = data.split(":")
                ids = parts[1:] if parts[0] != "d" else parts[2:3]
                if any(ID_SEGMENT.match(p) for p in ids[:2]):
                    seen.append(data)
    return seen


async def _world(h: Harness) -> tuple[Any, Any, Any]:
    """Pat (carer Ann) and Quinn, weekly at 09:00; Quinn takes a dose, answers a check-in, reports URGENT signs."""
    pat, quinn, ann = h.user("Pat", username="pat_p"), h.user("Quinn", username="quinn_q"), h.user("Ann")
    for sim in (pat, quinn):
        await h.consent(sim)
        await h.say(sim, "/cancel")  # set up below as onboarding would, so no set-up is left open
        await _prescribe(h, sim)
    await link_carer(h, pat, ann)
    await h.say(quinn, "/carers")
    await press_newest(h, quinn, "Invite a carer")  # a pending invite of Quinn's
    await h.say(pat, "/carers")
    await press_newest(h, pat, "Ann: what they receive")
    await press_newest(h, pat, "May record a dose")  # let Ann give doses, so her alerts carry more buttons
    await h.advance(timedelta(hours=1))  # both reminded at 09:00
    for part in ("Taken", "Thigh", "into the muscle", "Skip", "Just now"):
        await press_newest(h, quinn, part)
    await h.advance(timedelta(minutes=31))
    await press_newest(h, quinn, "None of these")
    await h.say(quinn, "the injection spot is red hot and the redness is spreading")
    await h.say(quinn, "my lips are swelling")
    await h.advance(timedelta(hours=7))  # Pat's dose is missed: Ann is alerted
    await h.advance(timedelta(days=6, hours=17))  # next Monday 09:31: Quinn's reminder is held for his prescriber
    return pat, quinn, ann


async def _forge_all(h: Harness, presser: Any, owner: Any, datas: list[str], bystanders: list[Any]) -> None:
    for data in datas:
        before = await _snapshot(h)
        quiet = [len(b.bot_messages()) for b in bystanders]
        mine = len(presser.bot_messages())
        await presser.press(presser.last_bot_message(), data, forge=True)
        await h.idle()
        replies = presser.bot_messages()[mine:]
        assert replies, f"{data}: no answer at all"
        said = " ".join(m.text or "" for m in replies)
        assert owner.user.first_name not in said, (data, said)
        assert await _snapshot(h) == before, data
        assert [len(b.bot_messages()) for b in bystanders] == quiet, data


async def _extras(h: Harness, quinn: Any) -> tuple[list[str], list[str]]:
    """Buttons whose messages were edited away since: Quinn's invite, and every verb on Pat's link with Ann."""
    assert h.rt is not None
    async with h.rt.db.session() as s:
        qid = await s.scalar(select(User.id).where(User.telegram_id == quinn.id))
        invite = await s.scalar(select(Invite.id).where(Invite.patient_id == qid))
        link = await s.scalar(select(CarerLink.id))
    on_invite = [f"cr:{verb}:{invite}" for verb in ("rv", "acc", "dec")]
    on_link = [f"cr:{verb}:{link}" for verb in ("ok", "no", "l", "pri", "end", "endok", "h", "rep")]
    return on_invite, on_link


async def test_every_id_button_of_another_person_is_refused_and_changes_nothing(h: Harness) -> None:
    pat, quinn, ann = await _world(h)
    quinns = _shown(quinn)
    on_invite, on_link = await _extras(h, quinn)
    quinns = quinns + on_invite
    pats_and_anns = _shown(pat) + _shown(ann) + on_link
    prefixes = {d.split(":", 1)[0] for d in quinns + pats_and_anns}
    # Every prefix that carries an id was really offered, so the forgeries below cover them all.
    assert {"d", "ck", "ur", "hold", "cr"} <= prefixes, prefixes
    await _forge_all(h, pat, quinn, quinns, [quinn, ann])
    await _forge_all(h, ann, quinn, quinns, [quinn, pat])
    await _forge_all(h, quinn, pat, [d for d in pats_and_anns if d not in quinns], [pat, ann])
