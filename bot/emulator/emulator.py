"""The Emulator: one fake Telegram Bot API server for one bot, with users, faults and a change feed."""

from __future__ import annotations

import socket
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from .faults import Faults
from .models import Json, User
from .server import TOKEN_FORMAT, build_app
from .state import Clock, Event, State
from .updates import UpdateQueue
from .users import SimUser
from .webhook import WebhookSender

DEFAULT_TOKEN = "123456789:AAEmulatorTestTokenForLocalUseOnly00"


class Emulator:
    """A local Bot API server; point PTB's base_url at `emu.bot_base_url` and act through SimUsers."""

    def __init__(self, token: str = DEFAULT_TOKEN, bot_username: str = "b12_test_bot",
                 bot_first_name: str = "B12 Companion", *, clock: Clock | None = None, first_update_id: int = 1,
                 webhook_retries: int = 3, webhook_backoff: float = 0.05) -> None:
        if not TOKEN_FORMAT.match(token):
            raise ValueError("token must look like '<bot id>:<secret>'")
        self.token = token
        self.bot = User(int(token.split(":", 1)[0]), bot_first_name, username=bot_username, is_bot=True)
        self.state = State(self.bot, clock)
        self.updates = UpdateQueue(first_update_id)
        self.faults = Faults()
        self.webhook = WebhookSender(self.updates, self.state, webhook_retries, webhook_backoff)
        self.profile: dict[tuple[str, str], str] = {}
        self.api_log: list[Json] = []
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._sims: dict[int, SimUser] = {}

    # --- lifecycle --------------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0,
                    setup: Callable[[web.Application], None] | None = None) -> str:
        """Serve on host:port (0 picks a free port) and return the base URL; `setup` may add routes."""
        self.state.closing = self.updates.closing = False
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        app = build_app(self)
        if setup is not None:
            setup(app)
        self._runner = web.AppRunner(app, shutdown_timeout=2.0, access_log=None)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        bound_port = sock.getsockname()[1]
        self.url = f"http://{f'[{host}]' if ':' in host else host}:{bound_port}"
        return self.url

    async def stop(self) -> None:
        """Release long polls, stop webhook delivery and close the server."""
        self.state.closing = True
        self.state.wake()
        self.updates.close()
        await self.webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        if self._runner is None:
            await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()

    @property
    def bot_base_url(self) -> str:
        """Value for ApplicationBuilder().base_url(...)."""
        return f"{self.url}/bot"

    @property
    def file_base_url(self) -> str:
        """Value for ApplicationBuilder().base_file_url(...)."""
        return f"{self.url}/file/bot"

    def get_me(self) -> Json:
        """The bot's User object as getMe returns it."""
        return {**self.bot.to_api(), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False}

    # --- users ------------------------------------------------------------------------------------

    def user(self, first_name: str = "Alice", last_name: str | None = None, username: str | None = None,
             language_code: str | None = "en", *, id: int | None = None, started: bool = True) -> SimUser:
        """Create a simulated person; started=False means they never opened the chat (bot gets 403)."""
        user = self.state.add_user(first_name, last_name, username, language_code, id, started)
        sim = SimUser(self, user)
        self._sims[user.id] = sim
        return sim

    def users(self) -> list[SimUser]:
        """Every simulated person, oldest first."""
        return list(self._sims.values())

    def get_user(self, user_id: int) -> SimUser:
        """The SimUser with this id (KeyError if none)."""
        return self._sims[user_id]

    def push_update(self, kind: str, payload: Json) -> Json | None:
        """Queue a raw update for the bot; used by SimUser and available for exotic updates."""
        update = self.updates.push(kind, payload)
        if update is not None:
            self.state.update_count += 1
            self.state.record("update", None, update_id=update["update_id"], update_type=kind)
        return update

    # --- faults -----------------------------------------------------------------------------------

    def flood(self, enabled: bool = True, **limits: Any) -> None:
        """Toggle flood control (per_second, per_chat_per_second, chat_burst)."""
        self.faults.flood(enabled, **limits)
        self.state.record("faults", None, faults=self.faults.to_view())

    def fail_next(self, n: int = 1, status: int = 500, methods: list[str] | None = None) -> None:
        """Answer the next n calls (any method but getUpdates unless listed) with a 5xx."""
        self.faults.fail_next(n, status, methods)
        self.state.record("faults", None, faults=self.faults.to_view())

    def latency(self, seconds: float) -> None:
        """Delay every Bot API call by this many seconds (0 turns it off)."""
        self.faults.latency_seconds = max(0.0, seconds)
        self.state.record("faults", None, faults=self.faults.to_view())

    def block(self, user: SimUser | int, notify: bool = True) -> None:
        """The user blocks the bot: sends to them get 403; the bot gets a my_chat_member update."""
        self._set_blocked(user if isinstance(user, int) else user.id, True, notify)

    def unblock(self, user: SimUser | int, notify: bool = True) -> None:
        """The user unblocks (restarts) the bot."""
        self._set_blocked(user if isinstance(user, int) else user.id, False, notify)

    def _set_blocked(self, user_id: int, blocked: bool, notify: bool) -> None:
        user = self.state.users[user_id]
        if (user_id in self.faults.blocked) == blocked:
            return
        (self.faults.blocked.add if blocked else self.faults.blocked.discard)(user_id)
        self.state.record("block" if blocked else "unblock", user_id)
        if notify:
            old, new = ("member", "kicked") if blocked else ("kicked", "member")
            bot = self.bot.to_api()
            self.push_update("my_chat_member", {
                "chat": user.private_chat(), "from": user.to_api(), "date": self.state.now(),
                "old_chat_member": {"status": old, "user": bot, **({"until_date": 0} if old == "kicked" else {})},
                "new_chat_member": {"status": new, "user": bot, **({"until_date": 0} if new == "kicked" else {})},
            })

    def clear_faults(self) -> None:
        """No flood control, no injected failures, no latency (blocks stay)."""
        self.faults.clear()
        self.state.record("faults", None, faults=self.faults.to_view())

    # --- change feed ------------------------------------------------------------------------------

    async def changes(self, since: int, timeout: float = 25.0) -> tuple[int, list[Event]]:
        """Events after version `since`, waiting up to timeout for the first one."""
        events = await self.state.wait_until(lambda: self.state.events_since(since) or None, timeout)
        return self.state.version, events or []
