"""Several emulators coexist in one process without sharing anything."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot
from telegram.error import BadRequest, InvalidToken

from bot.emulator import Emulator


async def test_two_emulators_are_independent() -> None:
    async with Emulator("111:first-token", "first_bot") as one, Emulator("222:second-token", "second_bot") as two:
        assert one.url != two.url
        alice = one.user("Alice")
        first, second = Bot(one.token, base_url=one.bot_base_url), Bot(two.token, base_url=two.bot_base_url)
        async with first, second:
            assert (first.username, second.username) == ("first_bot", "second_bot")
            await first.send_message(alice.id, "hi")
            with pytest.raises(BadRequest, match="Chat not found"):
                await second.send_message(alice.id, "hi")
        with pytest.raises(InvalidToken):
            async with Bot(one.token, base_url=two.bot_base_url):
                pass
        assert len(alice.messages()) == 1 and two.users() == []


async def test_stop_releases_a_pending_long_poll_quickly() -> None:
    emu = Emulator()
    await emu.start()
    async with Bot(emu.token, base_url=emu.bot_base_url) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await emu.updates.until_polled()
        await asyncio.wait_for(emu.stop(), 3)
        assert await asyncio.wait_for(poll, 3) == ()
