"""The /_emu/ JSON control API: act as users, read transcripts, follow changes and toggle faults over HTTP.

Everything is JSON; a chat id is the user's id. Errors come back as {"error": "..."} with 400/404.

    GET  /_emu/                                 bot (getMe), url, version, webhook info, faults, pending_updates
    GET  /_emu/users                            [{id, first_name, ..., chat_id, blocked, started, reply_keyboard}]
    POST /_emu/users                            {first_name, last_name?, username?, language_code?, id?, started?}
    GET  /_emu/chats/{chat_id}/messages         {version, messages: [message view]}  (?include_deleted=1)
    GET  /_emu/chats/{chat_id}/queries          [callback query: id, data, message_id, answered, text, show_alert]
    POST /_emu/chats/{chat_id}/send             {text, reply_to?}            -> message view
    POST /_emu/chats/{chat_id}/command          {command, payload?}          -> message view
    POST /_emu/chats/{chat_id}/link             {url: "https://t.me/<bot>?start=X"} -> message view
    POST /_emu/chats/{chat_id}/media            {kind: photo|document|voice|sticker, data_base64?, caption?,
                                                 file_name?, mime_type?, emoji?} -> message view
    POST /_emu/chats/{chat_id}/press            {message_id, data? | text?}  -> callback query
    POST /_emu/chats/{chat_id}/block|unblock    -> {blocked}
    GET  /_emu/changes?since=N&timeout=25       long poll: {version, events: [{version, type, chat_id, message?, ...}]}
                                                types: user, message, edit, delete, callback_query, callback_answer,
                                                chat_action, block, unblock, update, webhook, webhook_error,
                                                commands, faults
    GET  /_emu/faults                           current fault settings
    POST /_emu/faults                           {clear?, flood?: bool | {enabled, per_second, per_chat_per_second,
                                                 chat_burst}, latency?: seconds, fail_next?: {n, status, methods?}}
    GET  /_emu/files/{file_id}                  raw bytes of any stored file (photos the bot sent, ...)
    GET  /_emu/commands                         every setMyCommands set with its scope/language key
    GET  /_emu/calls?since=i                    Bot API call log from index i: {method, params, files, status}

A message view is the Bot API Message plus chat_id, from_bot, markup (any keyboard), buttons
([[{text, callback_data|url}]]), edited, deleted, history (earlier versions) and files (/_emu/files/... URLs).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .models import Json

if TYPE_CHECKING:
    from .emulator import Emulator
    from .users import SimUser

Route = Callable[[web.Request], Awaitable[web.Response]]


def _ok(data: Any, status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(data, ensure_ascii=False), status=status, content_type="application/json")


def _fail(status: int, error: str) -> web.Response:
    return _ok({"error": error}, status)


async def _body(request: web.Request) -> Json:
    if not request.can_read_body:
        return {}
    try:
        data = await request.json()
    except ValueError as err:
        raise web.HTTPBadRequest(text=json.dumps({"error": "body must be JSON"}),
                                 content_type="application/json") from err
    return data if isinstance(data, dict) else {}


def _guard(fn: Route) -> Route:
    """Turn ValueError/KeyError from the Python API into 400/404 JSON replies."""
    async def wrapped(request: web.Request) -> web.Response:
        try:
            return await fn(request)
        except KeyError as err:
            return _fail(404, f"not found: {err}")
        except (ValueError, TypeError) as err:
            return _fail(400, str(err))
    return wrapped


def _user_view(emu: Emulator, sim: SimUser) -> Json:
    return {**sim.user.to_api(), "chat_id": sim.id, "blocked": sim.blocked, "started": sim.chat.started,
            "reply_keyboard": sim.reply_keyboard}


def setup_control(app: web.Application, emu: Emulator) -> None:
    """Add the /_emu/ routes for this emulator to the app."""
    routes = web.RouteTableDef()

    def sim_of(request: web.Request) -> SimUser:
        return emu.get_user(int(request.match_info["chat_id"]))

    @routes.get("/_emu/")
    async def overview(request: web.Request) -> web.Response:
        return _ok({"bot": emu.get_me(), "url": emu.url, "version": emu.state.version,
                    "webhook": emu.webhook.info(), "faults": emu.faults.to_view(),
                    "pending_updates": len(emu.updates.pending)})

    @routes.get("/_emu/users")
    async def list_users(request: web.Request) -> web.Response:
        return _ok([_user_view(emu, sim) for sim in emu.users()])

    @routes.post("/_emu/users")
    @_guard
    async def create_user(request: web.Request) -> web.Response:
        b = await _body(request)
        sim = emu.user(b.get("first_name") or "Guest", b.get("last_name"), b.get("username"),
                       b.get("language_code", "en"), id=b.get("id"), started=b.get("started", True))
        return _ok(_user_view(emu, sim), 201)

    @routes.get("/_emu/chats/{chat_id}/messages")
    @_guard
    async def transcript(request: web.Request) -> web.Response:
        sim = sim_of(request)
        include = request.query.get("include_deleted", "") in ("1", "true")
        return _ok({"version": emu.state.version, "messages": [m.to_view() for m in sim.messages(include)]})

    @routes.get("/_emu/chats/{chat_id}/queries")
    @_guard
    async def queries(request: web.Request) -> web.Response:
        return _ok([q.to_view() for q in sim_of(request).queries()])

    @routes.post("/_emu/chats/{chat_id}/send")
    @_guard
    async def send(request: web.Request) -> web.Response:
        b = await _body(request)
        message = await sim_of(request).send(str(b.get("text", "")), reply_to=b.get("reply_to"))
        return _ok(message.to_view())

    @routes.post("/_emu/chats/{chat_id}/command")
    @_guard
    async def command(request: web.Request) -> web.Response:
        b = await _body(request)
        message = await sim_of(request).command(str(b["command"]), b.get("payload"))
        return _ok(message.to_view())

    @routes.post("/_emu/chats/{chat_id}/link")
    @_guard
    async def link(request: web.Request) -> web.Response:
        b = await _body(request)
        return _ok((await sim_of(request).open_link(str(b["url"]))).to_view())

    @routes.post("/_emu/chats/{chat_id}/media")
    @_guard
    async def media(request: web.Request) -> web.Response:
        b = await _body(request)
        sim, kind = sim_of(request), b.get("kind", "photo")
        try:
            data = base64.b64decode(b["data_base64"], validate=True) if b.get("data_base64") else None
        except binascii.Error as err:
            raise ValueError("data_base64 is not valid base64") from err
        extra = {k: b[k] for k in ("caption", "file_name", "mime_type") if b.get(k) is not None}
        if kind == "photo":
            message = await sim.send_photo(*([data] if data else []), caption=extra.get("caption"))
        elif kind == "document":
            message = await sim.send_document(*([data] if data else []), **extra)
        elif kind == "voice":
            message = await sim.send_voice(*([data] if data else []))
        elif kind == "sticker":
            message = await sim.send_sticker(b.get("emoji") or "👍")
        else:
            raise ValueError(f"unknown media kind {kind!r}")
        return _ok(message.to_view())

    @routes.post("/_emu/chats/{chat_id}/press")
    @_guard
    async def press(request: web.Request) -> web.Response:
        b = await _body(request)
        label = b.get("data") if b.get("data") is not None else b.get("text")
        if label is None:
            raise ValueError("give 'data' (callback_data) or 'text' (button label)")
        query = await sim_of(request).press(int(b["message_id"]), str(label))
        return _ok(query.to_view())

    @routes.post("/_emu/chats/{chat_id}/block")
    @_guard
    async def block(request: web.Request) -> web.Response:
        emu.block(sim_of(request))
        return _ok({"blocked": True})

    @routes.post("/_emu/chats/{chat_id}/unblock")
    @_guard
    async def unblock(request: web.Request) -> web.Response:
        emu.unblock(sim_of(request))
        return _ok({"blocked": False})

    @routes.get("/_emu/changes")
    @_guard
    async def changes(request: web.Request) -> web.Response:
        since = int(request.query.get("since", "0"))
        timeout = min(60.0, max(0.0, float(request.query.get("timeout", "25"))))
        version, events = await emu.changes(since, timeout)
        return _ok({"version": version, "events": [e.to_view() for e in events]})

    @routes.get("/_emu/faults")
    async def get_faults(request: web.Request) -> web.Response:
        return _ok(emu.faults.to_view())

    @routes.post("/_emu/faults")
    @_guard
    async def set_faults(request: web.Request) -> web.Response:
        b = await _body(request)
        if b.get("clear"):
            emu.clear_faults()
        flood = b.get("flood")
        if isinstance(flood, bool):
            emu.flood(flood)
        elif isinstance(flood, dict):
            emu.flood(bool(flood.get("enabled", True)),
                      **{k: float(flood[k]) for k in ("per_second", "per_chat_per_second", "chat_burst") if k in flood})
        if "latency" in b:
            emu.latency(float(b["latency"]))
        if isinstance(fail := b.get("fail_next"), dict):
            emu.fail_next(int(fail.get("n", 1)), int(fail.get("status", 500)), fail.get("methods"))
        return _ok(emu.faults.to_view())

    @routes.get("/_emu/files/{file_id}")
    async def file(request: web.Request) -> web.Response:
        stored = emu.state.files.get(request.match_info["file_id"])
        if stored is None or stored.data is None:
            return _fail(404, "no such file")
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    @routes.get("/_emu/commands")
    async def commands(request: web.Request) -> web.Response:
        return _ok([{"key": json.loads(k), "commands": v} for k, v in emu.state.commands.items()])

    @routes.get("/_emu/calls")
    async def calls(request: web.Request) -> web.Response:
        start = int(request.query.get("since", "0") or 0)
        return _ok(emu.api_log[start:])

    app.add_routes(routes)
