"""The emulator's world: users, private chats, messages, files, callback queries and a change log."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from .models import CallbackQuery, Json, Message, StoredFile, User

T = TypeVar("T")

EVENT_LOG_LIMIT = 20_000


class Clock(Protocol):
    """Anything with now() -> aware datetime, e.g. flows.clock.OffsetClock."""

    def now(self) -> datetime: ...


class _WallClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class Chat:
    """A private chat between one user and the bot; message ids are shared by both sides."""

    user: User
    chat_instance: str
    started: bool = True
    messages: list[Message] = field(default_factory=list)
    next_id: int = 1
    reply_keyboard: Json | None = None
    menu_button: Json | None = None

    def find(self, message_id: int) -> Message | None:
        """The live (not deleted) message with this id."""
        for message in reversed(self.messages):
            if message.message_id == message_id:
                return None if message.deleted else message
        return None


@dataclass
class Event:
    """One entry in the change log: something visible happened in a chat or to the emulator."""

    version: int
    kind: str
    chat_id: int | None = None
    message: Message | None = None
    data: Json = field(default_factory=dict)

    def to_view(self) -> Json:
        """A JSON-able dict for /_emu/changes."""
        view: Json = {"version": self.version, "type": self.kind, "chat_id": self.chat_id, **self.data}
        if self.message is not None:
            view["message"] = self.message.to_view()
        return view


class State:
    """All mutable emulator data plus a version counter that waiters can block on."""

    def __init__(self, bot: User, clock: Clock | None = None) -> None:
        self.bot = bot
        self.clock: Clock = clock or _WallClock()
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.queries: dict[str, CallbackQuery] = {}
        self.commands: dict[str, list[Json]] = {}
        self.default_menu_button: Json = {"type": "commands"}
        self.events: list[Event] = []
        self.version = 0
        self.update_count = 0
        self.closing = False
        self._trimmed = 0
        self._tick = asyncio.Event()
        self._user_ids = itertools.count(100_000_001)
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)

    def now(self) -> int:
        """Unix time for message dates, from the injectable clock."""
        return int(self.clock.now().timestamp())

    # --- change log -------------------------------------------------------------------------------

    def record(self, kind: str, chat_id: int | None = None, message: Message | None = None, **data: Any) -> Event:
        """Append an event, bump the version and wake every waiter."""
        self.version += 1
        event = Event(self.version, kind, chat_id, message.snapshot() if message else None, data)
        self.events.append(event)
        if len(self.events) > EVENT_LOG_LIMIT:
            drop = len(self.events) - EVENT_LOG_LIMIT
            del self.events[:drop]
            self._trimmed += drop
        self.wake()
        return event

    def wake(self) -> None:
        """Release everyone blocked in wait_until so they re-check their condition."""
        self._tick.set()
        self._tick = asyncio.Event()

    def events_since(self, version: int) -> list[Event]:
        """Events with a version above the given one (oldest first)."""
        return self.events[max(0, version - self._trimmed) :]

    async def wait_until(self, check: Callable[[], T | None], timeout: float) -> T | None:
        """Re-run check after every change until it returns non-None or timeout elapses."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            tick = self._tick
            result = check()
            remaining = deadline - loop.time()
            if result is not None or remaining <= 0 or self.closing:
                return result
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(tick.wait(), remaining)

    # --- users and chats --------------------------------------------------------------------------

    def add_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        user_id: int | None = None,
        started: bool = True,
    ) -> User:
        """Create a person and their private chat with the bot."""
        uid = user_id if user_id is not None else next(self._user_ids)
        if uid in self.users:
            raise ValueError(f"user {uid} already exists")
        user = User(uid, first_name, last_name, username, language_code)
        self.users[uid] = user
        self.chats[uid] = Chat(user, chat_instance=str(secrets.randbits(63)), started=started)
        self.record("user", uid, user=user.to_api())
        return user

    def chat(self, chat_id: int) -> Chat | None:
        """The private chat with this id (== user id), if any."""
        return self.chats.get(chat_id)

    def add_message(self, chat: Chat, from_bot: bool, **fields: Any) -> Message:
        """Append a new message to a chat and log it."""
        sender = self.bot if from_bot else chat.user
        message = Message(chat.next_id, chat.user.id, from_bot, sender, chat.user.private_chat(), self.now(), **fields)
        chat.next_id += 1
        chat.messages.append(message)
        if from_bot and message.markup is not None:
            if "keyboard" in message.markup:
                chat.reply_keyboard = message.markup
            elif message.markup.get("remove_keyboard"):
                chat.reply_keyboard = None
        self.record("message", chat.user.id, message)
        return message

    def edit_message(self, message: Message, **changes: Any) -> Message:
        """Change a message in place, keeping its previous content in history."""
        message.history.append(
            {
                "text": message.text,
                "entities": message.entities,
                "caption": message.caption,
                "markup": message.markup,
                "edit_date": message.edit_date,
            }
        )
        for key, value in changes.items():
            setattr(message, key, value)
        message.edit_date = self.now()
        self.record("edit", message.chat_id, message)
        return message

    def delete_message(self, message: Message) -> None:
        """Mark a message deleted; it stays in the transcript flagged as such."""
        message.deleted = True
        self.record("delete", message.chat_id, message)

    def commands_for(self, scope: Json | None = None, language_code: str = "") -> list[Json]:
        """The command list setMyCommands stored for this scope (default) and language."""
        key = json.dumps([scope or {"type": "default"}, language_code], sort_keys=True)
        return list(self.commands.get(key, []))

    # --- files and callback queries ---------------------------------------------------------------

    def add_file(
        self,
        kind: str,
        data: bytes | None,
        file_name: str | None = None,
        mime_type: str | None = None,
        url: str | None = None,
    ) -> StoredFile:
        """Store bytes under a fresh Telegram-looking file_id."""
        n = next(self._file_ids)
        prefix = {"photo": "AgACAgI", "document": "BQACAgI", "voice": "AwACAgI", "sticker": "CAACAgI"}
        file_id = f"{prefix.get(kind, 'BAACAgI')}AAxkBAA{n:06d}{secrets.token_urlsafe(18)}"
        stored = StoredFile(file_id, f"AQAD{n:06d}{secrets.token_hex(3)}", kind, data, file_name, mime_type, url)
        self.files[file_id] = stored
        return stored

    def add_query(self, user: User, message: Message, data: str) -> CallbackQuery:
        """Register a callback query so answerCallbackQuery can find it."""
        query = CallbackQuery(
            str(4_242_000_000_000_000_000 + next(self._query_ids)), user.id, message.chat_id, message.message_id, data
        )
        self.queries[query.id] = query
        self.record("callback_query", message.chat_id, message, query=query.to_view())
        return query
