"""After an URGENT reaction the next reminder says to wait for the prescriber; their go-ahead brings Taken back."""

from __future__ import annotations

from datetime import timedelta

from bot.checkin import hold
from bot.context import Ctx
from bot.db.models import User
from flows.events import PressIn
from tests.dosing.support import DAILY, Bed, buttons, data_for


async def _hold(bed: Bed, user_id: int) -> None:
    async with bed.rt.db.session() as s:
        user = await s.get(User, user_id)
        assert user is not None
        await hold.place(Ctx(bed.rt, s, user, bed.clock.now()), user, None)


async def test_a_held_dose_reminder_has_no_taken_button_until_the_go_ahead(bed: Bed) -> None:
    alice = await bed.patient()
    await bed.prescribe(alice, regimen=DAILY)
    await _hold(bed, alice)
    await bed.advance(timedelta(hours=1))  # 09:00 London = 09:00 UTC in March before the change
    held = await bed.last(alice)
    assert "do not inject until your prescriber has been told" in held.text
    labels = [label for label, _ in buttons(held)]
    assert "Taken" not in labels and "My prescriber said go ahead" in labels

    await bed.advance(timedelta(minutes=30))
    assert (await bed.last(alice)).id == held.id  # no nagging to inject while held

    replies = await bed.do(alice, PressIn(data_for(held, "My prescriber said go ahead")))
    assert any("prescriber said you can go ahead" in r for r in replies)
    assert "Taken" in [label for label, _ in buttons(await bed.last(alice))]


async def test_someone_else_cannot_clear_a_hold(bed: Bed) -> None:
    alice, mallory = await bed.patient(), await bed.patient()
    await bed.prescribe(alice, regimen=DAILY)
    await _hold(bed, alice)
    await bed.advance(timedelta(hours=1))
    forged = data_for(await bed.last(alice), "My prescriber said go ahead")
    replies = await bed.do(mallory, PressIn(forged))
    assert any("no longer valid" in r for r in replies)
    async with bed.rt.db.session() as s:
        user = await s.get(User, alice)
        assert user is not None
        assert await hold.active(Ctx(bed.rt, s, user, bed.clock.now()), user) is not None
