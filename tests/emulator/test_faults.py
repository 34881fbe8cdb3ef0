"""Fault injection surfaces as the PTB exceptions a real Telegram outage or limit would raise."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ChatMemberHandler, CommandHandler, ContextTypes

from bot.emulator import Emulator, SimUser
from tests.emulator.conftest import polling

# PTB 22 warns that RetryAfter.retry_after will become a timedelta; that is PTB's business, not ours
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")


async def test_flood_control_answers_429_with_retry_after(emu: Emulator, bot: Bot, alice: SimUser) -> None:
    for n in range(5):
        await bot.send_message(alice.id, f"burst {n}")  # off by default
    emu.flood(per_chat_per_second=1, chat_burst=2)
    await bot.send_message(alice.id, "one")
    await bot.send_message(alice.id, "two")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(alice.id, "three")
    assert caught.value.retry_after >= 1
    assert await bot.send_chat_action(alice.id, "typing")  # only send* methods are limited
    bob = emu.user("Bob")
    await bot.send_message(bob.id, "other chats have their own budget")
    emu.flood(False)
    await bot.send_message(alice.id, "three")
    assert [m.text for m in alice.bot_messages()][-3:] == ["one", "two", "three"]


async def test_global_flood_limit(emu: Emulator, bot: Bot) -> None:
    users = [emu.user(f"U{n}") for n in range(4)]
    emu.flood(per_second=3, chat_burst=10)
    for user in users[:3]:
        await bot.send_message(user.id, "hi")
    with pytest.raises(RetryAfter):
        await bot.send_message(users[3].id, "hi")


async def test_blocked_user_gives_forbidden_and_my_chat_member_updates(
    emu: Emulator, bot: Bot, alice: SimUser
) -> None:
    alice.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(alice.id, "reminder")
    with pytest.raises(Forbidden):
        await bot.send_photo(alice.id, b"\x89PNG....")
    alice.unblock()
    await bot.send_message(alice.id, "welcome back")
    kicked, member = await bot.get_updates()
    assert kicked.my_chat_member.new_chat_member.status == "kicked"
    assert member.my_chat_member.new_chat_member.status == "member"
    assert [m.text for m in alice.messages()] == ["welcome back"]


async def test_user_who_never_started_the_bot_cannot_be_messaged_first(emu: Emulator, bot: Bot) -> None:
    carol = emu.user("Carol", started=False)
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(carol.id, "hello?")
    await carol.command("start")
    await bot.send_message(carol.id, "hello!")


async def test_fail_next_injects_5xx_then_recovers(emu: Emulator, bot: Bot, alice: SimUser) -> None:
    emu.fail_next(1, status=500)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(alice.id, "lost")
    emu.fail_next(1, status=502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(alice.id, "lost too")
    await bot.send_message(alice.id, "delivered")
    assert [m.text for m in alice.messages()] == ["delivered"]
    emu.fail_next(1, methods=["editMessageText"])
    await bot.send_message(alice.id, "unaffected")
    assert emu.faults.pending_failures == 1


async def test_polling_survives_a_bad_gateway_on_get_updates(emu: Emulator, alice: SimUser) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("hello")

    async with polling(emu, CommandHandler("start", start)):
        emu.fail_next(1, status=502, methods=["getUpdates"])
        await alice.command("start")
        assert (await alice.next_bot_message(timeout=5)).text == "hello"
    assert emu.faults.pending_failures == 0


async def test_errors_inside_handlers_reach_the_error_handler(emu: Emulator, alice: SimUser) -> None:
    errors: list[BaseException] = []
    seen = asyncio.Event()

    async def on_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await context.bot.send_message(alice.id, "are you there?")

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        errors.append(context.error)
        seen.set()

    async with polling(emu, ChatMemberHandler(on_member, ChatMemberHandler.MY_CHAT_MEMBER)) as app:
        app.add_error_handler(on_error)
        alice.block()
        await asyncio.wait_for(seen.wait(), 5)
    assert isinstance(errors[0], Forbidden)


async def test_latency_delays_every_call(emu: Emulator, bot: Bot, alice: SimUser) -> None:
    emu.latency(0.2)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.send_message(alice.id, "slow")
    assert loop.time() - started >= 0.2
    emu.latency(0)


async def test_callback_answers_are_once_only(emu: Emulator, bot: Bot, alice: SimUser) -> None:
    sent = await bot.send_message(alice.id, "?", reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton("ok", callback_data="ok")]]))
    query = await alice.press(sent.message_id, "ok")
    [update] = await bot.get_updates()
    assert update.callback_query.id == query.id and update.callback_query.message.message_id == sent.message_id
    assert update.callback_query.chat_instance == alice.chat.chat_instance
    await update.callback_query.answer()
    with pytest.raises(BadRequest, match="Query is too old"):
        await update.callback_query.answer()
