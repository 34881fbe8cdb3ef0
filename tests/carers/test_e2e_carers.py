"""End to end through the emulator: patient and two carers — link, ladder, acknowledge, URGENT, end, block.

Missed doses come from the dose feature's own timer on a real prescription; URGENT comes from the patient's own
words through the check-in feature's screen and triage.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from bot.context import Ctx
from bot.db.models import CarerAlert, CarerLink, DoseEvent, Prescription, User
from bot.dosing import planner
from tests.carers.support import WEEKLY
from tests.e2e.harness import Harness

pytestmark = pytest.mark.e2e
URL = re.compile(r"https://t\.me/\S+")


async def _press(h: Harness, user: Any, label: str) -> None:
    """Press the newest button with this label."""
    for message in reversed(user.bot_messages()):
        if label in message.button_texts:
            await user.press(message, label)
            await h.idle()
            return
    raise AssertionError(f"no button {label!r} for {user}")


def _texts(user: Any) -> list[str]:
    return [m.text or "" for m in user.bot_messages()]


def _count(user: Any, needle: str) -> int:
    return sum(needle in t for t in _texts(user))


async def _invite_and_link(h: Harness, patient: Any, carer: Any, *, carer_consented: bool) -> None:
    await h.say(patient, "/carers")
    await _press(h, patient, "Invite a carer")
    url = URL.search(patient.last_bot_message().text).group(0)
    await carer.open_link(url)
    await h.idle()
    if not carer_consented:
        assert any("has invited you to be their carer" in t for t in _texts(carer))
        await _press(h, carer, "I agree")
    assert "Do you want to be Pat's carer?" in carer.last_bot_message().text
    await _press(h, carer, "Accept")
    asked = patient.last_bot_message().text
    assert f"{carer.user.first_name} (@{carer.user.username})" in asked
    await _press(h, patient, "Yes, that's them")
    assert "confirmed: you are now their carer" in carer.last_bot_message().text


async def _db(h: Harness):
    assert h.rt is not None
    return h.rt.db


async def _patient_id(h: Harness, telegram_id: int) -> int:
    async with (await _db(h)).session() as s:
        return (await s.scalar(select(User.id).where(User.telegram_id == telegram_id)))


async def _prescribe(h: Harness, user_id: int) -> None:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        user = await s.get(User, user_id)
        user.timezone = "UTC"
        p = Prescription(
            user_id=user_id, product="hydroxocobalamin", strength="1 mg/1 mL", dose_ml=Decimal("1"), route="IM",
            sites=["thigh"], regimen=WEEKLY.to_dict(), start_date=h.clock.now().date(), reminder_time="09:00",
            supplies={}, created_at=h.clock.now(),
        )
        s.add(p)
        await s.flush()
        ctx = Ctx(h.rt, s, user, h.clock.now())
        await planner.replan(ctx, p)
        await ctx.flush()
    await h.idle()


async def _urgent(h: Harness, patient: Any, text: str = "my lips are swelling and I feel faint") -> None:
    """The patient reports red-flag symptoms; the update is handled and the timer ticks once."""
    await h.say(patient, text)


async def _three(h: Harness) -> tuple[Any, Any, Any, int]:
    pat = h.user("Pat", username="pat_p")
    ann = h.user("Ann", username="ann_c")
    bob = h.user("Bob", username="bob_c")
    await h.consent(pat)
    await _invite_and_link(h, pat, ann, carer_consented=False)
    await h.consent(bob)
    await _invite_and_link(h, pat, bob, carer_consented=True)
    return pat, ann, bob, await _patient_id(h, pat.id)


async def test_link_ladder_acknowledge_urgent_and_end(h: Harness) -> None:
    pat, ann, bob, pid = await _three(h)
    await _prescribe(h, pid)
    # 09:00 reminder, repeats, then marked missed 6 h later: the primary carer (Ann) hears at once.
    await h.advance(timedelta(hours=7))
    assert _count(ann, "has not recorded the B12 dose") == 1
    assert _count(bob, "has not recorded the B12 dose") == 0
    await h.restart()  # a new process in the middle of the ladder
    await h.advance(timedelta(hours=1))
    assert _count(bob, "has not recorded the B12 dose") == 1
    await _press(h, bob, "I'm on it")
    assert "Bob is on it" in ann.last_bot_message().text
    await h.advance(timedelta(hours=3))
    assert _count(ann, "has not recorded the B12 dose") == 1 and _count(bob, "has not recorded the B12 dose") == 1

    # URGENT reaches both carers within one timer tick.
    await _urgent(h, pat)
    for carer in (ann, bob):
        assert "URGENT: Pat may be having a serious reaction" in carer.last_bot_message().text
        assert "swelling of the face, lips, tongue or eyes" in carer.last_bot_message().text

    # The patient ends Ann's link: Ann is told, and nothing more reaches her.
    await h.say(pat, "/carers")
    await _press(h, pat, "Ann: what they receive")
    await _press(h, pat, "Remove Ann as my carer")
    await _press(h, pat, "Yes, end it")
    assert "Pat has ended your carer link" in ann.last_bot_message().text
    seen = len(ann.bot_messages())
    await h.advance(timedelta(minutes=11))
    await _urgent(h, pat, "now I can't breathe")
    await h.advance(timedelta(days=7, hours=1))
    assert len(ann.bot_messages()) == seen
    assert _count(bob, "URGENT: Pat") == 2
    async with (await _db(h)).session() as s:
        alerts = (await s.scalars(select(CarerAlert))).all()
        missed = [a for a in alerts if a.kind == "missed"]
        assert len({(a.ref_id, a.carer_id) for a in missed}) == len(missed)
        statuses = {link.status for link in (await s.scalars(select(CarerLink))).all()}
        assert statuses == {"ended", "active"}
        assert (await s.scalars(select(DoseEvent).where(DoseEvent.status == "missed"))).all()


async def _forge(h: Harness, user: Any, data: str) -> str:
    """A callback query with arbitrary data on the user's latest bot message, as a modified client could send."""
    message = user.last_bot_message()
    query = h.emu.state.add_query(user.user, message, data)
    h.emu.push_update("callback_query", {
        "id": query.id, "from": user.user.to_api(), "message": message.to_api(),
        "chat_instance": user.chat.chat_instance, "data": data,
    })
    await h.idle()
    return user.last_bot_message().text


