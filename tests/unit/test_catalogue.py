"""The message catalogue: every key the code names exists in English, and rendering works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.i18n import catalogue, render
from flows.messages import Lines, Raw, T

ROOT = Path(__file__).resolve().parents[2]
KEY_IN_CODE = re.compile(r"""\bT\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")


def _keys_in_code() -> set[tuple[str, str]]:
    found = set()
    for folder in ("flows", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in KEY_IN_CODE.findall(path.read_text(encoding="utf-8")):
                found.add((str(path.relative_to(ROOT)), key))
    return found


def test_every_literal_key_in_the_code_is_in_the_english_catalogue() -> None:
    english = catalogue("en")
    missing = sorted(f"{path}: {key}" for path, key in _keys_in_code() if key not in english)
    assert missing == []


def test_no_english_text_is_empty() -> None:
    assert [k for k, v in catalogue("en").items() if not v.strip()] == []


def test_parameters_are_rendered_and_raw_values_are_not_translated() -> None:
    text = render(T("consent.welcome", name=Raw("{not a field}")))
    assert "{not a field}" in text


def test_lines_render_on_consecutive_lines() -> None:
    assert render(Lines((T("general.cmd_help"), T("general.cmd_cancel")))).count("\n") == 1


def test_an_unknown_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        render(T("nope.missing"))
