"""rules.yaml is consistent, and the engine is pure and deterministic."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

import flows.triage as triage
from flows.triage import questions, triage_text
from flows.triage.lexicon import load_rules

PACKAGE = Path(triage.__file__).parent
ASK_IDS = {f"RF{i}" for i in range(1, 9)} | {f"CHECK-RF{i}" for i in (1, 2, 3, 5, 6, 7)} | {"SEPSIS", "REASK-RF"}
FLAG_KEYS = {"keep_cues", "red_flag", "multi", "site", "skin", "gi"}


def _walk(node: Any, path: str = "") -> list[str]:
    """Paths of YAML booleans outside the known flag keys (an unquoted 'no' or 'off' becomes False)."""
    if isinstance(node, bool):
        return [] if path.rsplit("/", 1)[-1] in FLAG_KEYS else [path]
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _walk(v, f"{path}/{k}")]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _walk(v, f"{path}[{i}]")]
    return []


def test_no_accidental_yaml_booleans() -> None:
    assert _walk(yaml.safe_load(resources.files("flows.triage").joinpath("rules.yaml").read_text("utf-8"))) == []


def test_references_point_at_existing_items() -> None:
    rules = load_rules()
    items = rules["items"]
    assert str(rules["version"])
    for item_id, spec in items.items():
        assert spec["level"] in {"EXPECTED", "ADVICE", "URGENT", "ASK"}, item_id
        if spec["level"] == "ADVICE":
            assert spec.get("timing") in {"today", "routine"}, item_id
        for key in ("after_48h", "if_only_at_site"):
            assert spec.get(key) in (None, *items), (item_id, key)
        assert set(spec.get("narrows", ())) <= set(items), item_id
        assert set(spec.get("asks", ())) <= ASK_IDS, item_id
        for phrases in (spec.get("say") or {}).values():
            for entry in phrases:
                if isinstance(entry, dict):
                    for key in ("after_48h", "when_resolved_alone"):
                        assert entry.get(key) in (None, *items), (item_id, entry)
    assert set(rules["combinations"]) <= set(items)
    for qid, spec in rules["questions"].items():
        for option, outcome in (spec.get("outcomes") or {}).items():
            assert option in spec["options"], (qid, option)
            assert outcome.get("item") in (None, *items), (qid, option)
            assert set(outcome.get("asks", ())) <= ASK_IDS, (qid, option)
    assert {q.id for q in questions()} >= ASK_IDS - {"REASK-RF"}


def test_package_is_pure() -> None:
    """No messenger, no clock, no I/O beyond reading its own data files."""
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(n.split(".")[0] in {"telegram", "time", "random", "os"} for n in names), path
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open":
                raise AssertionError(f"{path.name} calls open()")
            # Dates are passed in (the message's send time); the engine never reads the clock itself.
            if isinstance(node, ast.Attribute) and node.attr in {"now", "today", "utcnow"}:
                raise AssertionError(f"{path.name} reads the clock ({node.attr})")


def test_same_text_same_decision() -> None:
    text = "arm a bit sore, no rash, lips maybe tingly, had hives last time"
    assert triage_text(text) == triage_text(text)
