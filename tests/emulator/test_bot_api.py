"""Bot API methods through a real PTB Bot: messages, keyboards, edits, validation, files, tokens."""

from __future__ import annotations

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from telegram.error import BadRequest, EndPointNotFound, InvalidToken

from bot.emulator import Emulator, SimUser
from tests.emulator.conftest import TOKEN

KEYBOARD = InlineKeyboardMarkup([
    [InlineKeyboardButton("Done", callback_data="dose:done"), InlineKeyboardButton("Snooze", callback_data="snooze")],
    [InlineKeyboardButton("Help", url="https://example.org/help")],
])


async def test_send_message_with_inline_keyboard_shows_up_in_transcript(bot: Bot, alice: SimUser) -> None:
    sent = await bot.send_message(alice.id, "Time for your <b>B12</b> 💉", parse_mode="HTML", reply_markup=KEYBOARD)
    assert sent.text == "Time for your B12 💉"
    assert sent.entities[0].type == "bold" and (sent.entities[0].offset, sent.entities[0].length) == (14, 3)
    assert sent.reply_markup == KEYBOARD
    assert sent.from_user.username == "b12_test_bot" and sent.chat.id == alice.id
    [message] = alice.messages()
    assert message.message_id == sent.message_id and message.from_bot
    assert message.buttons == [[("Done", "dose:done"), ("Snooze", "snooze")], [("Help", "https://example.org/help")]]
    assert alice.last_bot_message() is message


async def test_markdown_v2_is_parsed_and_unescaped_reserved_characters_are_rejected(bot: Bot, alice: SimUser) -> None:
    sent = await bot.send_message(alice.id, r"*Dose* logged\. See [log](https://x\.org)", parse_mode="MarkdownV2")
    assert sent.text == "Dose logged. See log"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 4), ("text_link", 17, 3)]
    with pytest.raises(BadRequest, match="reserved and must be escaped"):
        await bot.send_message(alice.id, "Dose logged.", parse_mode="MarkdownV2")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(alice.id, "<b>open", parse_mode="HTML")


async def test_edit_message_text_edits_in_place(bot: Bot, alice: SimUser) -> None:
    sent = await bot.send_message(alice.id, "Did you inject?", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("Logged ✅", chat_id=alice.id, message_id=sent.message_id)
    assert edited.message_id == sent.message_id and edited.edit_date is not None
    [message] = alice.messages()
    assert message.text == "Logged ✅" and message.edited
    assert message.buttons == []  # Telegram drops the inline keyboard when an edit omits reply_markup
    assert message.history[0]["text"] == "Did you inject?"
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Logged ✅", chat_id=alice.id, message_id=sent.message_id)
    await bot.edit_message_reply_markup(alice.id, sent.message_id, reply_markup=KEYBOARD)
    assert message.button_texts == ["Done", "Snooze", "Help"] and message.text == "Logged ✅"


async def test_delete_message_keeps_it_flagged_in_the_transcript(bot: Bot, alice: SimUser) -> None:
    first = await bot.send_message(alice.id, "one")
    await bot.send_message(alice.id, "two")
    assert await bot.delete_message(alice.id, first.message_id) is True
    assert [m.text for m in alice.messages()] == ["two"]
    assert [m.deleted for m in alice.messages(include_deleted=True)] == [True, False]
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(alice.id, first.message_id)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"text": ""}, "Message text is empty"),
        ({"text": "x" * 4097}, "Message is too long"),
        ({"text": "hi", "reply_markup": InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="d" * 65)]])},
         "Button_data_invalid"),
        ({"text": "hi", "chat_id": 42}, "Chat not found"),
        ({"text": "hi", "reply_parameters": ReplyParameters(999)}, "Message to be replied not found"),
    ],
)
async def test_send_message_is_validated_like_telegram(bot: Bot, alice: SimUser, kwargs: dict, error: str) -> None:
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(**{"chat_id": alice.id, **kwargs})
    assert caught.value.message.lower().startswith(error.lower())
    assert alice.messages() == []


async def test_editing_a_missing_message_is_a_bad_request(bot: Bot, alice: SimUser) -> None:
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=alice.id, message_id=77)
    await alice.send("hello")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", chat_id=alice.id, message_id=1)


