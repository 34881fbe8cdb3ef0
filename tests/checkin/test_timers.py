"""Timers: silence after a red flag, the 90-second check, idle check-ins, re-asks and follow-ups (fake clock)."""

from __future__ import annotations

from datetime import timedelta

from tests.checkin.support import Bed, Sent

NONE = "None of these"


async def _check_in(bed: Bed, user: int) -> Sent:
    await bed.dose(user)
    await bed.advance(timedelta(minutes=30))
    return (await bed.sent(user))[-1]


async def test_silence_after_a_red_flag_mention_is_urgent(bed: Bed) -> None:
    alice = await bed.person()
    [reply] = await bed.do(alice, "my throat feels a bit weird")
    assert NONE in reply.labels()
    await bed.advance(timedelta(seconds=110))
    assert await bed.sent(alice) == []
    await bed.advance(timedelta(seconds=15))
    [urgent] = await bed.sent(alice)
    assert "CALL 999" in urgent.text
    last = (await bed.decisions(alice))[-1]
    assert (last.level, last.source) == ("URGENT", "timeout")
    assert any(r["rule"] == "silence" for r in last.reasons)


async def test_answering_the_list_in_time_stops_the_silence_timer(bed: Bed) -> None:
    alice = await bed.person()
    [reply] = await bed.do(alice, "my throat feels a bit weird")
    await bed.press(alice, reply, NONE)
    await bed.advance(timedelta(minutes=5))
    assert all("CALL" not in m.text for m in await bed.sent(alice))
    assert (await bed.episodes(alice))[0].level != "URGENT"


async def test_a_plain_check_in_left_alone_is_not_urgent_and_closes_after_two_hours(bed: Bed) -> None:
    alice = await bed.person()
    await _check_in(bed, alice)
    await bed.advance(timedelta(minutes=119))
    assert await bed.sent(alice) == []
    await bed.advance(timedelta(minutes=2))
    assert await bed.sent(alice) == []
    [episode] = await bed.episodes(alice)
    assert episode.closed_at is not None and episode.level == "EXPECTED"


async def test_an_idle_check_in_that_reached_advice_still_gives_the_advice(bed: Bed) -> None:
    alice = await bed.person()
    opening = await _check_in(bed, alice)
    [site] = await bed.press(alice, opening, NONE)
    [redness] = await bed.press(alice, site, "Redness")
    await bed.press(alice, redness, "Spreading")
    await bed.advance(timedelta(hours=2, minutes=1))
    [advice] = await bed.sent(alice)
    assert "contact your prescriber or clinic today" in advice.text
    assert len(await bed.tasks(alice, "checkin.followup")) == 1


async def test_the_concrete_check_answered_no_carries_on(bed: Bed) -> None:
    alice = await bed.person()
    opening = await _check_in(bed, alice)
    [which] = await bed.press(alice, opening, "Not sure")
    [check] = await bed.press(alice, which, "Swollen lips")
    assert "mirror" in check.text
    [again] = await bed.press(alice, check, "No")
    assert "Apart from that" in again.text
    await bed.advance(timedelta(minutes=1))
    assert await bed.sent(alice) == []
    [site] = await bed.press(alice, again, NONE)
    assert "spot where you injected" in site.text


async def test_still_not_sure_is_urgent_at_once(bed: Bed) -> None:
    alice = await bed.person()
    opening = await _check_in(bed, alice)
    [which] = await bed.press(alice, opening, "Not sure")
    [check] = await bed.press(alice, which, "Chest pain")
    [urgent] = await bed.press(alice, check, "Still not sure")
    assert "CALL 999" in urgent.text


async def test_unsure_about_hives_asks_the_list_again_at_15_and_30_minutes(bed: Bed) -> None:
    alice = await bed.person()
    opening = await _check_in(bed, alice)
    [which] = await bed.press(alice, opening, "Not sure")
    [again] = await bed.press(alice, which, "Hives")
    assert "Apart from that" in again.text
    reasks = await bed.tasks(alice, "checkin.reask")
    assert sorted(t.due_at - bed.clock.now() for t in reasks) == [timedelta(minutes=15), timedelta(minutes=30)]
    sent = await bed.press(alice, again, NONE)
    for label in ("Nothing there", "Yes, as I was trained", "No, nothing"):
        sent = await bed.press(alice, sent[-1], label)
    assert "today" in sent[-1].text
    await bed.advance(timedelta(minutes=15))
    [reask] = await bed.sent(alice)
    assert "Checking again" in reask.text and "Hives away from the injection spot" in reask.labels()
    [ack] = await bed.press(alice, reask, NONE)
    assert "If any of them appears, call 999" in ack.text
    await bed.advance(timedelta(minutes=15))
    [second] = await bed.sent(alice)
    [urgent] = await bed.press(alice, second, "Hives")
    assert "CALL 999" in urgent.text


async def test_advice_today_is_followed_up_after_5_hours(bed: Bed) -> None:
    alice = await bed.person()
    opening = await _check_in(bed, alice)
    sent = [opening]
    for label in (NONE, "Feels hot", "Nothing else", "Yes, as I was trained", "No, nothing", "Worse"):
        sent = await bed.press(alice, sent[-1], label)
    assert "today" in sent[-1].text
    await bed.advance(timedelta(hours=4, minutes=59))
    assert all("Did you speak to someone" not in m.text for m in await bed.sent(alice))
    await bed.advance(timedelta(minutes=1))
    [follow] = await bed.sent(alice)
    assert "Did you speak to someone" in follow.text
    [ok] = await bed.press(alice, follow, "I spoke to someone")
    assert "Follow what they told you" in ok.text
    [restart] = await bed.press(alice, follow, "Something new or worse")
    assert NONE in restart.labels()


async def test_urgent_is_followed_up_after_90_minutes_with_the_prescriber_reminder(bed: Bed) -> None:
    alice = await bed.person()
    await bed.do(alice, "I fainted after the injection")
    await bed.advance(timedelta(minutes=89))
    assert await bed.sent(alice) == []
    await bed.advance(timedelta(minutes=1))
    [follow] = await bed.sent(alice)
    assert "How are you now?" in follow.text and "before your next dose" in follow.text
    [again] = await bed.press(alice, follow, "Symptoms are still there")
    assert "CALL 999" in again.text
    [helped] = await bed.press(alice, follow, "I got help")
    assert "before your next dose" in helped.text
