"""SimUser: a simulated person who types, taps buttons and reads the chat, for tests and the sandbox."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from .files import TINY_PNG, media_object
from .formatting import command_entities, utf16_len
from .models import CallbackQuery, Message, User
from .state import Chat, Event

if TYPE_CHECKING:
    from .emulator import Emulator

_START_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _required_args(fn: Callable[..., Any]) -> int:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 1
    return sum(1 for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


class SimUser:
    """One person in a private chat with the bot; every action becomes a real Bot API update."""

    def __init__(self, emu: Emulator, user: User) -> None:
        self.emu = emu
        self.user = user
        # Waits look at bot activity after this change-log version; every user action moves it
        self.cursor = emu.state.version

    def __repr__(self) -> str:
        return f"<SimUser {self.user.id} {self.user.first_name!r} @{self.user.username}>"

    @property
    def id(self) -> int:
        """User id, which is also the private chat id."""
        return self.user.id

    @property
    def chat(self) -> Chat:
        """This user's private chat with the bot."""
        return self.emu.state.chats[self.user.id]

    @property
    def blocked(self) -> bool:
        """Whether this user currently blocks the bot."""
        return self.user.id in self.emu.faults.blocked

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        """Labels of the custom keyboard the bot last showed (None once removed)."""
        markup = self.chat.reply_keyboard
        if not markup:
            return None
        return [[b if isinstance(b, str) else b.get("text", "") for b in row] for row in markup["keyboard"]]

    # --- acting -----------------------------------------------------------------------------------

    def _post(self, **fields: Any) -> Message:
        chat = self.chat
        chat.started = True
        message = self.emu.state.add_message(chat, False, **fields)
        self.emu.push_update("message", message.to_api())
        self.cursor = self.emu.state.version
        return message

    def _resolve(self, message: Message | int | None) -> Message | None:
        if message is None:
            return None
        message_id = message if isinstance(message, int) else message.message_id
        found = self.chat.find(message_id)
        if found is None:
            raise ValueError(f"message {message_id} is not in {self}'s chat (or was deleted)")
        return found

    async def send(self, text: str, reply_to: Message | int | None = None) -> Message:
        """Type a text message; leading or embedded /commands get bot_command entities."""
        if not text.strip():
            raise ValueError("Telegram clients do not send empty messages")
        if utf16_len(text) > 4096:
            raise ValueError("Telegram clients split text over 4096 characters into several messages")
        return self._post(text=text, entities=command_entities(text), reply_to=self._resolve(reply_to))

    async def command(self, command: str, payload: str | None = None) -> Message:
        """Send /command (with an optional argument string)."""
        text = command if command.startswith("/") else f"/{command}"
        return await self.send(f"{text} {payload}" if payload else text)

    async def open_link(self, url: str) -> Message:
        """Open a t.me/<bot>?start=X (or tg://resolve) deep link: the client sends '/start X'."""
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        name = query.get("domain", [""])[0] if parts.scheme == "tg" else parts.path.strip("/")
        bot_name = (self.emu.bot.username or "").lower()
        if parts.netloc not in ("t.me", "telegram.me", "resolve") or name.lower() != bot_name:
            raise ValueError(f"{url!r} is not a link to @{self.emu.bot.username}")
        payload = query.get("start", [None])[0]
        if payload is not None and not _START_PAYLOAD.match(payload):
            raise ValueError(f"start payload {payload!r} is not allowed by Telegram ([A-Za-z0-9_-]{{1,64}})")
        return await self.command("/start", payload)

    async def press(self, message: Message | int, button: str, *, forge: bool = False) -> CallbackQuery:
        """Tap an inline button (matched by label, then by callback_data) on a bot message.

        forge=True sends `button` as callback_data even if no such button exists, to imitate a stale
        keyboard from an older bot version; otherwise an unknown button is a ValueError.
        """
        live = self._resolve(message)
        assert live is not None
        buttons = [b for row in live.inline_keyboard for b in row]
        matches = [b for b in buttons if b.get("text") == button] or [
            b for b in buttons if b.get("callback_data") == button
        ]
        if forge and not matches:
            matches = [{"text": button, "callback_data": button}]
        if not matches:
            raise ValueError(f"no button {button!r} on {live!r} (pass forge=True to send raw callback_data)")
        chosen = matches[0]
        if "callback_data" not in chosen:
            raise ValueError(f"button {button!r} is not a callback button: {chosen}")
        query = self.emu.state.add_query(self.user, live, chosen["callback_data"])
        self.emu.push_update("callback_query", {
            "id": query.id, "from": self.user.to_api(), "message": live.to_api(),
            "chat_instance": self.chat.chat_instance, "data": query.data,
        })
        self.cursor = self.emu.state.version
        return query

    async def edit(self, message: Message | int, text: str) -> Message:
        """Edit one of this user's own text messages (an edited_message update)."""
        live = self._resolve(message)
        assert live is not None
        if live.from_bot:
            raise ValueError("users can only edit their own messages")
        self.emu.state.edit_message(live, text=text, entities=command_entities(text))
        self.emu.push_update("edited_message", live.to_api())
        self.cursor = self.emu.state.version
        return live

    async def _send_file(self, kind: str, data: bytes, caption: str | None = None, file_name: str | None = None,
                         mime_type: str | None = None, **extra: object) -> Message:
        stored = self.emu.state.add_file(kind, data, file_name, mime_type)
        return self._post(media=media_object(stored, kind, **extra), files=[stored.file_id], caption=caption)

    async def send_photo(self, data: bytes = TINY_PNG, caption: str | None = None) -> Message:
        """Send a photo (a 1x1 PNG unless bytes are given)."""
        return await self._send_file("photo", data, caption, mime_type="image/png")

    async def send_document(self, data: bytes = b"%PDF-1.4\n%stub\n", file_name: str = "document.pdf",
                            mime_type: str = "application/pdf", caption: str | None = None) -> Message:
        """Send a file as a document."""
        return await self._send_file("document", data, caption, file_name, mime_type)

    async def send_voice(self, data: bytes = b"OggS\x00stub", duration: int = 2) -> Message:
        """Send a voice note."""
        return await self._send_file("voice", data, mime_type="audio/ogg", duration=duration)

    async def send_sticker(self, emoji: str = "👍") -> Message:
        """Send a sticker."""
        return await self._send_file("sticker", b"RIFF\x00\x00\x00\x00WEBP", mime_type="image/webp", emoji=emoji)

    def block(self) -> None:
        """Block the bot."""
        self.emu.block(self)

    def unblock(self) -> None:
        """Unblock the bot."""
        self.emu.unblock(self)

    # --- reading ----------------------------------------------------------------------------------

    def messages(self, include_deleted: bool = False) -> list[Message]:
        """The transcript, both sides, oldest first (live objects reflecting later edits)."""
        return [m for m in self.chat.messages if include_deleted or not m.deleted]

    def bot_messages(self, include_deleted: bool = False) -> list[Message]:
        """Only the bot's messages."""
        return [m for m in self.messages(include_deleted) if m.from_bot]

    def last_bot_message(self) -> Message | None:
        """The bot's most recent visible message."""
        found = self.bot_messages()
        return found[-1] if found else None

    def queries(self) -> list[CallbackQuery]:
        """Every button press by this user, answered or not."""
        return [q for q in self.emu.state.queries.values() if q.user_id == self.user.id]

    def callback_answers(self) -> list[CallbackQuery]:
        """Presses the bot has answered (text/show_alert filled in)."""
        return [q for q in self.queries() if q.answered]

    def mark(self) -> int:
        """Forget earlier bot activity: later waits only see what happens after now."""
        self.cursor = self.emu.state.version
        return self.cursor

    async def wait_for(self, predicate: Callable[..., Any] | None = None, timeout: float = 5.0, *,
                       since: int | None = None, edits: bool = True) -> Message:
        """Wait for bot activity after the cursor and return the bot message (a snapshot).

        predicate(message) -> bool picks the first bot message or edit (if `edits`) that matches.
        A zero-argument predicate() is a condition on the whole world re-checked after every change;
        it may return the Message to hand back, or any truthy value to get the first bot message
        since the cursor (else the last one).
        """
        kinds = ("message", "edit") if edits else ("message",)
        start = self.cursor if since is None else since

        def bot_events() -> Iterator[Event]:
            for event in self.emu.state.events_since(start):
                if (event.kind in kinds and event.chat_id == self.user.id and event.message is not None
                        and event.message.from_bot):
                    yield event

        def check_each() -> tuple[int, Message] | None:
            for event in bot_events():
                assert event.message is not None
                if predicate is None or predicate(event.message):
                    return event.version, event.message
            return None

        def check_world() -> tuple[int, Message] | None:
            assert predicate is not None
            result = predicate()
            if not result:
                return None
            version = self.emu.state.version
            if isinstance(result, Message):
                return version, result
            first = next(bot_events(), None)
            if first is not None and first.message is not None:
                return first.version, first.message
            last = self.last_bot_message()
            return (version, last) if last is not None else None

        check = check_world if predicate is not None and _required_args(predicate) == 0 else check_each
        found = await self.emu.state.wait_until(check, timeout)
        if found is None:
            tail = "\n  ".join(repr(m) for m in self.messages()[-5:]) or "(empty chat)"
            raise TimeoutError(f"{self}: no matching bot message within {timeout}s; chat ends with:\n  {tail}")
        self.cursor, message = found
        return message

    async def next_bot_message(self, timeout: float = 5.0) -> Message:
        """The next bot message or edit after the cursor (a snapshot as it was at that moment)."""
        return await self.wait_for(None, timeout)

    async def wait_answer(self, query: CallbackQuery, timeout: float = 5.0) -> CallbackQuery:
        """Wait until the bot answers this callback query."""
        if await self.emu.state.wait_until(lambda: query if query.answered else None, timeout) is None:
            raise TimeoutError(f"{self}: callback query {query.data!r} not answered within {timeout}s")
        return query
