"""Webhook mode: POST each pending update to the bot's URL in order, retrying failures briefly."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import aiohttp

from .models import Json
from .state import State
from .updates import UpdateQueue

log = logging.getLogger(__name__)


class WebhookSender:
    """Holds the webhook settings and runs the delivery loop while a URL is set."""

    def __init__(self, queue: UpdateQueue, state: State, retries: int = 3, backoff: float = 0.05) -> None:
        self.queue = queue
        self.state = state
        self.retries = retries
        self.backoff = backoff
        self.url = ""
        self.secret_token: str | None = None
        self.max_connections = 40
        self.ip_address: str | None = None
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self.delivered = 0
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def active(self) -> bool:
        """True while a webhook URL is set (getUpdates then answers 409)."""
        return bool(self.url)

    async def set(self, url: str, secret_token: str | None, max_connections: int, ip_address: str | None) -> None:
        """Point delivery at a new URL and (re)start the loop."""
        await self.delete()
        self.url, self.secret_token = url, secret_token
        self.max_connections, self.ip_address = max_connections, ip_address
        self.last_error_date = self.last_error_message = None
        self._task = asyncio.create_task(self._run(), name="emulator-webhook")

    async def delete(self) -> None:
        """Stop delivering; undelivered updates stay queued for getUpdates."""
        self.url, self.secret_token = "", None
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def close(self) -> None:
        """Stop the loop and close the HTTP client."""
        await self.delete()
        if self._session is not None:
            await self._session.close()
            self._session = None

    def info(self) -> Json:
        """getWebhookInfo's WebhookInfo object."""
        data: Json = {"url": self.url, "has_custom_certificate": False,
                      "pending_update_count": len(self.queue.pending)}
        if self.url:
            data["max_connections"] = self.max_connections
            if self.ip_address:
                data["ip_address"] = self.ip_address
            if self.queue.allowed_updates:
                data["allowed_updates"] = list(self.queue.allowed_updates)
        if self.last_error_date is not None:
            data["last_error_date"] = self.last_error_date
            data["last_error_message"] = self.last_error_message
        return data

    async def _run(self) -> None:
        while self.url:
            if not await self.queue.wait_pending():
                if self.queue.closing:
                    return
                continue
            update = self.queue.pending[0]
            delivered = await self._deliver(update)
            if self.queue.pending and self.queue.pending[0] is update:
                # Give up after the retries rather than block every later update forever
                self.queue.pop_first()
            if delivered:
                self.delivered += 1

    async def _deliver(self, update: Json) -> bool:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        headers = {"Content-Type": "application/json"}
        if self.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.secret_token
        body = json.dumps(update, ensure_ascii=False).encode()
        for attempt in range(self.retries + 1):
            try:
                async with self._session.post(self.url, data=body, headers=headers) as response:
                    if 200 <= response.status < 300:
                        return True
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
            except (aiohttp.ClientError, TimeoutError) as err:
                error = f"Connection failed: {err.__class__.__name__}: {err}"
            self.last_error_date, self.last_error_message = self.state.now(), error
            log.debug("webhook delivery of update %s failed: %s", update["update_id"], error)
            self.state.record("webhook_error", None, update_id=update["update_id"], error=error)
            if attempt < self.retries:
                await asyncio.sleep(self.backoff * 2**attempt)
        return False
