"""Linking: a one-time invite, the carer accepts, the patient confirms this person; bad links change nothing."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from bot.db.models import CarerLink, Invite, InviteAttempt
from tests.carers.support import CareBed, payload


async def test_invite_link_is_one_time_hashed_and_expires_in_48_hours(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    url = await bed.invite_url(pat)
    token = payload(url).removeprefix("ci_")
    assert url.startswith("https://t.me/b12_test_bot?start=ci_")
    assert len(payload(url)) <= 64 and len(token) >= 22  # ≥ 128 bits in base64url
    [invite] = await bed.rows(Invite)
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(vars(invite))
    assert invite.expires_at == bed.clock.now() + timedelta(hours=48)


async def test_invite_accept_confirm_makes_an_active_link(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    cara = await bed.person("Cara", username="cara_h")
    url = await bed.invite_url(pat)
    shown = await bed.do(cara, f"/start {payload(url)}")
    assert "Pat has invited you to be their carer" in shown[0]
    assert "misses a dose" in shown[0] and "urgent alert" in shown[0]
    await bed.press(cara, "Accept")
    [link] = await bed.rows(CarerLink)
    assert link.status == "pending"
    asked = (await bed.texts(pat))[-1]
    assert "Cara (@cara_h)" in asked and "accepted your invitation" in asked
    told = await bed.press(pat, "Yes, that's them")
    [link] = await bed.rows(CarerLink)
    assert link.status == "active" and link.is_primary
    assert any("Cara is now your carer" in t for t in told)
    assert "Pat confirmed" in (await bed.texts(cara))[-1]


async def test_nothing_reaches_the_carer_before_the_patient_confirms(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    cara = await bed.person("Cara")
    url = await bed.invite_url(pat)
    await bed.do(cara, f"/start {payload(url)}")
    await bed.press(cara, "Accept")
    before = len(await bed.texts(cara))
    await bed.missed_dose(pat)
    await bed.advance(timedelta(hours=2))
    assert len(await bed.texts(cara)) == before


async def test_patient_can_refuse_the_person(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    cara = await bed.person("Cara")
    url = await bed.invite_url(pat)
    await bed.do(cara, f"/start {payload(url)}")
    await bed.press(cara, "Accept")
    await bed.press(pat, "No, that's not them")
    [link] = await bed.rows(CarerLink)
    assert link.status == "refused"
    assert "did not confirm" in (await bed.texts(cara))[-1]


async def test_a_carer_without_consent_sees_the_terms_then_the_invitation(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    cara = await bed.person("Cara", consented=False)
    url = await bed.invite_url(pat)
    shown = await bed.do(cara, f"/start {payload(url)}")
    assert "Pat has invited you" in shown[0] and "terms" in shown[0]
    assert "Do you agree" in shown[1]
    after = await bed.press(cara, "I agree")
    assert any("Do you want to be Pat's carer?" in t for t in after)
    await bed.press(cara, "Accept")
    assert (await bed.rows(CarerLink))[0].status == "pending"


async def test_used_expired_revoked_and_unknown_tokens_change_nothing(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    cara, other = await bed.person("Cara"), await bed.person("Eve")
    used = payload(await bed.invite_url(pat))
    await bed.do(cara, f"/start {used}")
    await bed.press(cara, "Accept")
    revoked = payload(await bed.invite_url(pat))
    await bed.do(pat, "/carers")
    await bed.press(pat, next(t for t in await _labels(bed, pat) if t.startswith("Cancel the link")))
    expired = payload(await bed.invite_url(pat))
    await bed.advance(timedelta(hours=48, minutes=1))
    before = await bed.snapshot()
    cases = [
        (used, "already been used"),
        (revoked, "was cancelled"),
        (expired, "has expired"),
        ("ci_" + "A" * 32, "not valid"),
        ("ci_short", "not valid"),
    ]
    for token, expected in cases:
        [reply] = await bed.do(other, f"/start {token}")
        assert expected in reply
    assert await bed.snapshot() == before
    assert await bed.count(InviteAttempt) == 5


async def test_repeated_bad_tokens_are_rate_limited_even_for_a_good_one(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    eve = await bed.person("Eve")
    for n in range(5):
        await bed.do(eve, f"/start ci_{'x' * 30}{n:02d}")
    good = payload(await bed.invite_url(pat))
    [reply] = await bed.do(eve, f"/start {good}")
    assert "Too many" in reply
    [invite] = await bed.rows(Invite)
    assert invite.carer_id is None
    await bed.advance(timedelta(hours=1, minutes=1))
    [reply] = await bed.do(eve, f"/start {good}")
    assert "Pat has invited you" in reply


async def test_replaying_an_accepted_invite_from_another_account_is_refused(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    cara, eve = await bed.person("Cara"), await bed.person("Eve")
    token = payload(await bed.invite_url(pat))
    await bed.do(cara, f"/start {token}")
    accept = await bed.button_data(cara, "Accept")
    await bed.press(cara, "Accept")
    before = await bed.snapshot()
    assert "already been used" in (await bed.do(eve, f"/start {token}"))[0]
    assert "no longer valid" in (await bed.do(eve, accept))[0]
    assert "already accepted" in (await bed.do(cara, accept))[0]
    assert await bed.snapshot() == before


async def test_only_the_person_who_opened_the_link_can_accept_it(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    cara, eve = await bed.person("Cara"), await bed.person("Eve")
    token = payload(await bed.invite_url(pat))
    await bed.do(cara, f"/start {token}")
    accept = await bed.button_data(cara, "Accept")
    before = await bed.snapshot()
    assert "no longer valid" in (await bed.do(eve, accept))[0]
    assert await bed.snapshot() == before


async def test_own_link_and_a_second_link_for_the_same_carer(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    cara = await bed.person("Cara")
    token = payload(await bed.invite_url(pat))
    assert "your own invite link" in (await bed.do(pat, f"/start {token}"))[0]
    await bed.link(pat, cara)
    again = payload(await bed.invite_url(pat))
    assert "already Pat's carer" in (await bed.do(cara, f"/start {again}"))[0]


async def test_pending_invites_are_listed_and_capped(bed: CareBed) -> None:
    pat = await bed.person("Pat")
    for _ in range(5):
        await bed.invite_url(pat)
    overview = (await bed.do(pat, "/carers"))[0]
    assert "Unused invite links: 5" in overview
    reply = await bed.press(pat, "Invite a carer")
    assert "already have 5 unused" in reply[0]
    assert await bed.count(Invite) == 5


async def _labels(bed: CareBed, user: int) -> list[str]:
    from tests.carers.support import buttons

    return [t for t, _ in buttons((await bed.sent(user))[-1])]
