"""A realistic session through the emulator, full of distinctive typed strings that must never reach a log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from tests.e2e.harness import TOKEN, Harness
from tests.onboarding.e2e_helpers import answer, tap

INVITE_URL = re.compile(r"https://t\.me/\S+\?start=(\S+)")

# Everything a person typed or is called; none of it may appear in a log record.
PATIENT_NAME, PATIENT_LAST, PATIENT_HANDLE = "Zebedee", "Quillfeather", "zeb_private_handle"
CARER_NAME, CARER_HANDLE = "Yolanda", "yolanda_private_handle"
TYPED_COUNTRY = "Deutschland"
TYPED_PRODUCT = "Vitabix Depot"
TYPED_STRENGTH = "2.5 mg/mL"
TYPED_BATCH = "QZ7731BATCH"
MILD_SYMPTOM = "a small itchy quokka-shaped bump"
URGENT_SYMPTOM = "my lips are swelling like a pufferfish and my tongue feels thick"


@dataclass
class Session:
    """The people of the session and the secrets it produced."""

    patient: Any
    carer: Any
    invite_token: str

    def secrets(self) -> list[str]:
        """Strings that identify a person, describe their health or grant access."""
        return [
            PATIENT_NAME, PATIENT_LAST, PATIENT_HANDLE, CARER_NAME, CARER_HANDLE, TYPED_COUNTRY, TYPED_PRODUCT,
            TYPED_STRENGTH, TYPED_BATCH, "quokka", "pufferfish", MILD_SYMPTOM, URGENT_SYMPTOM, TOKEN,
            TOKEN.split(":", 1)[1], self.invite_token,
        ]


async def press_newest(h: Harness, user: Any, label: str) -> Any:
    """Press the newest button whose label contains `label` and return the bot's latest message."""
    for message in reversed(user.bot_messages()):
        for text in message.button_texts:
            if label in text:
                await user.press(message, text)
                await h.idle()
                return user.last_bot_message()
    raise AssertionError(f"no button {label!r} for {user}")


async def onboard_typed(h: Harness, patient: Any) -> None:
    """Consent and set up with typed country, product, strength and time (Berlin, first dose Wed 4 Mar 07:45)."""
    await h.consent(patient)
    await answer(h, patient, TYPED_COUNTRY)
    await tap(h, patient, "Berlin")
    await tap(h, patient, "Another")
    await answer(h, patient, TYPED_PRODUCT)
    await tap(h, patient, "Other")
    await answer(h, patient, TYPED_STRENGTH)
    await answer(h, patient, "0.4")
    for part in ("(IM)", "Thigh", "Done", "every 3 months", "planned date", "Tomorrow"):
        await tap(h, patient, part)
    await answer(h, patient, "07:45")
    saved = await tap(h, patient, "Save")
    assert "All set" in saved.text, saved.text


async def link_carer(h: Harness, patient: Any, carer: Any) -> str:
    """Invite → carer consents and accepts → patient confirms; returns the invite token."""
    await h.say(patient, "/carers")
    invite = await press_newest(h, patient, "Invite a carer")
    found = INVITE_URL.search(invite.text or "")
    assert found, invite.text
    await carer.open_link(found.group(0))
    await h.idle()
    await press_newest(h, carer, "I agree")
    await press_newest(h, carer, "Accept")
    await press_newest(h, patient, "Yes, that's them")
    assert "you are now their carer" in (carer.last_bot_message().text or "")
    return found.group(1)


async def take_dose_with_batch(h: Harness, patient: Any, wait: timedelta = timedelta(hours=47)) -> None:
    """The reminder comes after `wait`; Taken, site, route, a typed batch number, just now."""
    await h.advance(wait)
    reminder = patient.last_bot_message()
    assert "Time for your B12 injection" in reminder.text, reminder.text
    await tap(h, patient, "Taken")
    await tap(h, patient, "Thigh")
    await tap(h, patient, "(IM)")
    await answer(h, patient, TYPED_BATCH)
    logged = await tap(h, patient, "Just now")
    assert "Logged" in logged.text and TYPED_BATCH in logged.text, logged.text


async def full_session(h: Harness) -> Session:
    """Onboarding, a carer, a dose with a batch number, a mild check-in answer in words, then an urgent report."""
    patient = h.user(PATIENT_NAME, last_name=PATIENT_LAST, username=PATIENT_HANDLE)
    carer = h.user(CARER_NAME, username=CARER_HANDLE)
    await onboard_typed(h, patient)
    token = await link_carer(h, patient, carer)
    await take_dose_with_batch(h, patient)
    await h.advance(timedelta(minutes=31))
    assert "How are you after your injection?" in patient.last_bot_message().text
    await h.say(patient, MILD_SYMPTOM)
    await h.advance(timedelta(minutes=15))
    await h.say(patient, URGENT_SYMPTOM)
    await h.idle()
    return Session(patient, carer, token)
