"""Stickers, photos, voice, 4,096 characters, blank or emoji-only text and junk /start payloads, at every step.

Each gets an answer, changes nothing stored, and the conversation goes on with the next real answer.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import pytest

from tests.e2e.harness import Harness
from tests.isolation.test_forged_callbacks import _prescribe, _snapshot
from tests.onboarding.e2e_helpers import answer, tap
from tests.privacy.session import link_carer, press_newest

pytestmark = pytest.mark.e2e

# Failed invite codes are counted on purpose (to slow down guessing), so that table may grow.
COUNTED = {"invite_attempts"}


async def _blank(user: Any) -> Any:
    """Text of spaces only, which real clients refuse to send but the Bot API can still deliver."""
    return user._post(text="   ")


def _junk() -> list[tuple[str, Any]]:
    long_payload = "x" * 600
    return [
        ("sticker", lambda u: u.send_sticker()),
        ("photo", lambda u: u.send_photo()),
        ("voice", lambda u: u.send_voice()),
        ("4096 chars", lambda u: u.send("é" * 4096)),
        ("blank", _blank),
        ("emoji only", lambda u: u.send("🙂🙂💉")),
        ("long /start", lambda u: u.send(f"/start {long_payload}")),
        ("unicode /start", lambda u: u.send("/start ☃️ünï©ødé")),
        ("random invite", lambda u: u.send(f"/start ci_{secrets.token_urlsafe(24)}")),
    ]


async def _shrug_off(h: Harness, user: Any, where: str) -> None:
    """Send every kind of junk; each is answered and leaves the database as it was."""
    for name, act in _junk():
        before = await _snapshot(h)
        seen = len(user.bot_messages())
        await act(user)
        await h.idle()
        replies = user.bot_messages()[seen:]
        assert replies and all(m.text for m in replies), f"{where}: {name} got no answer"
        after = await _snapshot(h)
        for table in COUNTED:
            before.pop(table, None), after.pop(table, None)
        assert after == before, f"{where}: {name} changed {[t for t in before if before[t] != after.get(t)]}"


async def test_onboarding_survives_junk_at_each_question(h: Harness) -> None:
    pat = h.user("Pat")
    await h.consent(pat)
    await _shrug_off(h, pat, "country")
    await press_newest(h, pat, "United Kingdom")
    await _shrug_off(h, pat, "time zone")
    await press_newest(h, pat, "London")
    await tap(h, pat, "Hydroxocobalamin")
    await tap(h, pat, "1 mg/mL")
    await _shrug_off(h, pat, "dose")
    await answer(h, pat, "1")
    for part in ("(IM)", "Thigh", "Done", "every 3 months", "planned date", "Tomorrow"):
        await tap(h, pat, part)
    await _shrug_off(h, pat, "time")
    await press_newest(h, pat, "09:00")
    await _shrug_off(h, pat, "summary")
    assert "All set" in (await press_newest(h, pat, "Save")).text
    await h.say(pat, "/settings")
    await _shrug_off(h, pat, "settings")
    await press_newest(h, pat, "Reminder the day before: off")
    assert any("Reminder the day before: on" in m.button_texts for m in pat.bot_messages())


async def test_taken_log_checkin_and_carers_survive_junk(h: Harness) -> None:
    pat, ann = h.user("Pat"), h.user("Ann")
    await h.consent(pat)
    await h.say(pat, "/cancel")
    await _prescribe(h, pat)
    await h.say(pat, "/carers")
    await press_newest(h, pat, "Invite a carer")
    await _shrug_off(h, pat, "carers")
    await h.advance(timedelta(hours=1))
    await press_newest(h, pat, "Taken")
    await _shrug_off(h, pat, "taken: site")
    await press_newest(h, pat, "Thigh")
    await press_newest(h, pat, "into the muscle")
    await _shrug_off(h, pat, "taken: batch")
    await answer(h, pat, "AB1234")
    await _shrug_off(h, pat, "taken: time")
    logged = await press_newest(h, pat, "Just now")
    assert "Logged" in logged.text and "AB1234" in logged.text
    await h.say(pat, "/log")
    await _shrug_off(h, pat, "/log")
    await h.say(pat, "/cancel")
    await h.advance(timedelta(minutes=31))
    assert "How are you after your injection?" in pat.last_bot_message().text
    await _shrug_off(h, pat, "check-in")
    next_question = await press_newest(h, pat, "None of these")
    assert "How are you after your injection?" not in next_question.text and next_question.buttons
    await link_carer(h, pat, ann)
    # A carer's own /start offers the set-up (as for anyone without a prescription); junk must not disturb it.
    await h.say(ann, "/start")
    await _shrug_off(h, ann, "carer")