async def test_reply_keyboard_force_reply_and_replies(bot: Bot, alice: SimUser) -> None:
    question = await alice.send("what now?")
    await bot.send_message(alice.id, "Pick a site", reply_markup=ReplyKeyboardMarkup([["Left arm", "Right arm"]]))
    assert alice.reply_keyboard == [["Left arm", "Right arm"]]
    answer = await bot.send_message(alice.id, "ok", reply_markup=ReplyKeyboardRemove(),
                                    reply_parameters=ReplyParameters(question.message_id))
    assert alice.reply_keyboard is None
    assert answer.reply_to_message.text == "what now?"
    forced = await bot.send_message(alice.id, "Dose in mg?", reply_markup=ForceReply())
    assert forced.reply_markup is None and alice.last_bot_message().markup == {"force_reply": True}
    assert alice.reply_keyboard is None


async def test_photo_and_document_round_trip(bot: Bot, alice: SimUser) -> None:
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000002000000030806000000") + b"\x00" * 30
    photo = await bot.send_photo(alice.id, png, caption="<i>site</i>", parse_mode="HTML")
    assert photo.caption == "site" and photo.caption_entities[0].type == "italic"
    assert (photo.photo[-1].width, photo.photo[-1].height) == (2, 3)
    assert bytes(await (await photo.photo[-1].get_file()).download_as_bytearray()) == png

    doc = await bot.send_document(alice.id, b"date,dose\n", filename="log.csv", caption="your log")
    assert (doc.document.file_name, doc.document.mime_type, doc.document.file_size) == ("log.csv", "text/csv", 10)
    file = await bot.get_file(doc.document.file_id)
    assert file.file_path.startswith(f"{bot.base_file_url}/documents/") and file.file_path.endswith(".csv")
    assert bytes(await file.download_as_bytearray()) == b"date,dose\n"

    again = await bot.send_document(alice.id, doc.document.file_id)
    assert again.document.file_id == doc.document.file_id
    assert [m.document is not None for m in alice.bot_messages()] == [False, True, True]
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_document(alice.id, "not-a-file-id")


async def test_bot_can_download_what_a_user_sent(bot: Bot, alice: SimUser) -> None:
    await alice.send_document(b"%PDF-1.4 prescription", file_name="rx.pdf", caption="my prescription")
    [update] = await bot.get_updates()
    assert update.message.caption == "my prescription"
    data = await (await update.message.document.get_file()).download_as_bytearray()
    assert bytes(data) == b"%PDF-1.4 prescription"


async def test_commands_menu_button_chat_action_and_get_chat(bot: Bot, emu: Emulator, alice: SimUser) -> None:
    await bot.set_my_commands([BotCommand("next", "Next dose"), BotCommand("help", "Help")])
    await bot.set_my_commands([BotCommand("next", "Nächste Dosis")], language_code="de")
    assert [c.command for c in await bot.get_my_commands()] == ["next", "help"]
    assert emu.state.commands_for(language_code="de") == [{"command": "next", "description": "Nächste Dosis"}]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    assert await bot.delete_my_commands() is True
    assert await bot.get_my_commands() == ()
    assert await bot.set_chat_menu_button(alice.id, MenuButtonCommands()) is True
    assert await bot.send_chat_action(alice.id, "typing") is True
    assert emu.state.events[-1].kind == "chat_action"
    chat = await bot.get_chat(alice.id)
    assert (chat.type, chat.first_name, chat.username) == ("private", "Alice", "alice")


async def test_tokens_and_unknown_methods(emu: Emulator, bot: Bot) -> None:
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with Bot("123456:wrong-token", base_url=emu.bot_base_url):
            pass
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("frobnicate")
    async with httpx.AsyncClient(base_url=emu.url) as http:
        assert (await http.get("/botnot-a-token/getMe")).json() == {"ok": False, "error_code": 404,
                                                                    "description": "Not Found"}
        unauthorized = await http.get("/bot999:nope/getMe")
        assert unauthorized.status_code == 401 and unauthorized.json()["description"] == "Unauthorized"
        unknown = await http.post(f"/bot{TOKEN}/frobnicate")
        assert (unknown.status_code, unknown.json()["description"]) == (404, "Not Found: method not found")
        me = await http.get(f"/bot{TOKEN}/GETME")
        assert me.json()["result"]["username"] == "b12_test_bot"


async def test_json_bodies_and_query_strings_are_accepted(emu: Emulator, alice: SimUser) -> None:
    markup = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    async with httpx.AsyncClient(base_url=f"{emu.url}/bot{TOKEN}") as http:
        sent = (await http.post("/SendMessage", json={"chat_id": alice.id, "text": "123", "reply_markup": markup}))
        assert sent.json()["result"]["text"] == "123"  # a numeric text stays a string
        got = await http.get("/sendMessage", params={"chat_id": str(alice.id), "text": "via query"})
        assert got.json()["ok"] is True
    assert [(m.text, m.buttons) for m in alice.messages()] == [("123", [[("OK", "ok")]]), ("via query", [])]
