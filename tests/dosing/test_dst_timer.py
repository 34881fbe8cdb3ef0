"""Through the timer: reminders fall due at the local wall time in four zones, and in the gap and repeated hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.dosing.support import DAILY, Bed


def _reminders(texts: list[str]) -> int:
    return sum("Time for your B12" in t for t in texts)


@pytest.mark.parametrize(
    ("tz", "start", "second_due_utc"),
    [
        ("Europe/London", date(2026, 3, 28), datetime(2026, 3, 29, 8, 0, tzinfo=UTC)),
        ("America/New_York", date(2026, 3, 7), datetime(2026, 3, 8, 13, 0, tzinfo=UTC)),
        ("Australia/Sydney", date(2026, 4, 4), datetime(2026, 4, 4, 23, 0, tzinfo=UTC)),
        ("Australia/Sydney", date(2026, 10, 3), datetime(2026, 10, 3, 22, 0, tzinfo=UTC)),
        ("Asia/Kolkata", date(2026, 3, 28), datetime(2026, 3, 29, 3, 30, tzinfo=UTC)),
    ],
)
async def test_the_day_after_a_change_the_reminder_comes_at_0900_local(
    bed: Bed, tz: str, start: date, second_due_utc: datetime
) -> None:
    bed.clock.set(datetime.combine(start, datetime.min.time(), UTC) - timedelta(days=1))
    alice = await bed.patient(tz=tz)
    await bed.prescribe(alice, regimen=DAILY, start=start)
    first = await bed.open_event(alice)
    await bed.advance_to(first.due_at)  # type: ignore[arg-type]
    await bed.do(alice, f"d:s:{first.id}:other")
    await bed.advance_to(second_due_utc - timedelta(minutes=1))
    assert _reminders(await bed.texts(alice)) == 1
    await bed.advance(timedelta(minutes=1))
    assert _reminders(await bed.texts(alice)) == 2


async def test_a_0130_reminder_in_the_spring_gap_fires_at_0200_summer_time(bed: Bed) -> None:
    bed.clock.set(datetime(2026, 3, 28, 23, 0, tzinfo=UTC))
    alice = await bed.patient()
    await bed.prescribe(alice, regimen=DAILY, start=date(2026, 3, 29), at="01:30")
    await bed.advance_to(datetime(2026, 3, 29, 0, 59, tzinfo=UTC))
    assert _reminders(await bed.texts(alice)) == 0
    await bed.advance(timedelta(minutes=1))  # 02:00 BST, the first valid minute after the gap
    assert _reminders(await bed.texts(alice)) == 1


async def test_a_0130_reminder_in_the_repeated_autumn_hour_fires_once(bed: Bed) -> None:
    bed.clock.set(datetime(2026, 10, 24, 23, 0, tzinfo=UTC))
    alice = await bed.patient()
    await bed.prescribe(alice, regimen=DAILY, start=date(2026, 10, 25), at="01:30")
    await bed.advance_to(datetime(2026, 10, 25, 0, 30, tzinfo=UTC))  # the first 01:30 (BST)
    assert _reminders(await bed.texts(alice)) == 1
    dose = await bed.open_event(alice)
    await bed.do(alice, f"d:s:{dose.id}:other")
    for _ in range(12):  # through the second 01:30 (GMT) and beyond
        await bed.advance(timedelta(minutes=15))
    assert _reminders(await bed.texts(alice)) == 1
