"""The /_emu/ HTTP control API lets another process (the sandbox page) act as users and follow the chat."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import RetryAfter

from bot.emulator import Emulator
from tests.emulator.conftest import TOKEN

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def http(emu: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the control API."""
    async with httpx.AsyncClient(base_url=f"{emu.url}/_emu", timeout=10) as client:
        yield client


async def test_create_user_send_and_read_the_transcript(http: httpx.AsyncClient, bot: Bot) -> None:
    created = await http.post("/users", json={"first_name": "Dana", "username": "dana", "language_code": "fr"})
    assert created.status_code == 201
    dana = created.json()
    assert (await http.get("/users")).json() == [dana]
    chat = f"/chats/{dana['chat_id']}"
    sent = (await http.post(f"{chat}/command", json={"command": "start", "payload": "abc"})).json()
    assert sent["text"] == "/start abc" and sent["from_bot"] is False
    [update] = await bot.get_updates()
    assert update.message.text == "/start abc" and update.effective_user.language_code == "fr"

    await bot.send_message(dana["id"], "Pick", reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton("A", callback_data="pick:a")]]))
    transcript = (await http.get(f"{chat}/messages")).json()
    assert [m["text"] for m in transcript["messages"]] == ["/start abc", "Pick"]
    assert transcript["messages"][1]["buttons"] == [[{"text": "A", "callback_data": "pick:a"}]]

    query = (await http.post(f"{chat}/press", json={"message_id": 2, "data": "pick:a"})).json()
    [press] = await bot.get_updates(offset=update.update_id + 1)
    assert press.callback_query.id == query["id"] and press.callback_query.data == "pick:a"
    await press.callback_query.answer("Picked A")
    [answered] = (await http.get(f"{chat}/queries")).json()
    assert (answered["answered"], answered["text"]) == (True, "Picked A")


async def test_changes_long_poll_wakes_on_bot_activity(http: httpx.AsyncClient, emu: Emulator, bot: Bot) -> None:
    erin = emu.user("Erin")
    since = emu.state.version
    waiting = asyncio.create_task(http.get("/changes", params={"since": since, "timeout": 10}))
    await bot.send_message(erin.id, "hello Erin")
    changes = (await asyncio.wait_for(waiting, 5)).json()
    assert changes["version"] > since
    [event] = [e for e in changes["events"] if e["type"] == "message"]
    assert event["chat_id"] == erin.id and event["message"]["text"] == "hello Erin"
    empty = (await http.get("/changes", params={"since": changes["version"], "timeout": 0})).json()
    assert empty["events"] == []


async def test_media_files_and_faults(http: httpx.AsyncClient, emu: Emulator, bot: Bot) -> None:
    fay = emu.user("Fay")
    data = b"%PDF-1.4 from the browser"
    sent = (await http.post(f"/chats/{fay.id}/media", json={
        "kind": "document", "file_name": "letter.pdf", "data_base64": base64.b64encode(data).decode()})).json()
    assert sent["document"]["file_name"] == "letter.pdf"
    assert (await http.get(sent["files"][0].removeprefix("/_emu"))).content == data

    faults = (await http.post("/faults", json={"flood": {"per_chat_per_second": 1, "chat_burst": 1}})).json()
    assert faults["flood"]["enabled"] is True
    await bot.send_message(fay.id, "first")
    with pytest.raises(RetryAfter):
        await bot.send_message(fay.id, "second")
    await http.post("/faults", json={"clear": True})
    await http.post(f"/chats/{fay.id}/block")
    assert (await http.get("/users")).json()[0]["blocked"] is True
    overview = (await http.get("/")).json()
    assert overview["bot"]["username"] == "b12_test_bot" and overview["faults"]["flood"]["enabled"] is False


async def test_control_errors_are_json(http: httpx.AsyncClient, emu: Emulator, bot: Bot) -> None:
    gus = emu.user("Gus")
    await bot.send_message(gus.id, "no buttons here")
    missing_user = await http.post("/chats/1/send", json={"text": "hi"})
    assert missing_user.status_code == 404 and "error" in missing_user.json()
    bad_press = await http.post(f"/chats/{gus.id}/press", json={"message_id": 1, "text": "Nope"})
    assert bad_press.status_code == 400 and "no button" in bad_press.json()["error"]
    calls = (await http.get("/calls")).json()
    assert calls[-1]["method"] == "sendMessage" and calls[-1]["params"]["text"] == "no buttons here"
    assert TOKEN not in str(calls)
