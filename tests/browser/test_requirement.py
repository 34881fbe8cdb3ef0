"""Without Chromium the browser tests skip with a reason, unless REQUIRE_BROWSER=1 demands them (as in CI)."""

from __future__ import annotations

import pytest

from tests.browser import conftest


def test_a_missing_browser_is_a_skip_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="REQUIRE_BROWSER=1"):
        conftest._unavailable("/usr/bin/chromium is not installed")


def test_a_missing_browser_fails_when_one_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed"):
        conftest._unavailable("/usr/bin/chromium is not installed")
