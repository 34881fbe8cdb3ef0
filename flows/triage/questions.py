"""The structured check-in questions (spec §2) as data: IDs, options and what answers mean."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .lexicon import load_rules
from .model import Level


@dataclass(frozen=True)
class Question:
    """One question a check-in flow can render as buttons (wording lives in the message catalogue)."""

    id: str
    block: str
    options: tuple[str, ...]
    red_flag: bool
    multi: bool
    intent: str


@dataclass(frozen=True)
class Outcome:
    """What one answer means (from the `outcomes` of rules.yaml)."""

    level: Level | None
    timing: str | None
    item: str | None
    asks: tuple[str, ...]
    after_48h: str | None
    site: bool
    skin: bool
    gi: bool
    urgent_with_any_yes: frozenset[str]


def _outcome(raw: Mapping[str, Any]) -> Outcome:
    return Outcome(
        level=Level[raw["level"]] if "level" in raw else None,
        timing=raw.get("timing"),
        item=raw.get("item"),
        asks=tuple(raw.get("asks", ())),
        after_48h=raw.get("after_48h"),
        site=bool(raw.get("site", False)),
        skin=bool(raw.get("skin", False)),
        gi=bool(raw.get("gi", False)),
        urgent_with_any_yes=frozenset(raw.get("urgent_with_any_yes", ())),
    )


@cache
def specs() -> Mapping[str, tuple[Question, Mapping[str, Outcome]]]:
    """Every question with its outcomes, in the order of rules.yaml."""
    out: dict[str, tuple[Question, Mapping[str, Outcome]]] = {}
    for qid, raw in load_rules()["questions"].items():
        question = Question(
            id=qid,
            block=str(raw["block"]),
            options=tuple(str(o) for o in raw["options"]),
            red_flag=bool(raw.get("red_flag", False)),
            multi=bool(raw.get("multi", False)),
            intent=str(raw.get("intent", "")),
        )
        outcomes = {str(k): _outcome(v) for k, v in (raw.get("outcomes") or {}).items()}
        out[qid] = (question, outcomes)
    return out


def questions() -> tuple[Question, ...]:
    """All questions (red flags, checks, sepsis screen, site, technique, whole body, timing)."""
    return tuple(q for q, _ in specs().values())
