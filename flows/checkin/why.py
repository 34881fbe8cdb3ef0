"""/why: the reasons behind the last result, in plain words, with the rule and the rules version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from flows.i18n import has_key
from flows.messages import Lines, Message, Raw, T, Text

MAX_REASONS = 8
MAX_EVIDENCE = 60
# Evidence that is an answer code rather than the patient's words.
_ANSWER_RULES = frozenset({"answer", "rf-answer", "check-answer", "no-reply", "silence", "not-sure→check"})


def _item(item: str) -> Text:
    key = f"triage.item.{item.removeprefix('CHECK-')}"
    return T(key) if has_key(key) else T("triage.item.default")


def _rule(rule: str) -> Text:
    key = f"triage.rule.{rule}"
    return T(key) if has_key(key) else T("triage.rule.default")


def _line(reason: dict[str, Any]) -> Text:
    item, rule = str(reason.get("item", "")), str(reason.get("rule", ""))
    evidence = str(reason.get("evidence", ""))[:MAX_EVIDENCE]
    if evidence and rule not in _ANSWER_RULES:
        return T("triage.why_reason_evidence", item=_item(item), evidence=Raw(evidence), rule=_rule(rule))
    return T("triage.why_reason", item=_item(item), rule=_rule(rule))


def _plain_no(reason: dict[str, Any]) -> bool:
    """An answer of "no" or "none": it recorded a question as answered, it is not a reason."""
    evidence = str(reason.get("evidence", ""))
    return reason.get("rule") in _ANSWER_RULES and evidence.rsplit("=", 1)[-1] in ("no", "none")


def relevant(level: str, reasons: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reasons that set the result: those at its level (at EXPECTED, what was found), once per item."""
    chosen = [r for r in reasons if r.get("level") == level and not _plain_no(r)]
    seen: dict[str, dict[str, Any]] = {}
    for reason in chosen:
        seen.setdefault(str(reason.get("item")), reason)
    return list(seen.values())[:MAX_REASONS]


def explain(level: str, reasons: Sequence[dict[str, Any]], version: str, when: datetime) -> Message:
    """The /why answer for one stored decision (`when` already in the patient's time zone)."""
    lines = [_line(r) for r in relevant(level, reasons)]
    parts: list[Text | Lines] = [T("triage.why_title", when=Raw(when.strftime("%d %b %H:%M")))]
    parts.append(T(f"triage.why_level_{level}") if has_key(f"triage.why_level_{level}") else Raw(level))
    if lines:
        parts.append(Lines(tuple(lines)))
    parts += [T("triage.why_version", version=Raw(version or "?")), T("triage.why_limit")]
    return Message.say(*parts)


def nothing_yet() -> Message:
    """/why before any result."""
    return Message.say(T("triage.why_none"))
