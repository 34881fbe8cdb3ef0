"""First contact through the emulator: welcome, consent, help, and polite answers to everything else."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.db.models import Consent, User
from flows.consent import CONSENT_VERSION
from tests.e2e.harness import Harness


async def _consents(h: Harness) -> list[Consent]:
    assert h.rt is not None
    async with h.rt.db.session() as s:
        return list((await s.scalars(select(Consent))).all())


async def test_start_explains_limits_and_asks_for_consent(h: Harness) -> None:
    alice = h.user("Alice")
    welcome = await h.say(alice, "/start")
    assert "not medical advice" in welcome.text
    assert "prescribed" in welcome.text and "emergency number" in welcome.text
    labels = [text for row in welcome.buttons for text, _ in row]
    assert labels == ["I agree", "No, thanks"]


async def test_consent_press_is_stored_with_time_and_version(h: Harness) -> None:
    alice = h.user("Alice")
    welcome = await h.say(alice, "/start")
    await alice.press(welcome, "I agree")
    await h.idle()
    [consent] = await _consents(h)
    assert consent.version == CONSENT_VERSION
    assert consent.given_at == h.clock.now()
    assert any("agreement is saved" in m.text for m in alice.bot_messages())


async def test_pressing_agree_twice_stores_one_consent(h: Harness) -> None:
    alice = h.user("Alice")
    welcome = await h.say(alice, "/start")
    await alice.press(welcome, "I agree")
    await alice.press(welcome, "I agree")
    await h.idle()
    assert len(await _consents(h)) == 1


async def test_before_consent_anything_else_gets_the_prompt_again(h: Harness) -> None:
    alice = h.user("Alice")
    reply = await h.say(alice, "hello there")
    assert "need your agreement" in reply.text
    assert [t for row in reply.buttons for t, _ in row] == ["I agree", "No, thanks"]
    reply = await h.say(alice, "/next")
    assert "need your agreement" in reply.text
    assert await _consents(h) == []


async def test_declining_stores_no_consent(h: Harness) -> None:
    alice = h.user("Alice")
    welcome = await h.say(alice, "/start")
    await alice.press(welcome, "No, thanks")
    await h.idle()
    assert "/start" in alice.last_bot_message().text
    assert await _consents(h) == []


async def test_a_consent_button_from_an_older_text_is_not_stored(h: Harness) -> None:
    alice = h.user("Alice")
    welcome = await h.say(alice, "/start")
    await alice.press(welcome, "consent:yes:2001-01.1", forge=True)
    await h.idle()
    assert await _consents(h) == []
    assert "I agree" in [t for row in alice.last_bot_message().buttons for t, _ in row]


async def test_help_lists_commands(h: Harness) -> None:
    alice = h.user("Alice")
    await h.consent(alice)
    reply = await h.say(alice, "/help")
    for command in ("/next", "/schedule", "/log", "/settings", "/pause", "/resume", "/carers", "/cancel"):
        assert command in reply.text


async def test_unknown_command_points_to_help(h: Harness) -> None:
    alice = h.user("Alice")
    await h.consent(alice)
    reply = await h.say(alice, "/frobnicate")
    assert "don't know that command" in reply.text and "/help" in reply.text


async def test_stickers_photos_and_voice_get_a_useful_answer(h: Harness) -> None:
    alice = h.user("Alice")
    await h.consent(alice)
    for send, expected in (
        (alice.send_sticker, "sticker"),
        (alice.send_photo, "photos"),
        (alice.send_voice, "voice"),
    ):
        alice.mark()
        await send()
        await h.idle()
        reply = await alice.next_bot_message()
        assert expected in reply.text and "type it" in reply.text


async def test_an_over_long_message_gets_a_polite_answer(h: Harness) -> None:
    alice = h.user("Alice")
    await h.consent(alice)
    reply = await h.say(alice, "blah " * 819)
    assert "long message" in reply.text


async def test_cancel_works_with_nothing_going_on_and_before_consent(h: Harness) -> None:
    alice = h.user("Alice")
    reply = await h.say(alice, "/cancel")
    assert "nothing to cancel" in reply.text


async def test_the_command_menu_is_published(h: Harness) -> None:
    commands = h.emu.state.commands_for()
    assert {"help", "next", "cancel"} <= {c["command"] for c in commands}


async def test_restart_keeps_the_consent(h: Harness) -> None:
    alice = h.user("Alice")
    await h.consent(alice)
    await h.restart()
    reply = await h.say(alice, "/help")
    assert "/next" in reply.text
    assert h.rt is not None
    async with h.rt.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(User)) == 1
