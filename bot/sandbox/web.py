"""The sandbox web server: the chat page, its JSON API under /api/, and files the bot sent.

    GET  /                                  the chat page (static/index.html; assets under /static/)
    GET  /api/state                         {epoch, version, bot, people (with time zones), commands, clock}
    GET  /api/chats/{id}/messages           {epoch, version, messages: [emulator message view]}
    POST /api/chats/{id}/send               {text}                       type a message (commands too)
    POST /api/chats/{id}/press              {message_id, data}           tap an inline button
    POST /api/chats/{id}/link               {url}                        open a t.me/<bot>?start=… link
    POST /api/chats/{id}/media              {kind: photo|document|sticker, data_base64?, file_name?, mime_type?}
    GET  /api/changes?epoch=E&since=N       long poll: {epoch, version, events} or {epoch, reset: true}
    POST /api/clock/advance                 {minutes}                    fast-forward, then run the timer
    POST /api/clock/next                    jump to the next due task and run it
    POST /api/reset                         wipe the sandbox database and transcripts, start again
    GET  /api/files/{file_id}               a photo or document from the chat

Errors come back as {"error": "..."}: 400 bad input, 404 unknown person or file, 503 while restarting.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.emulator import Emulator
from bot.sandbox.botdb import zones
from bot.sandbox.people import CAST
from bot.sandbox.sandbox import NotRunning, Sandbox

STATIC = Path(__file__).parent / "static"
SANDBOX: web.AppKey[Sandbox] = web.AppKey("sandbox", Sandbox)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# Only what the page draws; "update" and "webhook" events are plumbing.
SHOWN = frozenset({"message", "edit", "delete", "callback_answer", "chat_action", "commands", "clock"})
LONGEST_ADVANCE = timedelta(days=400)


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))


def _guarded(fn: Handler) -> Handler:
    """Turn the Python API's errors into short JSON answers."""
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await fn(request)
        except NotRunning as err:
            return _json({"error": str(err)}, 503)
        except KeyError as err:
            return _json({"error": f"not found: {err}"}, 404)
        except (ValueError, TypeError, OverflowError) as err:
            return _json({"error": str(err)}, 400)
    return wrapped


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        data = await request.json()
    except ValueError as err:
        raise ValueError("body must be JSON") from err
    if not isinstance(data, dict):
        raise ValueError("body must be a JSON object")
    return data


def _commands(emu: Emulator) -> list[dict[str, Any]]:
    return emu.state.commands_for(None, "en") or emu.state.commands_for()


def build_web_app(sandbox: Sandbox) -> web.Application:
    """The aiohttp application serving the page and the API for one Sandbox."""
    app = web.Application(client_max_size=12 * 1024 * 1024)
    app[SANDBOX] = sandbox
    routes = web.RouteTableDef()

    def chat_id(request: web.Request) -> int:
        return int(request.match_info["chat_id"])

    @routes.get("/")
    async def index(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @routes.get("/api/state")
    @_guarded
    async def state(request: web.Request) -> web.StreamResponse:
        emu, bot = sandbox.running()
        known = await zones(bot.rt.db, [p.id for p in CAST])
        default = sandbox.settings.default_timezone
        people = [{**p.view(), "zone": known.get(p.id, default)} for p in CAST]
        return _json({"epoch": sandbox.epoch, "version": emu.state.version,
                      "bot": {"username": emu.bot.username, "first_name": emu.bot.first_name},
                      "people": people, "commands": _commands(emu), "clock": await sandbox.clock_view()})

    @routes.get("/api/chats/{chat_id}/messages")
    @_guarded
    async def messages(request: web.Request) -> web.StreamResponse:
        emu, _bot = sandbox.running()
        sim = sandbox.sim(chat_id(request))
        return _json({"epoch": sandbox.epoch, "version": emu.state.version,
                      "messages": [m.to_view() for m in sim.messages()]})

    @routes.post("/api/chats/{chat_id}/send")
    @_guarded
    async def send(request: web.Request) -> web.StreamResponse:
        body = await _body(request)
        message = await sandbox.sim(chat_id(request)).send(str(body.get("text", "")))
        return _json(message.to_view())

    @routes.post("/api/chats/{chat_id}/press")
    @_guarded
    async def press(request: web.Request) -> web.StreamResponse:
        body = await _body(request)
        query = await sandbox.sim(chat_id(request)).press(int(body["message_id"]), str(body["data"]))
        return _json(query.to_view())

    @routes.post("/api/chats/{chat_id}/link")
    @_guarded
    async def link(request: web.Request) -> web.StreamResponse:
        body = await _body(request)
        return _json((await sandbox.sim(chat_id(request)).open_link(str(body["url"]))).to_view())

    @routes.post("/api/chats/{chat_id}/media")
    @_guarded
    async def media(request: web.Request) -> web.StreamResponse:
        body = await _body(request)
        sim, kind = sandbox.sim(chat_id(request)), body.get("kind")
        try:
            data = base64.b64decode(body["data_base64"], validate=True) if body.get("data_base64") else None
        except binascii.Error as err:
            raise ValueError("data_base64 is not valid base64") from err
        if kind == "photo":
            message = await (sim.send_photo(data) if data else sim.send_photo())
        elif kind == "document":
            extra = {k: str(body[k]) for k in ("file_name", "mime_type") if body.get(k)}
            message = await (sim.send_document(data, **extra) if data else sim.send_document(**extra))
        elif kind == "sticker":
            message = await sim.send_sticker(str(body.get("emoji") or "👍"))
        else:
            raise ValueError("kind must be photo, document or sticker")
        return _json(message.to_view())

    @routes.get("/api/changes")
    @_guarded
    async def changes(request: web.Request) -> web.StreamResponse:
        epoch = request.query.get("epoch", "")
        since = int(request.query.get("since", "0"))
        timeout = min(30.0, max(0.0, float(request.query.get("timeout", "25"))))
        if epoch != sandbox.epoch:
            return _json({"epoch": sandbox.epoch, "reset": True})
        emu, _bot = sandbox.running()
        version, events = await emu.changes(since, timeout)
        if epoch != sandbox.epoch:
            return _json({"epoch": sandbox.epoch, "reset": True})
        return _json({"epoch": epoch, "version": version,
                      "events": [e.to_view() for e in events if e.kind in SHOWN]})

    @routes.post("/api/clock/advance")
    @_guarded
    async def advance(request: web.Request) -> web.StreamResponse:
        body = await _body(request)
        delta = timedelta(minutes=float(body.get("minutes", 0)))
        if delta > LONGEST_ADVANCE:
            raise ValueError("fast-forward at most 400 days at a time")
        return _json(await sandbox.advance(delta))

    @routes.post("/api/clock/next")
    @_guarded
    async def next_event(request: web.Request) -> web.StreamResponse:
        return _json(await sandbox.next_event())

    @routes.post("/api/reset")
    @_guarded
    async def reset(request: web.Request) -> web.StreamResponse:
        await sandbox.reset()
        return _json({"epoch": sandbox.epoch})

    @routes.get("/api/files/{file_id}")
    @_guarded
    async def file(request: web.Request) -> web.StreamResponse:
        emu, _bot = sandbox.running()
        stored = emu.state.files[request.match_info["file_id"]]
        if stored.data is None:
            raise KeyError(stored.file_id)
        headers = {}
        if stored.kind == "document":
            name = (stored.file_name or "file").replace('"', "")
            headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream",
                            headers=headers)

    app.add_routes(routes)
    app.router.add_static("/static/", STATIC, append_version=False)
    return app
