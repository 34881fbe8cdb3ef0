"""The whole bot in a real browser: a patient and a carer chat with it through the sandbox page.

consent → /help → set-up → carer invited through a deep link → "Next event" to the reminder → Taken →
"Next event" to the check-in → words it can't place ask again → "my lips are swelling" → URGENT with 999 →
the carer's alert.
Screenshots of each step land in test-artifacts/browser/test_walkthrough/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import need_playwright

need_playwright()

from playwright.async_api import Page, expect  # noqa: E402

from tests.browser.chat import ChatPage  # noqa: E402

pytestmark = pytest.mark.browser


async def consent_and_help(chat: ChatPage) -> None:
    """/start shows the terms; "I agree" stores consent; the menu's /help lists the commands."""
    await chat.send("/start")
    welcome = await chat.bot_says("Do you agree to use me on these terms?")
    await expect(welcome.get_by_role("button")).to_have_text(["I agree", "No, thanks"])
    await chat.shot("welcome")
    await chat.tap("I agree")
    await chat.bot_says("Your agreement is saved")
    await chat.bot_says("Which country do you live in?")
    # The command menu comes from the bot's own setMyCommands.
    await chat.page.get_by_role("button", name="Menu").click()
    await chat.page.get_by_role("button", name="/help").click()
    await chat.bot_says("Here is what I can do")
    await chat.shot("help")


async def onboard(chat: ChatPage) -> None:
    """The guided set-up: UK, hydroxocobalamin 1 mg/mL, 1 mL into the thigh, every 3 months, from tomorrow 09:00."""
    await chat.tap("United Kingdom", on="Which country")  # asked before /help, so not the latest message
    for label in ("London", "Hydroxocobalamin", "1 mg/mL"):
        await chat.tap(label)
    await chat.bot_says("How much do you inject each time")
    await chat.send("1")
    for label in ("(IM)", "Thigh", "Done", "no nerve symptoms, every 3 months", "planned date", "Tomorrow", "09:00"):
        await chat.tap(label)
    await chat.bot_says("Nothing is saved until you tap Save")
    await chat.tap("Save", exact=True)
    await chat.bot_says("your prescription is saved")
    await chat.shot("set-up-done")


async def link_carer(chat: ChatPage) -> None:
    """Pat invites a carer; the deep link opens as Carla, who agrees and accepts; Pat confirms it is her."""
    await chat.send("/carers")
    await chat.tap("Invite a carer")
    invite = await chat.bot_says("Here is your invite link")
    await invite.locator("a.deep-link").click()
    dialog = chat.page.get_by_role("dialog", name="Open this link as…")
    await expect(dialog).to_be_visible()
    await chat.shot("open-link-as")
    await dialog.get_by_role("button", name="Carla").click()
    await expect(chat.tab("Carla")).to_have_attribute("aria-selected", "true")
    await chat.bot_says("has invited you to be their carer")
    await chat.tap("I agree")
    await chat.bot_says("Do you want to be Pat's carer?")
    await chat.tap("Accept")
    await expect(chat.tab("Pat").locator(".badge")).to_be_visible()
    await chat.chat_as("Pat")
    await chat.bot_says("accepted your invitation to be your carer")
    await chat.tap("Yes, that's them")
    await chat.chat_as("Carla")
    await chat.bot_says("you are now their carer")
    await chat.chat_as("Pat")


async def reminder_and_taken(chat: ChatPage) -> None:
    """"Next event" jumps to tomorrow's 09:00 reminder; Taken logs the dose with site and route."""
    await chat.clock("Next event")
    await expect(chat.page.locator("#clock-now")).to_contain_text("09:00")
    await expect(chat.page.locator("#clock-offset")).to_contain_text("ahead of real time")
    reminder = await chat.bot_says("Time for your B12 injection")
    await expect(reminder.get_by_role("button", name="Taken")).to_be_visible()
    await chat.shot("reminder")
    for label in ("Taken", "Thigh (suggested)", "into the muscle (IM)"):
        await chat.tap(label)
    await chat.tap("Skip", exact=True)
    await chat.tap("Just now")
    await chat.bot_says(re.compile(r"Logged.*Thigh", re.S))
    await chat.shot("logged")


async def checkin_urgent(chat: ChatPage) -> None:
    """"Next event" jumps to the check-in; "my lips are swelling" gets URGENT with the emergency number."""
    await chat.clock("Next event")
    await expect(chat.page.locator("#clock-now")).to_contain_text("09:30")
    await chat.bot_says("How are you after your injection?")
    await chat.shot("check-in")
    # Words the bot can't place are never reassured: it says so and shows the red-flag list again.
    await chat.send("I feel all floaty and strange")
    unsure = await chat.bot_says("I want to be sure I have understood you")
    await expect(unsure.get_by_role("button").first).to_have_text("None of these")
    await chat.shot("not-understood")
    await chat.send("my lips are swelling")
    urgent = await chat.bot_says("CALL 999")
    await expect(urgent.get_by_role("button")).to_have_text(["I've called", "Someone is calling", "I can't call"])
    await expect(chat.tab("Carla").locator(".badge")).to_be_visible()
    await chat.shot("urgent")
    await chat.docs_shot()


async def carer_alert(chat: ChatPage) -> None:
    """Carla's chat has the urgent alert, naming Pat, the symptom and the emergency number."""
    await chat.chat_as("Carla")
    alert = await chat.bot_says("URGENT: Pat may be having a serious reaction")
    await expect(alert).to_contain_text("swelling of the face, lips")
    await expect(alert).to_contain_text("call 999 now")
    await expect(chat.tab("Carla").locator(".badge")).to_have_count(0)
    await chat.shot("carer-alert")


async def test_walkthrough(browser_page: Page, sandbox_url: str, artifacts: Path) -> None:
    chat = ChatPage(browser_page, sandbox_url, artifacts)
    await chat.open()
    await expect(browser_page.locator("#clock-offset")).to_have_text("real time")
    await consent_and_help(chat)
    await onboard(chat)
    await link_carer(chat)
    await reminder_and_taken(chat)
    await checkin_urgent(chat)
    await carer_alert(chat)


async def test_fast_forward_and_reset(browser_page: Page, sandbox_url: str, artifacts: Path) -> None:
    chat = ChatPage(browser_page, sandbox_url, artifacts)
    await chat.open()
    await chat.send("/start")
    await chat.bot_says("Do you agree")
    await chat.clock("+1 h")
    await chat.clock("+1 day")
    await expect(browser_page.locator("#clock-offset")).to_have_text("1 d 1 h ahead of real time")

    await browser_page.get_by_role("button", name="Reset…").click()
    await browser_page.get_by_role("button", name="Delete and start again").click()

    await expect(browser_page.locator("#messages")).to_have_text("No messages yet. Send /start to meet the bot.",
                                                                 timeout=15_000)
    await expect(browser_page.locator("#clock-offset")).to_have_text("real time")
    await chat.send("/start")
    await chat.bot_says("Do you agree")
    await chat.shot("after-reset")
