"""Plain records the emulator keeps: users, messages, stored files and callback queries."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]
Button = tuple[str, str | None]

MEDIA_KINDS = ("photo", "document", "voice", "sticker", "audio", "video", "animation")


@dataclass
class User:
    """A Telegram account: a simulated person, or the bot itself."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_api(self) -> Json:
        """The Bot API User object."""
        data: Json = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data

    def private_chat(self) -> Json:
        """The Bot API Chat object of this user's private chat with the bot."""
        data: Json = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass
class StoredFile:
    """A file the bot or a user sent; bytes are kept so getFile can serve them back."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes | None = None
    file_name: str | None = None
    mime_type: str | None = None
    url: str | None = None
    file_path: str | None = None

    @property
    def size(self) -> int:
        """Size in bytes, 0 when only a URL is known."""
        return len(self.data or b"")

    def ref(self) -> Json:
        """The file_id/file_unique_id/file_size triple every Bot API file object starts with."""
        return {"file_id": self.file_id, "file_unique_id": self.file_unique_id, "file_size": self.size}


@dataclass
class Message:
    """One message in a private chat, from the user or from the bot, with its edit history."""

    message_id: int
    chat_id: int
    from_bot: bool
    sender: User
    chat: Json
    date: int
    text: str | None = None
    entities: list[Json] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[Json] = field(default_factory=list)
    markup: Json | None = None
    media: Json = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    reply_to: Message | None = None
    link_preview_options: Json | None = None
    edit_date: int | None = None
    history: list[Json] = field(default_factory=list)
    deleted: bool = False

    @property
    def edited(self) -> bool:
        """True once the message has been edited."""
        return self.edit_date is not None

    @property
    def inline_keyboard(self) -> list[list[Json]]:
        """The raw inline keyboard rows, empty when there is none."""
        return list((self.markup or {}).get("inline_keyboard") or [])

    @property
    def buttons(self) -> list[list[Button]]:
        """Inline keyboard as rows of (text, callback_data or url)."""
        return [
            [(b.get("text", ""), b.get("callback_data", b.get("url"))) for b in row] for row in self.inline_keyboard
        ]

    @property
    def button_texts(self) -> list[str]:
        """All inline button labels, flattened."""
        return [text for row in self.buttons for text, _ in row]

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        """The custom reply keyboard this message showed, as rows of labels."""
        rows = (self.markup or {}).get("keyboard")
        if rows is None:
            return None
        return [[b if isinstance(b, str) else b.get("text", "") for b in row] for row in rows]

    @property
    def photo(self) -> list[Json] | None:
        """PhotoSize list when this is a photo."""
        return self.media.get("photo")

    @property
    def document(self) -> Json | None:
        """Document object when this is a document."""
        return self.media.get("document")

    @property
    def content(self) -> str:
        """Text or caption, whichever the message carries."""
        return self.text if self.text is not None else (self.caption or "")

    def snapshot(self) -> Message:
        """A frozen copy for event logs, so later edits do not rewrite what was seen."""
        return copy.deepcopy(self)

    def to_api(self, nested: bool = False) -> Json:
        """The Bot API Message object."""
        data: Json = {
            "message_id": self.message_id,
            "from": self.sender.to_api(),
            "chat": dict(self.chat),
            "date": self.date,
        }
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if self.reply_to is not None and not nested:
            data["reply_to_message"] = self.reply_to.to_api(nested=True)
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = copy.deepcopy(self.entities)
            if self.link_preview_options:
                data["link_preview_options"] = dict(self.link_preview_options)
        data.update(copy.deepcopy(self.media))
        if self.caption is not None:
            data["caption"] = self.caption
            if self.caption_entities:
                data["caption_entities"] = copy.deepcopy(self.caption_entities)
        if self.markup and "inline_keyboard" in self.markup:
            # Telegram only echoes inline keyboards back in Message.reply_markup
            data["reply_markup"] = copy.deepcopy(self.markup)
        return data

    def to_view(self) -> Json:
        """A flat dict for the control API and sandbox page, including emulator-only fields."""
        view = self.to_api()
        view.update(
            chat_id=self.chat_id,
            from_bot=self.from_bot,
            markup=copy.deepcopy(self.markup),
            buttons=[
                [{k: v for k, v in b.items() if k in ("text", "callback_data", "url")} for b in row]
                for row in self.inline_keyboard
            ],
            edited=self.edited,
            deleted=self.deleted,
            history=copy.deepcopy(self.history),
            files=[f"/_emu/files/{file_id}" for file_id in self.files],
        )
        return view

    def __repr__(self) -> str:
        who = "bot" if self.from_bot else self.sender.first_name
        flags = "".join(f" {f}" for f, on in (("edited", self.edited), ("deleted", self.deleted)) if on)
        kind = next((k for k in MEDIA_KINDS if k in self.media), "")
        content = self.content if len(self.content) <= 60 else self.content[:57] + "..."
        return f"<Message #{self.message_id} {who}{flags} {kind}{content!r} buttons={self.button_texts}>"


@dataclass
class CallbackQuery:
    """A button press the emulator sent to the bot, and the bot's answer once it comes."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answered: bool = False
    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int | None = None

    def to_view(self) -> Json:
        """A JSON-able dict for the control API."""
        return dict(self.__dict__)
