"""Words the bot cannot read are never reassured: the red-flag list first, one tap to URGENT, carers alerted.

Through the emulator, in three states: nothing going on, mid-set-up, and mid-`/log` with a carer linked.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.models import TriageDecision
from tests.carers.test_e2e_carers import _invite_and_link
from tests.e2e.harness import Harness
from tests.e2e.test_red_flag_screen import _conv, _dose
from tests.onboarding.e2e_helpers import answer, onboard, tap

pytestmark = pytest.mark.e2e

POLISH = "Nie mogę złapać tchu, proszę pomóż"  # "I can't catch my breath, please help": a language it doesn't read
SLUMPED = "he's slumped and cold"  # English, but nothing the precise rules place
REASSURANCE = ("common", "usually settles", "noted")


def _no_reassurance(text: str) -> None:
    assert not any(word in text for word in REASSURANCE), text
    assert "CALL" not in text, text  # asked, not yet told to call


async def _decisions(h: Harness) -> list[str]:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        return [d.level for d in (await s.scalars(select(TriageDecision).order_by(TriageDecision.id))).all()]


async def test_unsupported_language_mid_log_then_one_tap_is_urgent_and_carers_hear(h: Harness) -> None:
    pat = h.user("Pat", username="pat_p")
    ann = h.user("Ann", username="ann_c")
    await onboard(h, pat)
    await _invite_and_link(h, pat, ann, carer_consented=False)
    await answer(h, pat, "/log")
    await tap(h, pat, "Thigh")
    await tap(h, pat, "(IM)")
    assert await _conv(h, pat) == ("dose", "batch")

    asked = await h.say(pat, POLISH)
    _no_reassurance(asked.text)
    assert "I want to be sure" in asked.text
    assert "English, Español, Deutsch, Français, Português, Italiano" in asked.text
    assert "Breathing trouble or wheeze" in asked.button_texts and "None of these" in asked.button_texts

    urgent = await tap(h, pat, "Breathing trouble or wheeze", asked)
    assert "CALL 999" in urgent.text and "allergic reaction to an injection" in urgent.text
    assert "URGENT: Pat may be having a serious reaction" in ann.last_bot_message().text
    assert (await _decisions(h))[-1] == "URGENT"


async def test_unsupported_language_mid_setup_asks_before_anything_else(h: Harness) -> None:
    alice = h.user("Alice")
    await _dose(h, alice)
    assert await _conv(h, alice) == ("onboarding", "dose")
    asked = await h.say(alice, POLISH)
    _no_reassurance(asked.text)
    assert "Faint, very dizzy, pale or clammy" in asked.button_texts
    urgent = await tap(h, alice, "Faint, very dizzy, pale or clammy", asked)
    assert "CALL 911" in urgent.text  # the country chosen earlier in set-up (United States)


async def test_words_it_cannot_place_get_the_question_not_a_reassurance(h: Harness) -> None:
    alice = h.user("Alice")
    await onboard(h, alice)
    asked = await h.say(alice, SLUMPED)
    _no_reassurance(asked.text)
    assert "I want to be sure" in asked.text
    assert await _decisions(h) == ["EXPECTED"]  # stored with its asks; nothing reassured
    urgent = await tap(h, alice, "Faint, very dizzy, pale or clammy", asked)
    assert "CALL 999" in urgent.text
    assert (await _decisions(h))[-1] == "URGENT"


async def test_before_consent_the_emergency_signs_come_first(h: Harness) -> None:
    bob = h.user("Bob")
    await h.say(bob, "/start")
    marker = len(bob.bot_messages())
    await bob.send(POLISH)
    await h.idle()
    replies = [m.text for m in bob.bot_messages()[marker:]]
    assert any("Call" in t and "112" in t and "trouble breathing" in t for t in replies), replies
    assert any("English, Español" in t for t in replies), replies
    assert await _decisions(h) == []  # nothing stored before consent
