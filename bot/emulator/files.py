"""Files: turn uploads, file_ids and URLs into stored files and the Bot API objects that describe them."""

from __future__ import annotations

import mimetypes
import struct

from .errors import bad_request
from .models import Json, StoredFile
from .params import Upload
from .state import State

_FOLDERS = {"photo": ("photos", ".jpg"), "document": ("documents", ""), "voice": ("voice", ".oga"),
            "sticker": ("stickers", ".webp"), "audio": ("music", ".mp3"), "video": ("videos", ".mp4"),
            "animation": ("animations", ".mp4")}

# A 1x1 PNG, used when a simulated user sends a photo without giving bytes
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082"
)


def image_size(data: bytes | None) -> tuple[int, int]:
    """(width, height) from a PNG or JPEG header; (0, 0) when unknown."""
    if not data:
        return 0, 0
    if data.startswith(b"\x89PNG") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            marker, length = data[i + 1], struct.unpack(">H", data[i + 2 : i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return width, height
            i += 2 + length
    return 0, 0


def store_input(state: State, value: Upload | str | None, kind: str) -> StoredFile:
    """Resolve a file parameter: new upload, re-sent file_id, or an HTTP URL Telegram would fetch."""
    if value is None:
        raise bad_request(f"there is no {kind} in the request")
    if isinstance(value, Upload):
        if not value.data:
            raise bad_request("file must be non-empty")
        mime = value.content_type
        if not mime or mime == "application/octet-stream":
            mime = mimetypes.guess_type(value.filename or "")[0] or mime
        return state.add_file(kind, value.data, value.filename, mime)
    known = state.files.get(value)
    if known is not None:
        if known.kind != kind and not (kind == "document" and known.kind != "photo"):
            raise bad_request(f"can't use file of type {known.kind.title()} as {kind.title()}")
        return known
    if value.startswith(("http://", "https://")):
        # The emulator has no internet; keep the URL and serve no bytes
        name = value.rsplit("/", 1)[-1] or None
        return state.add_file(kind, None, name, mimetypes.guess_type(value)[0], url=value)
    raise bad_request("wrong file identifier/HTTP URL specified")


def media_object(stored: StoredFile, kind: str, **extra: object) -> Json:
    """The Bot API object (PhotoSize list, Document, Voice, Sticker...) for a stored file."""
    ref = stored.ref()
    if kind == "photo":
        width, height = image_size(stored.data)
        return {"photo": [{**ref, "width": width or 800, "height": height or 600}]}
    if kind == "voice":
        return {"voice": {**ref, "duration": extra.get("duration") or 1, "mime_type": stored.mime_type or "audio/ogg"}}
    if kind == "sticker":
        return {"sticker": {**ref, "width": 512, "height": 512, "is_animated": False, "is_video": False,
                            "type": "regular", "emoji": extra.get("emoji") or "👍"}}
    obj: Json = {**ref}
    if stored.file_name:
        obj["file_name"] = stored.file_name
    if stored.mime_type:
        obj["mime_type"] = stored.mime_type
    if kind in ("audio", "video", "animation"):
        obj["duration"] = extra.get("duration") or 1
    if kind in ("video", "animation"):
        obj.update(width=extra.get("width") or 640, height=extra.get("height") or 360)
    return {kind: obj}


def file_info(state: State, file_id: str | None) -> Json:
    """getFile: the File object, assigning a download path on first request."""
    stored = state.files.get(file_id or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.data is None:
        raise bad_request("wrong file_id or the file is temporarily unavailable")
    if stored.file_path is None:
        folder, ext = _FOLDERS.get(stored.kind, ("documents", ""))
        if not ext and stored.file_name and "." in stored.file_name:
            ext = "." + stored.file_name.rsplit(".", 1)[-1]
        stored.file_path = f"{folder}/file_{len([f for f in state.files.values() if f.file_path])}{ext}"
    return {**stored.ref(), "file_path": stored.file_path}


def by_path(state: State, path: str) -> StoredFile | None:
    """The stored file served at /file/bot<token>/<path>."""
    return next((f for f in state.files.values() if f.file_path == path), None)
