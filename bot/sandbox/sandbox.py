"""The Sandbox: an emulator, the cast, the bot process and the fast-forward clock, started and reset together."""

from __future__ import annotations

import asyncio
import logging
import secrets
from datetime import datetime, timedelta
from typing import Any

from bot.config import Settings
from bot.emulator import DEFAULT_TOKEN, Emulator, SimUser
from bot.sandbox.botdb import last_message_ids, latest_instant, next_due
from bot.sandbox.people import add_cast
from bot.sandbox.process import BotProcess
from bot.sandbox.wipe import wipe_database
from flows.clock import OffsetClock

log = logging.getLogger(__name__)
BOT_USERNAME = "b12_sandbox_bot"
# "Next event" skips silent tasks (housekeeping, re-planning) but never loops for ever.
MAX_SILENT_STEPS = 25
SPARE_IDS = 1000


class NotRunning(RuntimeError):
    """The sandbox is between a stop and a start (e.g. during a reset)."""


class Sandbox:
    """Everything behind the web page; every change of time or lifecycle is serialised by one lock."""

    def __init__(self, settings: Settings, clock: OffsetClock | None = None) -> None:
        self.settings = settings
        self.clock = clock or OffsetClock()
        self.epoch = ""
        self.emu: Emulator | None = None
        self.bot: BotProcess | None = None
        self.lock = asyncio.Lock()

    # --- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        """A fresh emulator with the cast, and the bot on the sandbox database, resuming its clock."""
        async with self.lock:
            await self._start()

    async def stop(self) -> None:
        """Stop the bot, then the emulator (which releases every long poll)."""
        async with self.lock:
            await self._stop()

    async def reset(self) -> None:
        """Stop everything, delete the sandbox database and transcripts, rewind the clock, start again."""
        async with self.lock:
            await self._stop()
            await wipe_database(self.settings.sandbox_database_url)
            self.clock.offset = timedelta(0)
            log.info("sandbox reset")
            await self._start()

    async def _start(self) -> None:
        emu = Emulator(DEFAULT_TOKEN, bot_username=BOT_USERNAME, clock=self.clock)
        await emu.start("127.0.0.1", 0)
        add_cast(emu)
        bot = BotProcess(self.settings, emu, self.clock)
        try:
            await bot.rt.migrate()
            await self._carry_on(emu, bot)
            await bot.start()
        except BaseException:
            await bot.stop()
            await emu.stop()
            raise
        self.emu, self.bot, self.epoch = emu, bot, secrets.token_hex(4)

    async def _carry_on(self, emu: Emulator, bot: BotProcess) -> None:
        """On a kept database: the clock resumes where it got to, and message ids continue past the bot's."""
        latest = await latest_instant(bot.rt.db)
        if latest is not None and latest > self.clock.now():
            self.clock.advance(latest - self.clock.now() + timedelta(seconds=1))
        for chat_id, top in (await last_message_ids(bot.rt.db)).items():
            chat = emu.state.chat(chat_id)
            if chat is not None:
                # Room for the person's own messages after the bot's last one, which the database never saw.
                chat.next_id = max(chat.next_id, top + SPARE_IDS)

    async def _stop(self) -> None:
        emu, bot = self.emu, self.bot
        self.emu = self.bot = None
        self.epoch = ""
        if emu is not None:
            # Release the page's long polls first, so they learn of the stop at once.
            emu.state.closing = True
            emu.state.wake()
        if bot is not None:
            await bot.stop()
        if emu is not None:
            await emu.stop()

    # --- access -----------------------------------------------------------------------------------

    def running(self) -> tuple[Emulator, BotProcess]:
        """The live emulator and bot, or NotRunning."""
        if self.emu is None or self.bot is None:
            raise NotRunning("the sandbox is restarting")
        return self.emu, self.bot

    def sim(self, person_id: int) -> SimUser:
        """The simulated person with this id (KeyError if none)."""
        return self.running()[0].get_user(person_id)

    # --- time -------------------------------------------------------------------------------------

    async def clock_view(self) -> dict[str, Any]:
        """The bot's current time, how far it was fast-forwarded, and when something next falls due."""
        due = await next_due(self.running()[1].rt.db)
        return {"now": _iso(self.clock.now()), "offset_seconds": int(self.clock.offset.total_seconds()),
                "next_due": _iso(due) if due else None}

    async def advance(self, delta: timedelta) -> dict[str, Any]:
        """Fast-forward the clock by delta and let the timer run whatever fell due."""
        if delta <= timedelta(0):
            raise ValueError("the sandbox clock only moves forward")
        async with self.lock:
            emu, bot = self.running()
            await bot.idle()
            self.clock.advance(delta)
            ran = await self._tick(emu, bot)
        return {"ran": ran, **await self.clock_view()}

    async def next_event(self) -> dict[str, Any]:
        """Jump to the next due task and run it, repeating until the bot says something (or nothing is due)."""
        async with self.lock:
            emu, bot = self.running()
            await bot.idle()
            start, ran = emu.state.version, 0
            for _ in range(MAX_SILENT_STEPS):
                due = await next_due(bot.rt.db)
                if due is None:
                    break
                if due > self.clock.now():
                    self.clock.advance(due - self.clock.now())
                ran += await self._tick(emu, bot)
                if _bot_spoke(emu, start):
                    break
        return {"ran": ran, **await self.clock_view()}

    async def _tick(self, emu: Emulator, bot: BotProcess) -> int:
        ran = await bot.rt.timer.tick()
        await bot.idle()
        emu.state.record("clock", None, now=_iso(self.clock.now()),
                         offset_seconds=int(self.clock.offset.total_seconds()))
        return ran


def _bot_spoke(emu: Emulator, since: int) -> bool:
    return any(e.kind in ("message", "edit") and e.message is not None and e.message.from_bot
               for e in emu.state.events_since(since))


def _iso(instant: datetime) -> str:
    return instant.isoformat(timespec="seconds")
