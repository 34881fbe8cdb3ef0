"""Local wall time ↔ UTC for reminders: a 09:00 reminder stays 09:00 local across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from flows.regimen.timezones import parse_tz


def zone(tz: str | tzinfo) -> tzinfo:
    """A tzinfo from a stored zone name (or anything parse_tz accepts), or the tzinfo itself."""
    return parse_tz(tz) if isinstance(tz, str) else tz


def to_utc(d: date, t: time, tz: str | tzinfo) -> datetime:
    """The aware UTC instant of wall time `t` on local date `d` in `tz`, one instant per date."""
    # In a spring-forward gap (01:30 on the UK change date does not exist) the reminder fires when the gap
    # ends, the first valid minute after it (02:00 BST = 01:00 UTC): late rather than early, never skipped.
    # In the repeated autumn hour it fires once, at the first occurrence (fold=0): the earlier of the two.
    z = zone(tz)
    naive = datetime.combine(d, t.replace(tzinfo=None, fold=0))
    if _exists(naive, z):
        return naive.replace(tzinfo=z).astimezone(UTC)
    return _gap_end(naive, z)


def to_local(instant: datetime, tz: str | tzinfo) -> datetime:
    """An aware instant shown as aware local wall time."""
    if instant.tzinfo is None:
        raise ValueError("to_local needs an aware datetime")
    return instant.astimezone(zone(tz))


def local_date(instant: datetime, tz: str | tzinfo) -> date:
    """The local calendar date of an aware instant: a dose taken at 23:30 local counts for that day."""
    return to_local(instant, tz).date()


def _exists(naive: datetime, z: tzinfo) -> bool:
    # A wall time exists when it survives a round trip through UTC unchanged.
    back = naive.replace(tzinfo=z).astimezone(UTC).astimezone(z).replace(tzinfo=None)
    return back == naive


def _gap_end(naive: datetime, z: tzinfo) -> datetime:
    # PEP 495: in a gap, fold=1 reads the wall time with the offset after the change (an instant before
    # the transition) and fold=0 with the offset before it (an instant after). The transition lies
    # between; find its first second by bisection, which works for any gap length (even a skipped day).
    before = naive.replace(tzinfo=z, fold=1).astimezone(UTC)
    after = naive.replace(tzinfo=z, fold=0).astimezone(UTC)
    target = after.astimezone(z).utcoffset()
    low, high = 0, int((after - before).total_seconds())
    while high - low > 1:
        mid = (low + high) // 2
        if (before + timedelta(seconds=mid)).astimezone(z).utcoffset() == target:
            high = mid
        else:
            low = mid
    instant = before + timedelta(seconds=high)
    if instant.second or instant.microsecond:
        # Old zones had transitions at odd seconds; a reminder fires on a whole minute.
        instant = instant.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return instant
