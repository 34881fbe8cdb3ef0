"""Driving the set-up through the emulator: tap buttons by part of their label, and a complete set-up."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.db.models import Conversation, Prescription, User
from tests.e2e.harness import Harness


def label_of(message: Any, part: str) -> str:
    """The full label of the button on `message` whose label contains `part` (or whose data ends with it)."""
    for row in message.buttons:
        for text, data in row:
            if part.lower() in text.lower() or (data or "").endswith(f":{part}"):
                return text
    raise AssertionError(f"no button like {part!r} in {message.button_texts}")


async def tap(h: Harness, user: Any, part: str, message: Any | None = None) -> Any:
    """Press a button on the latest bot message (or `message`) and return the latest bot message after it."""
    await h.idle()
    target = message or user.last_bot_message()
    await user.press(target, label_of(target, part))
    await h.idle()
    return user.last_bot_message()


async def answer(h: Harness, user: Any, text: str) -> Any:
    """Type an answer and return the bot's reply."""
    return await h.say(user, text)


async def onboard(h: Harness, user: Any, *, time: str = "09:00") -> None:
    """Consent and complete the set-up: UK, hydroxocobalamin 1 mg/mL, 1 mL IM, thigh, UK 3-monthly, tomorrow."""
    await h.consent(user)
    for part in ("United Kingdom", "London", "Hydroxocobalamin", "1 mg/mL"):
        await tap(h, user, part)
    await answer(h, user, "1")
    for part in ("(IM)", "Thigh", "Done", "every 3 months", "planned date", "Tomorrow", time, "Save"):
        await tap(h, user, part)


async def stored(h: Harness, user: Any) -> tuple[User, list[Prescription], Conversation | None]:
    """The user's row, their prescriptions (oldest first) and their current conversation."""
    assert h.rt is not None
    async with h.rt.db.session() as s:
        row = await s.scalar(select(User).where(User.telegram_id == user.id))
        assert row is not None
        found = (await s.scalars(select(Prescription).where(Prescription.user_id == row.id).order_by(Prescription.id)))
        return row, list(found.all()), await s.get(Conversation, row.id)
