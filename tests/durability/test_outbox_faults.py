"""The outbox under Telegram's misbehaviour: flood waits, 5xx, blocked users, a broken row, a lapsed lease."""

from __future__ import annotations

from datetime import timedelta

from bot import outbox
from bot.db.models import OutboxMessage, User
from flows.clock import FakeClock
from flows.messages import Message, Priority, Raw
from tests.durability.support import Fleet, fleet, outbox_rows


async def _queue(f: Fleet, user_id: int, clock: FakeClock, *texts: str, priority: Priority = Priority.REPLY) -> None:
    async with f.a.db.session() as s:
        user = await s.get(User, user_id)
        assert user is not None
        for text in texts:
            await outbox.enqueue(s, user, Message.say(Raw(text), priority=priority), clock.now())


def _texts(f: Fleet, user_id: int) -> list[str]:
    return [m.text for m in f.sims[user_id].bot_messages()]


def _sends_to(f: Fleet, user_id: int) -> int:
    chat = f.sims[user_id].id
    return sum(1 for c in f.emu.api_log if c["method"].lower() == "sendmessage" and int(c["params"]["chat_id"]) == chat)


async def test_a_flood_wait_defers_messages_which_go_later_once_and_in_order(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        [pat] = await f.patients(1, clock, at="23:00")
        f.emu.flood(per_chat_per_second=0.001, chat_burst=1)
        await _queue(f, pat, clock, "one", "two", "three")
        await f.sent_by(f.a)
        assert _texts(f, pat) == ["one"]
        deferred = await outbox_rows(f.a, status="pending")
        assert [r.text for r in deferred] == ["two", "three"] and deferred[0].not_before is not None
        wake = await f.a.outbox.next_wake()
        assert wake is not None and wake > clock.now()
        # Telegram lets us send again, but the flood wait has not passed: a new reply must not jump the queue.
        f.emu.flood(False)
        await _queue(f, pat, clock, "four")
        await f.sent_by(f.a)
        assert _texts(f, pat) == ["one"]
        clock.set(wake)
        await f.sent_by(f.a, f.b)
        assert _texts(f, pat) == ["one", "two", "three", "four"]


async def test_an_urgent_message_may_overtake_but_not_be_overtaken(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        [pat] = await f.patients(1, clock, at="23:00")
        await _queue(f, pat, clock, "reminder", priority=Priority.REMINDER)
        await _queue(f, pat, clock, "call now", priority=Priority.URGENT)
        await _queue(f, pat, clock, "reply", priority=Priority.REPLY)
        await f.sent_by(f.a)
        assert _texts(f, pat) == ["call now", "reply", "reminder"]


async def test_a_server_error_is_retried_and_the_message_arrives_once(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        [pat] = await f.patients(1, clock, at="23:00")
        f.emu.fail_next(2, status=502, methods=["sendMessage"])
        await _queue(f, pat, clock, "hello")
        for _ in range(4):
            await f.sent_by(f.a)
            clock.advance(timedelta(seconds=5))
        assert _texts(f, pat) == ["hello"]
        [row] = await outbox_rows(f.a)
        assert (row.status, row.attempts) == ("sent", 3)


async def test_a_user_who_blocked_the_bot_is_marked_unreachable_and_not_retried(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        [pat] = await f.patients(1, clock, at="23:00")
        f.emu.block(f.sims[pat], notify=False)
        await _queue(f, pat, clock, "hello")
        await f.sent_by(f.a)
        for _ in range(5):
            clock.advance(timedelta(minutes=10))
            await f.sent_by(f.a, f.b)
        assert _sends_to(f, pat) == 1
        [row] = await outbox_rows(f.a)
        assert (row.status, row.error) == ("failed", "forbidden")
        async with f.a.db.session() as s:
            user = await s.get(User, pat)
            assert user is not None and user.unreachable_at is not None


async def test_a_row_that_cannot_be_sent_does_not_hold_up_everyone_else(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        first, second = await f.patients(2, clock, at="23:00")
        async with f.a.db.session() as s:
            s.add(OutboxMessage(user_id=first, chat_id=f.sims[first].id, text="broken", created_at=clock.now(),
                                markup={"inline_keyboard": [[{"text": "no data"}]]}))
        await _queue(f, second, clock, "hello")
        await f.sent_by(f.a)
        assert _texts(f, second) == ["hello"]
        for _ in range(outbox.MAX_ATTEMPTS + 2):
            clock.advance(timedelta(minutes=6))
            await f.sent_by(f.a)
        [broken] = await outbox_rows(f.a, user_id=first)
        assert broken.status == "failed"


async def test_a_batch_that_outlived_its_lease_is_not_sent_twice(db_url: str, clock: FakeClock) -> None:
    async with fleet(db_url, clock) as f:
        [pat] = await f.patients(1, clock, at="23:00")
        await _queue(f, pat, clock, "one", "two")
        [row] = await f.a.outbox.claim(20)  # a claims "one" ("two" waits behind it), then stalls past the lease
        clock.advance(outbox.CLAIM_FOR + timedelta(seconds=1))
        assert f.a.bot is not None
        await f.sent_by(f.b)
        assert (await f.a.outbox.deliver(f.a.bot, row)).sent is False
        assert _texts(f, pat) == ["one", "two"] and _sends_to(f, pat) == 2
