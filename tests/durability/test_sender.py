"""The sender under load: a burst goes out most urgent first, a 429 pauses it, each chat keeps its pace."""

from __future__ import annotations

import asyncio
import logging
from itertools import pairwise
from typing import Any

import pytest

from bot import outbox
from bot.db.models import User
from flows.clock import FakeClock
from flows.consent import CONSENT_VERSION
from flows.messages import Message, Priority, Raw
from tests.durability.support import Fleet, fleet, outbox_rows


async def _people(f: Fleet, clock: FakeClock, n: int) -> list[int]:
    """n consented people, each with a chat in the emulator (no prescription: only messages matter here)."""
    ids = []
    async with f.a.db.session() as s:
        for i in range(n):
            sim = f.emu.user(first_name=f"P{i}")
            user = User(telegram_id=sim.id, chat_id=sim.id, first_name="P", timezone="UTC",
                        consent_version=CONSENT_VERSION, consent_at=clock.now(), created_at=clock.now())
            s.add(user)
            await s.flush()
            ids.append(user.id)
            f.sims[user.id] = sim
    return ids


async def _queue(f: Fleet, clock: FakeClock, items: list[tuple[int, str, Priority]]) -> None:
    """Commit messages in one transaction, as a timer tick or an update does."""
    async with f.a.db.session() as s:
        for user_id, text, priority in items:
            user = await s.get(User, user_id)
            assert user is not None
            await outbox.enqueue(s, user, Message.say(Raw(text), priority=priority), clock.now())


def _sends(f: Fleet, status: int = 200) -> list[dict[str, Any]]:
    return [c for c in f.emu.api_log if c["method"] == "sendMessage" and c["status"] == status]


async def _until(condition: Any, timeout: float = 20.0) -> None:
    """Wait for the running sender to reach a state (the emulator saw some sends), not for an amount of time."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the sender did not get there"
        await asyncio.sleep(0.005)


async def test_a_burst_goes_out_urgent_first_then_replies_then_reminders_each_once(
    db_url: str, clock: FakeClock
) -> None:
    async with fleet(db_url, clock) as f:
        people = await _people(f, clock, 24)
        await _queue(f, clock, [(p, f"reminder {p}", Priority.REMINDER) for p in people])
        await _queue(f, clock, [(people[3], "later", Priority.BULK)])
        # Committed after the reminders (higher ids), but more urgent: they go first all the same.
        await _queue(f, clock, [(people[5], "reply", Priority.REPLY), (people[7], "call now", Priority.URGENT)])
        await f.sent_by(f.a)
        texts = [c["params"]["text"] for c in _sends(f)]
        assert texts[:2] == ["call now", "reply"]
        assert sorted(texts[2:-1]) == sorted(f"reminder {p}" for p in people) and texts[-1] == "later"
        assert {r.status for r in await outbox_rows(f.a)} == {"sent"}


async def test_an_urgent_message_committed_during_a_backlog_overtakes_it(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        people = await _people(f, clock, 60)
        assert f.a.bot is not None
        f.a.sender.start(f.a.bot)
        await _queue(f, clock, [(p, f"reminder {p}", Priority.REMINDER) for p in people[1:]])
        await _until(lambda: len(_sends(f)) >= 3)
        await _queue(f, clock, [(people[0], "call now", Priority.URGENT)])
        await f.sent_by(f.a)
        texts = [c["params"]["text"] for c in _sends(f)]
        assert len(texts) == 60 and texts.count("call now") == 1
        # Behind it only the sends already claimed when it was committed (at most one slot each), not the
        # rest of the backlog: here about 50 reminders were still waiting.
        assert texts.index("call now") <= 3 + f.a.settings.send_concurrency


async def test_a_flood_wait_pauses_all_sending_then_every_message_arrives_exactly_once(
    db_url: str, clock: FakeClock
) -> None:
    async with fleet(db_url, clock) as f:
        people = await _people(f, clock, 20)
        f.emu.flood(per_second=5)  # Telegram allows fewer than we send: after about 5 messages, a 429
        await _queue(f, clock, [(p, f"reminder {p}", Priority.REMINDER) for p in people])
        await f.sent_by(f.a)
        delivered, refused = len(_sends(f)), len(_sends(f, status=429))
        assert 5 <= delivered < len(people) and refused >= 1 and f.a.sender.flood_waits == refused
        # Paused: a new message, even an urgent one, waits for the flood wait to pass (on our clock).
        await _queue(f, clock, [(people[0], "call now", Priority.URGENT)])
        await f.sent_by(f.a)
        assert len(_sends(f)) == delivered
        f.emu.flood(False)
        wake = await f.a.outbox.next_wake()
        assert wake is not None and wake > clock.now()
        clock.set(wake)
        await f.sent_by(f.a)
        texts = [c["params"]["text"] for c in _sends(f)]
        assert texts[delivered] == "call now"
        assert sorted(texts) == sorted([f"reminder {p}" for p in people] + ["call now"])  # each exactly once
        assert {r.status for r in await outbox_rows(f.a)} == {"sent"}


async def test_each_chat_gets_its_messages_at_its_pace_while_other_chats_are_not_held_up(
    db_url: str, clock: FakeClock
) -> None:
    # Ten a second per chat (one at a time) keeps the test short; the default is one a second with a burst of two.
    async with fleet(db_url, clock, send_per_chat_per_second=10.0, send_chat_burst=1) as f:
        chatty, other = await _people(f, clock, 2)
        f.emu.flood(per_second=1000, per_chat_per_second=10, chat_burst=2)  # Telegram's own check, with slack
        await _queue(f, clock, [(chatty, f"part {i}", Priority.REPLY) for i in range(5)])
        await _queue(f, clock, [(other, "hello", Priority.REPLY)])
        await f.sent_by(f.a)
        assert _sends(f, status=429) == []
        to_chatty = [c for c in _sends(f) if int(c["params"]["chat_id"]) == f.sims[chatty].id]
        assert [c["params"]["text"] for c in to_chatty] == [f"part {i}" for i in range(5)]
        gaps = [b["at"] - a["at"] for a, b in pairwise(to_chatty)]
        # Spaced by the pace as the emulator saw them (a little less allowed for the trip over HTTP).
        assert min(gaps) >= 0.07 and to_chatty[-1]["at"] - to_chatty[0]["at"] >= 0.35
        texts = [c["params"]["text"] for c in _sends(f)]
        assert texts.index("hello") < texts.index("part 1")


async def test_a_flood_wait_and_a_server_error_are_each_one_log_line_without_a_traceback(
    db_url: str, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    async with fleet(db_url, clock) as f:
        first, second = await _people(f, clock, 2)
        f.emu.fail_next(1, status=502, methods=["sendMessage"])  # a proxy's HTML error page
        await _queue(f, clock, [(first, "hello", Priority.REPLY)])
        with caplog.at_level(logging.INFO):
            await f.sent_by(f.a)
            f.emu.flood(per_chat_per_second=0.001, chat_burst=1)
            await _queue(f, clock, [(second, "one", Priority.REPLY), (second, "two", Priority.REPLY)])
            await f.sent_by(f.a)
        [server_error] = [r for r in caplog.records if "send-error" in r.getMessage()]
        [flood] = [r for r in caplog.records if "flood-wait" in r.getMessage()]
        assert "status=502" in server_error.getMessage() and "wait=2.0s" in server_error.getMessage()
        assert "status=429" in flood.getMessage() and "wait=" in flood.getMessage()
        assert f"user={first}" in server_error.getMessage() and f"user={second}" in flood.getMessage()
        assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []
        assert "<html>" not in caplog.text
