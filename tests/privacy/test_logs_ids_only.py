"""At DEBUG, the bot's own log records carry ids only: no names, typed answers, symptoms, tokens or invite links."""

from __future__ import annotations

import logging
import traceback

import pytest

from tests.e2e.harness import Harness
from tests.privacy.session import full_session

pytestmark = pytest.mark.e2e


def _everything_in(record: logging.LogRecord) -> str:
    """All a handler could print from a record: the message, its arguments and any traceback."""
    parts = [record.getMessage(), repr(record.args)]
    if record.exc_info and record.exc_info[1] is not None:
        parts.append("".join(traceback.format_exception(*record.exc_info)))
    if record.exc_text:
        parts.append(record.exc_text)
    return "\n".join(parts)


async def test_a_whole_session_logs_no_personal_text(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.DEBUG, logger="flows")
    session = await full_session(h)
    ours = [r for r in caplog.records if r.name.split(".")[0] in ("bot", "flows")
            and not r.name.startswith(("bot.emulator", "bot.sandbox"))]
    assert len(ours) > 30, "the session should have produced plenty of log lines"
    assert any("urgent" in r.getMessage() for r in ours), "the urgent report should be logged (by id)"
    for record in ours:
        text = _everything_in(record).lower()
        for secret in session.secrets():
            assert secret.lower() not in text, (secret, record.name, record.getMessage())
