"""Rate limits: guessed invite tokens, and how often carers may be re-alerted about one urgent episode."""

from __future__ import annotations

from datetime import datetime, timedelta

BAD_TOKEN_LIMIT = 5
BAD_TOKEN_WINDOW = timedelta(hours=1)
# Spec §1.4: at most one URGENT alert per 10 minutes per episode, plus one update after "I can't call".
URGENT_REPEAT = timedelta(minutes=10)
MAX_PENDING_INVITES = 5
# A carer may confirm a dose given a little ahead of its reminder, never a dose days in the future.
PROXY_AHEAD = timedelta(hours=2)


def tokens_blocked(bad_in_window: int) -> bool:
    """Whether someone has sent too many bad invite tokens in the last hour."""
    return bad_in_window >= BAD_TOKEN_LIMIT


def urgent_allowed(last_sent: datetime | None, now: datetime) -> bool:
    """Whether another URGENT alert about the same episode may go to a carer now."""
    return last_sent is None or now - last_sent >= URGENT_REPEAT
