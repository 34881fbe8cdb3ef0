"""Driving the sandbox page the way a person would: tabs, typing, tapping buttons, the clock, screenshots."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from playwright.async_api import Locator, Page, expect

WAIT_MS = 15_000


class ChatPage:
    """The sandbox chat in a browser tab; every step waits for what a person would wait to see."""

    def __init__(self, page: Page, url: str, artifacts: Path) -> None:
        self.page, self.url, self.artifacts = page, url, artifacts
        self.shots = 0

    async def open(self) -> None:
        """Load the page and wait until the people tabs are there."""
        await self.page.goto(self.url)
        await expect(self.tab("Pat")).to_have_attribute("aria-selected", "true", timeout=WAIT_MS)

    def tab(self, name: str) -> Locator:
        """The tab of one simulated person."""
        return self.page.locator(f'[role="tab"][data-person="{name}"]')

    async def chat_as(self, name: str) -> None:
        """Switch to this person's chat."""
        await self.tab(name).click()
        await expect(self.tab(name)).to_have_attribute("aria-selected", "true")

    async def send(self, text: str) -> None:
        """Type into the message box and press Enter."""
        box = self.page.get_by_role("textbox")
        await box.fill(text)
        await box.press("Enter")
        await expect(self.page.locator(".msg.user").filter(has_text=text).last).to_be_visible(timeout=WAIT_MS)

    def bot_messages(self, text: str | re.Pattern[str] | None = None) -> Locator:
        """The bot's bubbles in the open chat, optionally only those containing `text`."""
        found = self.page.locator(".msg.bot")
        return found.filter(has_text=text) if text is not None else found

    async def bot_says(self, text: str | re.Pattern[str]) -> Locator:
        """Wait for a bot message containing `text` and return the latest such message."""
        message = self.bot_messages(text).last
        await expect(message).to_be_visible(timeout=WAIT_MS)
        return message

    async def tap(self, label: str | re.Pattern[str], *, exact: bool = False, on: str | None = None) -> None:
        """Tap the button with this label on the bot's latest message (or its latest one containing `on`)."""
        button_role: Any = {"name": label, "exact": exact} if isinstance(label, str) else {"name": label}
        # Only the latest message: an older one may carry the same label (Skip, I agree) and be stale.
        button = self.bot_messages(on).last.get_by_role("button", **button_role).first
        await expect(button).to_be_visible(timeout=WAIT_MS)
        seen = await self.bot_activity()
        await button.click()
        # Every press gets an answer (a new message or an edit); wait for it so the next step sees it.
        await self.page.wait_for_function(
            "n => Number(document.body.dataset.botActivity || 0) > n", arg=seen, timeout=WAIT_MS
        )

    async def bot_activity(self) -> int:
        """How many bot messages and edits the page has drawn since it loaded."""
        return int(await self.page.evaluate("Number(document.body.dataset.botActivity || 0)"))

    async def clock(self, label: str) -> None:
        """Press a clock button (+15 min, +1 h, +1 day, Next event) and wait until the clock has moved."""
        before = await self.page.locator("#clock-now").get_attribute("datetime")
        await self.page.get_by_role("button", name=label).click()
        await expect(self.page.locator("#clock-now")).not_to_have_attribute("datetime", before or "", timeout=WAIT_MS)
        await expect(self.page.get_by_role("button", name=label)).to_be_enabled(timeout=WAIT_MS)

    async def shot(self, name: str) -> Path:
        """Save a screenshot of the page as the next numbered artifact."""
        self.shots += 1
        path = self.artifacts / f"{self.shots:02d}-{name}.png"
        await self.page.screenshot(path=str(path))
        return path

    async def docs_shot(self) -> None:
        """With SANDBOX_SCREENSHOT=docs/sandbox.png, save this view as the README's picture of the sandbox."""
        target = os.environ.get("SANDBOX_SCREENSHOT")
        if target:
            await self.page.screenshot(path=target)
