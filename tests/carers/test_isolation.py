"""Isolation: nobody sees or changes anything of a patient who did not link them, whatever data they send."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db.models import CarerLink, Invite
from flows.carers import permissions as perms
from tests.carers.support import CareBed, buttons

REFUSED = "no longer valid"


async def _world(bed: CareBed) -> dict[str, int]:
    """Pat cared for by Ann; Quinn cared for by Bob; Eve linked to nobody; one missed dose each."""
    ids = {name: await bed.person(name) for name in ("Pat", "Ann", "Quinn", "Bob", "Eve")}
    ids["A"] = await bed.link(ids["Pat"], ids["Ann"])
    ids["B"] = await bed.link(ids["Quinn"], ids["Bob"])
    for link in ("A", "B"):
        for key in (perms.PROXY, perms.HISTORY):
            await bed.do(ids["Pat" if link == "A" else "Quinn"], f"cr:p:{ids[link]}:{key}")
    ids["pat_dose"] = (await bed.missed_dose(ids["Pat"])).id
    ids["quinn_dose"] = (await bed.missed_dose(ids["Quinn"])).id
    return ids


async def _refused(bed: CareBed, who: int, data: str, others: list[int]) -> None:
    before = await bed.snapshot()
    others_before = [len(await bed.texts(o)) for o in others]
    reply = await bed.do(who, data)
    assert reply and REFUSED in reply[0], (data, reply)
    assert await bed.snapshot() == before, data
    assert [len(await bed.texts(o)) for o in others] == others_before, data


LINK_VERBS = (
    "l", "p:{link}:proxy", "pri", "end", "endok", "ok", "no", "h", "rep", "ack:{link}:{dose}", "giv:{link}:{dose}",
)


def _data(verb: str, link: int, dose: int) -> str:
    if "{" in verb:
        return "cr:" + verb.format(link=link, dose=dose)
    return f"cr:{verb}:{link}"


async def test_a_stranger_cannot_use_any_button_of_a_link(bed: CareBed) -> None:
    w = await _world(bed)
    for verb in LINK_VERBS:
        await _refused(bed, w["Eve"], _data(verb, w["A"], w["pat_dose"]), [w["Pat"], w["Ann"]])


async def test_another_patients_carer_cannot_use_this_link(bed: CareBed) -> None:
    w = await _world(bed)
    for verb in LINK_VERBS:
        await _refused(bed, w["Bob"], _data(verb, w["A"], w["pat_dose"]), [w["Pat"], w["Ann"]])


async def test_a_carer_cannot_reach_another_patients_dose_through_their_own_link(bed: CareBed) -> None:
    w = await _world(bed)
    for verb in ("ack:{link}:{dose}", "giv:{link}:{dose}"):
        await _refused(bed, w["Ann"], _data(verb, w["A"], w["quinn_dose"]), [w["Quinn"], w["Bob"]])


async def test_a_carer_cannot_change_their_own_permissions_or_act_as_the_patient(bed: CareBed) -> None:
    w = await _world(bed)
    for data in (f"cr:p:{w['A']}:reminders", f"cr:pri:{w['A']}", f"cr:l:{w['A']}", f"cr:ok:{w['A']}", "cr:lx:30"):
        await _refused(bed, w["Ann"], data, [w["Pat"]])


async def test_a_patient_cannot_press_carer_buttons_of_their_own_link(bed: CareBed) -> None:
    w = await _world(bed)
    for verb in ("ack:{link}:{dose}", "giv:{link}:{dose}", "h", "rep"):
        await _refused(bed, w["Pat"], _data(verb, w["A"], w["pat_dose"]), [w["Ann"]])


@pytest.mark.parametrize(
    "data",
    ["cr:", "cr:zzz", "cr:l:0", "cr:l:abc", "cr:l:-1", "cr:l:1:2", "cr:ack:1", "cr:giv:1:2:3", "cr:p:1:ADMIN",
     "cr:lx:abc", "cr:inv:1", "cr:l:" + "9" * 40, "cr:ok:99999"],
)
async def test_malformed_button_data_is_refused(bed: CareBed, data: str) -> None:
    w = await _world(bed)
    await _refused(bed, w["Pat"], data, [w["Ann"]])


async def test_urgent_cannot_be_switched_off(bed: CareBed) -> None:
    w = await _world(bed)
    before = await bed.snapshot()
    await bed.do(w["Pat"], f"cr:p:{w['A']}:urgent")
    labels = [t for t, _ in buttons((await bed.sent(w["Pat"]))[-1])]
    assert "🔒 Urgent alerts (always on)" in labels
    assert await bed.snapshot() == before


async def test_a_stranger_cannot_revoke_or_accept_someone_elses_invite(bed: CareBed) -> None:
    w = await _world(bed)
    await bed.invite_url(w["Pat"])
    [invite] = [i for i in await bed.rows(Invite) if i.used_at is None]
    for data in (f"cr:rv:{invite.id}", f"cr:acc:{invite.id}", f"cr:dec:{invite.id}"):
        await _refused(bed, w["Eve"], data, [w["Pat"]])


async def test_after_the_link_ends_old_buttons_do_nothing_and_no_alert_is_sent(bed: CareBed) -> None:
    w = await _world(bed)
    ack = await bed.button_data(w["Ann"], "I'm on it")
    give = await bed.button_data(w["Ann"], "It was given")
    await bed.do(w["Pat"], "/carers")
    await bed.press(w["Pat"], "Ann: what they receive")
    await bed.press(w["Pat"], "Remove Ann as my carer")
    told = await bed.press(w["Pat"], "Yes, end it")
    assert "has ended" in told[0]
    assert "Pat has ended your carer link" in (await bed.texts(w["Ann"]))[-1]
    for data in (ack, give, f"cr:h:{w['A']}", f"cr:end:{w['A']}", f"cr:endok:{w['A']}"):
        await _refused(bed, w["Ann"], data, [w["Pat"]])
    for data in (f"cr:p:{w['A']}:missed", f"cr:l:{w['A']}"):
        await _refused(bed, w["Pat"], data, [w["Ann"]])
    before = len(await bed.texts(w["Ann"]))
    await bed.missed_dose(w["Pat"])
    await bed.advance(timedelta(hours=3))
    assert len(await bed.texts(w["Ann"])) == before
    [link] = [x for x in await bed.rows(CarerLink) if x.id == w["A"]]
    assert link.status == "ended" and link.ended_by == w["Pat"]


async def test_history_shows_only_that_patients_doses_and_only_if_allowed(bed: CareBed) -> None:
    w = await _world(bed)
    reply = await bed.do(w["Ann"], "/history")
    assert "Pat's recent doses" in reply[0] and "missed" in reply[0]
    assert reply[0].count("•") == 1
    await bed.do(w["Pat"], f"cr:p:{w['A']}:history")
    reply = await bed.do(w["Ann"], "/history")
    assert "Nobody you help" in reply[0]
    reply = await bed.do(w["Ann"], f"cr:h:{w['A']}")
    assert "Pat has not allowed that" in reply[0]
    reply = await bed.do(w["Eve"], "/history")
    assert "Nobody you help" in reply[0]
