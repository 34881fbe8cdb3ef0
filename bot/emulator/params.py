"""Read Bot API parameters from query string, JSON, urlencoded or multipart bodies, like Telegram does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.web_request import FileField

from .errors import bad_request

# Form values PTB sends verbatim (not JSON-encoded); everything else is json.dumps'ed by PTB
_RAW_STRINGS = frozenset({
    "text", "caption", "parse_mode", "url", "secret_token", "callback_query_id", "file_id", "action",
    "description", "short_description", "name", "language_code", "emoji", "ip_address", "inline_message_id",
    "photo", "document", "voice", "sticker", "audio", "video", "animation", "thumbnail", "business_connection_id",
    "message_effect_id", "filename", "title", "first_name", "last_name", "username",
})
_JSON_FIELDS = frozenset({
    "reply_markup", "entities", "caption_entities", "reply_parameters", "link_preview_options", "allowed_updates",
    "commands", "scope", "menu_button", "media", "message_ids",
})


@dataclass
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    content_type: str | None
    data: bytes


def _decode_form_value(name: str, value: str) -> Any:
    if name in _RAW_STRINGS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def read_params(request: web.Request) -> Params:
    """Merge query string and body into one Params, decoding PTB's form/multipart encoding."""
    values: dict[str, Any] = {k: _decode_form_value(k, v) for k, v in request.query.items()}
    uploads: dict[str, Upload] = {}
    if request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as err:
                raise bad_request("can't parse JSON object") from err
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            values.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, FileField):
                    uploads[key] = Upload(value.filename, value.content_type, value.file.read())
                else:
                    values[key] = _decode_form_value(key, str(value))
    return Params(values, uploads)


class Params:
    """Typed access to one request's parameters, raising Telegram's 400s on bad input."""

    def __init__(self, values: dict[str, Any], uploads: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.uploads = uploads or {}

    def __contains__(self, name: str) -> bool:
        return name in self.values or name in self.uploads

    def raw(self, name: str, default: Any = None) -> Any:
        """The decoded value as sent."""
        return self.values.get(name, default)

    def string(self, name: str, default: str | None = None) -> str | None:
        """A string parameter (numbers are stringified, as Telegram accepts them)."""
        value = self.values.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value) if isinstance(value, dict | list) \
            else str(value).lower() if isinstance(value, bool) else str(value)

    def integer(self, name: str, default: int | None = None, missing: str | None = None) -> int | None:
        """An integer parameter; `missing` is the 400 detail when it is required but absent."""
        value = self.values.get(name)
        if value is None or value == "":
            if missing:
                raise bad_request(missing)
            return default
        try:
            return int(value)
        except (TypeError, ValueError) as err:
            raise bad_request(f"invalid {name} specified") from err

    def number(self, name: str, default: float = 0.0) -> float:
        """A numeric parameter."""
        value = self.values.get(name)
        try:
            return default if value is None else float(value)
        except (TypeError, ValueError) as err:
            raise bad_request(f"invalid {name} specified") from err

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean parameter; accepts true/false, 1/0."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def obj(self, name: str, what: str | None = None) -> Any:
        """A JSON object/array parameter, also accepted as a JSON-encoded string."""
        value = self.values.get(name)
        if isinstance(value, str) and name in _JSON_FIELDS:
            try:
                return json.loads(value)
            except ValueError as err:
                raise bad_request(f"can't parse {what or name} JSON object") from err
        return value

    def chat_id(self) -> int | str:
        """chat_id as an int, or an @username string."""
        value = self.values.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError) as err:
            raise bad_request("chat not found") from err

    def input_file(self, name: str) -> Upload | str | None:
        """A file parameter: an uploaded part (direct or via attach://), or a file_id/URL string."""
        if name in self.uploads:
            return self.uploads[name]
        value = self.values.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            part = self.uploads.get(value.removeprefix("attach://"))
            if part is None:
                raise bad_request(f"can't find attached file {value!r}")
            return part
        return value if isinstance(value, str) else None
