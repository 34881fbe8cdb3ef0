"""A database error that reaches the logs (with its traceback) never carries the values of the statement."""

from __future__ import annotations

import logging
import traceback

import pytest
from sqlalchemy.exc import DBAPIError, StatementError

from bot.db.engine import Database
from bot.db.models import User
from flows.clock import FakeClock

SECRET_NAME = "Wilhelmina-Secretname"


async def test_a_failed_insert_does_not_put_a_name_into_the_error(
    db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    async with db.session() as s:
        s.add(User(telegram_id=42, chat_id=42, first_name="First", created_at=clock.now()))
    with pytest.raises((DBAPIError, StatementError)) as failed:
        async with db.session() as s:
            s.add(User(telegram_id=42, chat_id=42, first_name=SECRET_NAME, created_at=clock.now()))
    # This is what the update error handler and the timer hand to the log.
    logging.getLogger("bot.adapter").error("update failed", exc_info=failed.value)
    logged = "".join(traceback.format_exception(failed.value)) + caplog.text
    assert "telegram_id" in logged or "UNIQUE" in logged.upper()
    assert SECRET_NAME not in logged
