"""Browser fixtures: the sandbox served in-process, and Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.sandbox.main import serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
FAILED = pytest.StashKey[bool]()


def _unavailable(reason: str) -> None:
    """Skip, unless this run promised a browser (REQUIRE_BROWSER=1, as CI sets): then fail."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(f"{reason} (set REQUIRE_BROWSER=1 to make this a failure; .ci/browser installs Chromium)",
                allow_module_level=True)


def need_playwright() -> None:
    """Call at the top of a browser test module, before importing playwright."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Remember whether the test body failed, so the page fixture can photograph the failure."""
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Path:
    """A fresh folder for this test's screenshots under test-artifacts/browser/."""
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


@pytest.fixture
async def sandbox_url(tmp_path: Path) -> AsyncIterator[str]:
    """The sandbox on a free port with a throwaway database; yields the page URL."""
    settings = load_settings(env_file=None, sandbox_database_url=f"sqlite+aiosqlite:///{tmp_path / 'sandbox.sqlite3'}")
    async with serving(settings, 0) as (_sandbox, url):
        yield url


@pytest.fixture
def chromium() -> Path:
    """Debian's Chromium, or a skip (a failure under REQUIRE_BROWSER=1) saying why not."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed")
    return CHROMIUM


@pytest.fixture
async def browser_page(chromium: Path, tmp_path: Path, artifacts: Path,
                       request: pytest.FixtureRequest) -> AsyncIterator[object]:
    """A page in a fresh headless Chromium profile; JavaScript errors fail the test, failures are photographed."""
    need_playwright()
    from playwright.async_api import async_playwright

    errors: list[str] = []
    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 900, "height": 900}, locale="en-GB", timezone_id="Europe/London",
        )
        try:
            page = context.pages[0] if context.pages else await context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            yield page
            if request.node.stash.get(FAILED, False):
                await page.screenshot(path=str(artifacts / "failure.png"))
        finally:
            await context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
