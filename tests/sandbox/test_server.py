"""The sandbox's JSON API without a browser: chatting, the fast-forward clock, reset, live changes, errors."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from bot import tasks
from bot.context import Ctx
from bot.db.models import Consent, Task, User
from bot.emulator.files import TINY_PNG
from bot.sandbox.people import CAST
from bot.sandbox.sandbox import Sandbox
from flows.messages import Message, Raw
from tests.sandbox.conftest import START

PAT, CARLA = CAST[0].id, CAST[1].id


async def _json(client: TestClient, method: str, path: str, body: Any = None, status: int = 200) -> Any:
    response = await client.request(method, path, json=body)
    assert response.status == status, await response.text()
    return await response.json()


async def _texts(client: TestClient, person: int) -> list[str]:
    data = await _json(client, "GET", f"/api/chats/{person}/messages")
    return [m.get("text") or m.get("caption") or "" for m in data["messages"]]


async def _settle(sandbox: Sandbox) -> None:
    _emu, bot = sandbox.running()
    await bot.idle()


async def _consent(client: TestClient, sandbox: Sandbox, person: int = PAT) -> None:
    await _json(client, "POST", f"/api/chats/{person}/send", {"text": "/start"})
    await _settle(sandbox)
    welcome = sandbox.sim(person).last_bot_message()
    assert welcome is not None
    await _json(client, "POST", f"/api/chats/{person}/press",
                {"message_id": welcome.message_id, "data": welcome.buttons[0][0][1]})
    await _settle(sandbox)


async def _ping_in(sandbox: Sandbox, person: int, delay: timedelta) -> None:
    """Schedule a task that makes the bot say "ping" to this person after `delay`."""
    _emu, bot = sandbox.running()

    async def ping(ctx: Ctx, task: Task) -> None:
        ctx.reply(Message.say(Raw("ping")))

    bot.rt.registry.task("sandbox_test_ping", ping)
    async with bot.rt.db.session() as s:
        user_id = await s.scalar(select(User.id).where(User.telegram_id == person))
        assert user_id is not None
        now = sandbox.clock.now()
        await tasks.schedule(s, user_id=user_id, kind="sandbox_test_ping", due_at=now + delay, now=now)


async def test_state_names_the_bot_the_cast_the_menu_and_the_real_time(client: TestClient) -> None:
    state = await _json(client, "GET", "/api/state")
    assert state["bot"]["username"] == "b12_sandbox_bot"
    assert [(p["name"], p["role"]) for p in state["people"]] == [("Pat", "patient"), ("Carla", "carer"),
                                                                  ("Cody", "carer")]
    assert "help" in [c["command"] for c in state["commands"]]
    assert state["clock"] == {"now": START.isoformat(), "offset_seconds": 0, "next_due": None}


async def test_typing_and_pressing_reach_the_real_bot(client: TestClient, sandbox: Sandbox) -> None:
    await _consent(client, sandbox)
    texts = await _texts(client, PAT)
    assert texts[0] == "/start" and "not medical advice" in texts[1]
    assert any("agreement is saved" in t for t in texts)
    assert await _texts(client, CARLA) == []


async def test_advance_moves_the_clock_and_runs_what_fell_due(client: TestClient, sandbox: Sandbox) -> None:
    await _consent(client, sandbox)
    await _ping_in(sandbox, PAT, timedelta(minutes=40))
    clock = await _json(client, "POST", "/api/clock/advance", {"minutes": 15})
    assert clock["offset_seconds"] == 15 * 60 and clock["ran"] == 0
    assert clock["next_due"] == (START + timedelta(minutes=40)).isoformat()
    assert "ping" not in await _texts(client, PAT)
    clock = await _json(client, "POST", "/api/clock/advance", {"minutes": 60})
    assert clock["ran"] == 1 and clock["now"] == (START + timedelta(minutes=75)).isoformat()
    assert (await _texts(client, PAT))[-1] == "ping"


async def test_next_event_jumps_exactly_to_the_next_due_task(client: TestClient, sandbox: Sandbox) -> None:
    await _consent(client, sandbox)
    await _ping_in(sandbox, PAT, timedelta(days=3, hours=2))
    clock = await _json(client, "POST", "/api/clock/next")
    assert clock["ran"] == 1 and clock["now"] == (START + timedelta(days=3, hours=2)).isoformat()
    assert (await _texts(client, PAT))[-1] == "ping"
    assert sandbox.clock.now() == START + timedelta(days=3, hours=2)


async def test_next_event_with_nothing_scheduled_leaves_the_clock_alone(client: TestClient) -> None:
    clock = await _json(client, "POST", "/api/clock/next")
    assert clock["ran"] == 0 and clock["offset_seconds"] == 0 and clock["next_due"] is None


async def test_the_clock_never_goes_backwards_or_leaps_absurdly(client: TestClient) -> None:
    for minutes in (0, -15, "soon", 1e12):
        await _json(client, "POST", "/api/clock/advance", {"minutes": minutes}, status=400)
    assert (await _json(client, "GET", "/api/state"))["clock"]["offset_seconds"] == 0


async def test_reset_wipes_the_database_the_transcripts_and_the_offset(client: TestClient, sandbox: Sandbox) -> None:
    await _consent(client, sandbox)
    await _json(client, "POST", "/api/clock/advance", {"minutes": 24 * 60})
    before = await _json(client, "GET", "/api/state")

    reset = await _json(client, "POST", "/api/reset")

    assert reset["epoch"] != before["epoch"]
    assert await _texts(client, PAT) == []
    state = await _json(client, "GET", "/api/state")
    assert state["clock"]["offset_seconds"] == 0 and len(state["people"]) == 3
    _emu, bot = sandbox.running()
    async with bot.rt.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(User)) == 0
        assert await s.scalar(select(func.count()).select_from(Consent)) == 0
    stale = await _json(client, "GET", f"/api/changes?epoch={before['epoch']}&since={before['version']}")
    assert stale == {"epoch": reset["epoch"], "reset": True}
    # The fresh bot answers as a fresh bot: the welcome and the consent question again.
    await _json(client, "POST", f"/api/chats/{PAT}/send", {"text": "/start"})
    await _settle(sandbox)
    assert "Do you agree" in (await _texts(client, PAT))[-1]


async def test_changes_long_poll_reports_new_messages_and_clock_moves(client: TestClient, sandbox: Sandbox) -> None:
    state = await _json(client, "GET", "/api/state")
    await _json(client, "POST", f"/api/chats/{PAT}/send", {"text": "/help"})
    await _settle(sandbox)
    await _json(client, "POST", "/api/clock/advance", {"minutes": 60})
    feed = await _json(client, "GET", f"/api/changes?epoch={state['epoch']}&since={state['version']}&timeout=1")
    kinds = [e["type"] for e in feed["events"]]
    assert "update" not in kinds and kinds[-1] == "clock"
    messages = [e["message"] for e in feed["events"] if e["type"] == "message"]
    assert [m["from_bot"] for m in messages] == [False, True] and messages[0]["text"] == "/help"
    assert feed["events"][-1]["offset_seconds"] == 3600
    quiet = await _json(client, "GET", f"/api/changes?epoch={state['epoch']}&since={feed['version']}&timeout=0")
    assert quiet["events"] == [] and quiet["version"] == feed["version"]


async def test_deep_links_open_as_the_chosen_person(client: TestClient, sandbox: Sandbox) -> None:
    sent = await _json(client, "POST", f"/api/chats/{CARLA}/link",
                       {"url": "https://t.me/b12_sandbox_bot?start=invite_abc123"})
    assert sent["text"] == "/start invite_abc123" and sent["chat_id"] == CARLA
    await _json(client, "POST", f"/api/chats/{CARLA}/link", {"url": "https://t.me/other_bot?start=x"}, status=400)


async def test_photos_go_to_the_bot_and_can_be_fetched_back(client: TestClient, sandbox: Sandbox) -> None:
    await _consent(client, sandbox)
    sent = await _json(client, "POST", f"/api/chats/{PAT}/media",
                       {"kind": "photo", "data_base64": base64.b64encode(TINY_PNG).decode()})
    await _settle(sandbox)
    assert "can't look at photos" in (await _texts(client, PAT))[-1]
    file_id = sent["files"][0].rsplit("/", 1)[1]
    response = await client.get(f"/api/files/{file_id}")
    assert response.status == 200 and await response.read() == TINY_PNG
    assert response.content_type == "image/png"


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("GET", "/api/chats/42/messages", None, 404),
    ("POST", "/api/chats/42/send", {"text": "hi"}, 404),
    ("POST", f"/api/chats/{PAT}/send", {"text": "   "}, 400),
    ("POST", f"/api/chats/{PAT}/press", {"message_id": 999, "data": "x"}, 400),
    ("POST", f"/api/chats/{PAT}/media", {"kind": "video"}, 400),
    ("POST", f"/api/chats/{PAT}/media", {"kind": "photo", "data_base64": "%%%"}, 400),
    ("GET", "/api/files/nope", None, 404),
])
async def test_bad_requests_get_a_clear_error(client: TestClient, method: str, path: str, body: Any,
                                              status: int) -> None:
    data = await _json(client, method, path, body, status=status)
    assert data["error"]


async def test_bad_json_is_refused(client: TestClient) -> None:
    response = await client.post(f"/api/chats/{PAT}/send", data="{not json",
                                 headers={"Content-Type": "application/json"})
    assert response.status == 400 and "JSON" in (await response.json())["error"]


async def test_the_page_and_its_assets_are_served(client: TestClient) -> None:
    page = await client.get("/")
    assert page.status == 200 and "<title>B12 companion · sandbox</title>" in await page.text()
    for asset in ("app.js", "api.js", "render.js", "clock.js", "dialogs.js", "sandbox.css"):
        assert (await client.get(f"/static/{asset}")).status == 200, asset
