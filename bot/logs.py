"""Logging: one line per event with ids only; the bot token is scrubbed from everything."""

from __future__ import annotations

import logging
import re

TOKEN_PATTERN = re.compile(r"\d{5,20}:[A-Za-z0-9_-]{30,}")


class RedactTokens(logging.Filter):
    """Replace anything that looks like a bot token (for instance inside a request URL)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message once, scrub it, and keep the record."""
        message = record.getMessage()
        clean = TOKEN_PATTERN.sub("<token>", message)
        for secret in self.secrets:
            clean = clean.replace(secret, "<secret>")
        if clean != message:
            record.msg, record.args = clean, None
        return True


def setup_logging(level: str, secrets: list[str] | None = None) -> None:
    """Configure the root logger once; quiet the chatty HTTP libraries."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactTokens(secrets or []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # Libraries log whole updates and SQL parameters (names, message texts) at DEBUG, and health data must
    # never reach the logs, so DEBUG applies to our own loggers only.
    root.setLevel(max(logging.INFO, logging.getLevelName(level)))
    for ours in ("bot", "flows"):
        logging.getLogger(ours).setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the token.
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access", "alembic.runtime.plugins"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