async def _state(h: Harness) -> list[tuple[Any, ...]]:
    async with (await _db(h)).session() as s:
        links = [(x.id, x.status, repr(x.permissions), x.is_primary) for x in (await s.scalars(select(CarerLink)))]
        doses = [(d.id, d.status, d.logged_by) for d in (await s.scalars(select(DoseEvent)))]
        alerts = [(a.id, a.acked_at) for a in (await s.scalars(select(CarerAlert)))]
    return [tuple(links), tuple(doses), tuple(alerts)]


async def test_forged_presses_and_replayed_links_through_telegram_change_nothing(h: Harness) -> None:
    pat, ann, bob, pid = await _three(h)
    used_link = URL.search(next(t for t in _texts(pat) if "invite link" in t)).group(0)
    eve = h.user("Eve", username="eve_x")
    await h.consent(eve)
    await _prescribe(h, pid)
    await h.advance(timedelta(hours=7))  # Ann gets the missed-dose alert
    async with (await _db(h)).session() as s:
        ann_link = await s.scalar(select(CarerLink.id).join(User, User.id == CarerLink.carer_id)
                                  .where(User.telegram_id == ann.id))
        dose = await s.scalar(select(DoseEvent.id).where(DoseEvent.status == "missed"))
    before = await _state(h)
    others = len(pat.bot_messages()), len(ann.bot_messages()), len(bob.bot_messages())
    for data in (f"cr:p:{ann_link}:proxy", f"cr:endok:{ann_link}", f"cr:h:{ann_link}", f"cr:ack:{ann_link}:{dose}",
                 f"cr:giv:{ann_link}:{dose}", f"cr:pri:{ann_link}", "cr:lx:7", "cr:junk"):
        assert "no longer valid" in await _forge(h, eve, data), data
    for data in (f"cr:p:{ann_link}:proxy", f"cr:ok:{ann_link}"):  # Ann cannot grant herself anything
        assert "no longer valid" in await _forge(h, ann, data), data
    assert "no longer valid" in await _forge(h, bob, f"cr:ack:{ann_link}:{dose}")
    await eve.open_link(used_link)
    await h.idle()
    assert "already been used" in eve.last_bot_message().text
    assert await _state(h) == before
    # Only the refusals themselves: two to Ann, one to Bob, nothing to Pat.
    assert (len(pat.bot_messages()), len(ann.bot_messages()) - 2, len(bob.bot_messages()) - 1) == others


async def test_a_carer_who_blocks_the_bot_is_marked_and_the_patient_told(h: Harness) -> None:
    pat, ann, bob, _pid = await _three(h)
    bob.block()
    await _urgent(h, pat)
    await h.idle()
    assert "URGENT: Pat" in ann.last_bot_message().text
    assert "I can't reach Bob any more" in pat.last_bot_message().text
    async with (await _db(h)).session() as s:
        bob_row = await s.scalar(select(User).where(User.telegram_id == bob.id))
        assert bob_row.unreachable_at is not None
    told = _count(pat, "I can't reach Bob")
    await h.advance(timedelta(minutes=11))
    await _urgent(h, pat, "now I can't breathe")
    assert _count(pat, "I can't reach Bob") == told  # no retry loop, no repeated notices


async def _press_containing(h: Harness, user: Any, part: str) -> None:
    """Press the newest button whose label contains `part` (toggles carry an on/off mark)."""
    for message in reversed(user.bot_messages()):
        for label in message.button_texts:
            if part in label:
                await user.press(message, label)
                await h.idle()
                return
    raise AssertionError(f"no button like {part!r} for {user}")


async def test_history_appears_for_a_carer_only_once_the_patient_allows_it(h: Harness) -> None:
    pat, ann = h.user("Pat", username="pat_p"), h.user("Ann", username="ann_c")
    await h.consent(pat)
    await _invite_and_link(h, pat, ann, carer_consented=False)
    reply = await h.say(ann, "/history")
    assert "Nobody you help has shared their dose history" in reply.text

    await h.say(pat, "/carers")
    await _press_containing(h, pat, "what they receive")
    await _press_containing(h, pat, "May see my recent doses")
    reply = await h.say(ann, "/history")
    assert "Pat's recent doses" in reply.text or "No doses recorded for Pat yet" in reply.text
