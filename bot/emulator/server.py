"""The aiohttp application: /bot<token>/<method>, /file/bot<token>/<path> and the /_emu/ control API."""

from __future__ import annotations

import asyncio
import json
import re
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import messaging, methods  # noqa: F401  (importing registers the Bot API handlers)
from .control import setup_control
from .errors import ApiError, Described
from .files import by_path
from .params import Params, read_params
from .registry import METHODS

if TYPE_CHECKING:
    from .emulator import Emulator

EMULATOR_KEY: web.AppKey[Emulator] = web.AppKey("emulator")
TOKEN_FORMAT = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
MAX_BODY = 64 * 1024 * 1024
API_LOG_LIMIT = 5_000

_BAD_GATEWAY_HTML = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                     b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
                     b"</body>\r\n</html>\r\n")


def _json(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(body, ensure_ascii=False), status=status,
                        content_type="application/json")


def _error(code: int, description: str) -> web.Response:
    return _json({"ok": False, "error_code": code, "description": description}, status=code)


def _check_token(emu: Emulator, token: str) -> web.Response | None:
    # Telegram: malformed token -> 404, well-formed but unknown -> 401
    if not TOKEN_FORMAT.match(token):
        return _error(404, "Not Found")
    if token != emu.token:
        return _error(401, "Unauthorized")
    return None


def _log_call(emu: Emulator, method: str, params: Params, status: int) -> None:
    # `at` (monotonic seconds) lets tests and benchmarks check the pace of sends as Telegram would see it.
    emu.api_log.append({"method": method, "params": dict(params.values), "files": sorted(params.uploads),
                        "status": status, "at": time.monotonic()})
    if len(emu.api_log) > API_LOG_LIMIT:
        del emu.api_log[: len(emu.api_log) - API_LOG_LIMIT]


async def handle_api(request: web.Request) -> web.Response:
    """Dispatch one Bot API call through faults to its handler and wrap the result."""
    emu = request.app[EMULATOR_KEY]
    if (denied := _check_token(emu, request.match_info["token"])) is not None:
        return denied
    name = request.match_info["method"]
    method = name.lower()
    try:
        params = await read_params(request)
    except ApiError as err:
        return _json(err.payload(), status=err.code)
    if emu.faults.latency_seconds > 0:
        await asyncio.sleep(emu.faults.latency_seconds)
    failure = emu.faults.take_failure(method)
    if failure is not None:
        _log_call(emu, name, params, failure)
        if failure == 502:
            return web.Response(body=_BAD_GATEWAY_HTML, status=502, content_type="text/html")
        return _error(failure, "Internal Server Error")
    handler = METHODS.get(method)
    if handler is None:
        _log_call(emu, name, params, 404)
        return _error(404, "Not Found: method not found")
    try:
        result = await handler(emu, params)
    except ApiError as err:
        _log_call(emu, name, params, err.code)
        return _json(err.payload(), status=err.code)
    _log_call(emu, name, params, 200)
    if isinstance(result, Described):
        return _json({"ok": True, "result": result.result, "description": result.description})
    return _json({"ok": True, "result": result})


async def handle_file(request: web.Request) -> web.Response:
    """Serve bytes of a file previously returned by getFile."""
    emu = request.app[EMULATOR_KEY]
    if (denied := _check_token(emu, request.match_info["token"])) is not None:
        return denied
    stored = by_path(emu.state, request.match_info["path"])
    if stored is None or stored.data is None:
        return _error(404, "Not Found")
    return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")


def build_app(emu: Emulator) -> web.Application:
    """A fresh aiohttp application bound to one emulator (no globals, so many can coexist)."""
    app = web.Application(client_max_size=MAX_BODY)
    app[EMULATOR_KEY] = emu
    app.router.add_route("*", "/bot{token}/{method}", handle_api)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    setup_control(app, emu)
    return app
