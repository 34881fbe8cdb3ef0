"""Updates reach a real PTB Application through getUpdates long polling, and its replies reach the user."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Conflict
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.emulator import Emulator, SimUser
from tests.emulator.conftest import polling

Ctx = ContextTypes.DEFAULT_TYPE
ASK = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="inj:yes"),
                             InlineKeyboardButton("Not yet", callback_data="inj:no")]])


async def _start(update: Update, context: Ctx) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"start payload={' '.join(context.args or []) or '-'}")


async def _echo(update: Update, context: Ctx) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}", reply_markup=ASK)


async def _pressed(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer("Noted", show_alert=query.data == "inj:no")
    await query.edit_message_text(f"You said {query.data} to: {query.message.text}")


async def _media(update: Update, context: Ctx) -> None:
    message = update.effective_message
    assert message is not None
    kind = next(k for k in ("photo", "sticker", "voice", "document") if getattr(message, k))
    await message.reply_text(f"got {kind}")


HANDLERS = (
    CommandHandler("start", _start),
    MessageHandler(filters.TEXT & ~filters.COMMAND, _echo),
    CallbackQueryHandler(_pressed, pattern=r"^inj:"),
    MessageHandler(filters.PHOTO | filters.Sticker.ALL | filters.VOICE | filters.Document.ALL, _media),
)


async def test_text_commands_and_deep_links_arrive_through_long_polling(emu: Emulator, alice: SimUser) -> None:
    async with polling(emu, *HANDLERS):
        await alice.send("hello")
        reply = await alice.next_bot_message()
        assert reply.text == "echo: hello" and reply.button_texts == ["Yes", "Not yet"]
        await alice.command("/start", "abc")
        assert (await alice.next_bot_message()).text == "start payload=abc"
        await alice.send("/start@b12_test_bot")
        assert (await alice.next_bot_message()).text == "start payload=-"
        await alice.open_link("https://t.me/b12_test_bot?start=carer-7Xq")
        assert (await alice.next_bot_message()).text == "start payload=carer-7Xq"
    mine = [m for m in alice.messages() if not m.from_bot]
    assert [m.text for m in mine] == ["hello", "/start abc", "/start@b12_test_bot", "/start carer-7Xq"]
    assert mine[2].entities == [{"type": "bot_command", "offset": 0, "length": 19}]
    with pytest.raises(ValueError, match="not allowed"):
        await alice.open_link("https://t.me/b12_test_bot?start=bad%20payload")


async def test_button_press_is_handled_answered_and_edits_in_place(emu: Emulator, alice: SimUser) -> None:
    async with polling(emu, *HANDLERS):
        await alice.send("I injected")
        question = await alice.next_bot_message()
        assert question.button_texts == ["Yes", "Not yet"]
        query = await alice.press(question, "Not yet")
        edited = await alice.next_bot_message()
        await alice.wait_answer(query)
    assert edited.message_id == question.message_id and edited.edited
    assert edited.text == "You said inj:no to: echo: I injected" and edited.buttons == []
    assert (query.text, query.show_alert) == ("Noted", True)
    assert alice.callback_answers() == [query]
    with pytest.raises(ValueError, match="no button"):
        await alice.press(question, "Yes")  # the edit removed the keyboard


async def test_user_media_reaches_media_handlers(emu: Emulator, alice: SimUser) -> None:
    async with polling(emu, *HANDLERS):
        for send, kind in ((alice.send_photo, "photo"), (alice.send_sticker, "sticker"),
                           (alice.send_voice, "voice"), (alice.send_document, "document")):
            await send()
            assert (await alice.next_bot_message()).text == f"got {kind}"


async def test_two_users_get_their_own_replies(emu: Emulator, alice: SimUser) -> None:
    bob = emu.user("Bob", language_code="de")
    async with polling(emu, *HANDLERS):
        await asyncio.gather(alice.send("from alice"), bob.send("from bob"))
        assert (await bob.next_bot_message()).text == "echo: from bob"
        assert (await alice.next_bot_message()).text == "echo: from alice"
    assert bob.id != alice.id and [m.chat_id for m in bob.messages()] == [bob.id, bob.id]


async def test_wait_for_times_out_with_the_chat_tail(alice: SimUser) -> None:
    await alice.send("anyone?")
    with pytest.raises(TimeoutError, match="anyone"):
        await alice.next_bot_message(timeout=0.05)


async def test_get_updates_long_poll_wakes_when_an_update_arrives(bot: Bot, alice: SimUser) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    loop.call_later(0.05, lambda: asyncio.ensure_future(alice.send("wake up")))
    [update] = await bot.get_updates(timeout=10)
    assert update.message.text == "wake up" and loop.time() - started < 2
    assert await bot.get_updates(timeout=0.2) == (update,)  # not confirmed yet
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_offsets_limits_and_allowed_updates(emu: Emulator, bot: Bot, alice: SimUser) -> None:
    for n in range(5):
        await alice.send(f"m{n}")
    assert [u.message.text for u in await bot.get_updates(limit=2)] == ["m0", "m1"]
    assert [u.message.text for u in await bot.get_updates(offset=-2)] == ["m3", "m4"]
    await bot.get_updates(offset=-1, allowed_updates=["callback_query"])
    await alice.send("filtered out")
    assert [u.message.text for u in await bot.get_updates()] == ["m4"]


async def test_a_second_poller_terminates_the_first_with_conflict(emu: Emulator, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await emu.updates.until_polled()
    async with Bot(emu.token, base_url=emu.bot_base_url) as second_process:
        assert await second_process.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await first
