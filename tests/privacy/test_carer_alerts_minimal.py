"""Carers' missed, ADVICE and URGENT alerts carry name, time, level, a short summary and the number, never free text."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.e2e.harness import Harness
from tests.privacy.session import (
    CARER_HANDLE,
    CARER_NAME,
    PATIENT_HANDLE,
    PATIENT_LAST,
    PATIENT_NAME,
    TYPED_BATCH,
    TYPED_COUNTRY,
    TYPED_PRODUCT,
    TYPED_STRENGTH,
    link_carer,
    onboard_typed,
    press_newest,
    take_dose_with_batch,
)

pytestmark = pytest.mark.e2e

ADVICE_TEXT = "the injection spot is red hot and the redness is spreading wider, like a wombat sunburn"
URGENT_TEXT = "my lips are swelling like a pufferfish and my tongue feels thick"
FREE_TEXT = (ADVICE_TEXT, URGENT_TEXT, "wombat", "pufferfish", "spreading wider", "tongue feels thick",
             TYPED_BATCH, TYPED_PRODUCT, TYPED_STRENGTH, TYPED_COUNTRY, PATIENT_LAST, PATIENT_HANDLE, "Berlin")


async def test_alerts_to_a_carer_never_quote_the_patient(h: Harness) -> None:
    pat = h.user(PATIENT_NAME, last_name=PATIENT_LAST, username=PATIENT_HANDLE)
    carer = h.user(CARER_NAME, username=CARER_HANDLE)
    await onboard_typed(h, pat)
    await link_carer(h, pat, carer)
    # The most the patient can share: advice alerts on, symptoms named in alerts.
    await h.say(pat, "/carers")
    await press_newest(h, pat, f"{CARER_NAME}: what they receive")
    await press_newest(h, pat, "clinician's advice")
    await press_newest(h, pat, "Back")
    ladder = await press_newest(h, pat, "Missed-dose timing")
    if "Name my symptoms in alerts: off" in ladder.button_texts:
        await press_newest(h, pat, "Name my symptoms in alerts: off")
    assert "Name my symptoms in alerts: on" in pat.last_bot_message().button_texts

    # Wednesday's dose goes unanswered: missed, and the carer hears.
    await h.advance(timedelta(hours=47))
    await h.advance(timedelta(hours=7))
    missed = [m for m in carer.bot_messages() if "has not recorded" in (m.text or "")]
    assert len(missed) == 1, [m.text for m in carer.bot_messages()]

    # Friday's dose is taken with a batch number; in the check-in the patient writes in their own words.
    await take_dose_with_batch(h, pat, timedelta(days=2) - timedelta(hours=7))
    await h.advance(timedelta(minutes=31))
    await h.say(pat, ADVICE_TEXT)
    await h.advance(timedelta(minutes=15))
    await h.say(pat, URGENT_TEXT)
    await h.idle()

    texts = [m.text or "" for m in carer.bot_messages()]
    advice = [t for t in texts if "advice" in t.lower() and PATIENT_NAME in t and "Reported" in t]
    urgent = [t for t in texts if t.startswith("🚨 URGENT")]
    assert advice and urgent, texts
    assert "112" in urgent[0] and PATIENT_NAME in urgent[0] and "Reported at" in urgent[0]
    assert "swelling of the face, lips, tongue or eyes" in urgent[0]  # the short summary, in the bot's words
    for text in texts:
        for secret in FREE_TEXT:
            assert secret.lower() not in text.lower(), (secret, text)
