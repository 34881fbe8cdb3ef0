"""Structured check-in answers (spec §2.1-§2.5, §4.3): triage_answers() and resolve_check()."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .combine import decide
from .lexicon import lexicon
from .model import Decision, Finding, Level, Reason
from .questions import Outcome, specs

CheckAnswer = Literal["yes", "no", "still_not_sure", "no_reply"]
CHECKABLE = ("RF1", "RF2", "RF3", "RF5", "RF6", "RF7")  # spec §4.3: RF4 and RF8 have other rules
_SYMPTOM_BLOCKS = frozenset({"red_flags", "site", "whole_body"})


def _parse(answers: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Validate IDs and options; multi-select answers are comma-separated."""
    table = specs()
    parsed: dict[str, tuple[str, ...]] = {}
    for qid, value in answers.items():
        if qid not in table:
            raise ValueError(f"unknown question ID {qid!r}")
        question, _ = table[qid]
        values = tuple(v.strip() for v in str(value).split(",")) if question.multi else (str(value),)
        for v in values:
            if v not in question.options:
                raise ValueError(f"{qid}: {v!r} is not one of {question.options}")
        parsed[qid] = values
    return parsed


def _check_finding(rf: str, answer: str) -> Finding:
    if answer == "no":
        return Finding(Reason(f"CHECK-{rf}", "check-answer", answer, Level.EXPECTED), is_item=False)
    rule = "no-reply" if answer == "no_reply" else "check-answer"
    return Finding(Reason(rf, rule, answer, Level.URGENT))


def resolve_check(rf: str, answer: CheckAnswer) -> Decision:
    """The one concrete check after 'Not sure': yes, still not sure or no reply → URGENT (§4.3)."""
    rf = rf.removeprefix("CHECK-")
    if rf not in CHECKABLE:
        raise ValueError(f"no concrete check for {rf!r}; checks exist for {CHECKABLE}")
    if answer not in ("yes", "no", "still_not_sure", "no_reply"):
        raise ValueError(f"unknown check answer {answer!r}")
    return decide([_check_finding(rf, answer)], lexicon().version)


def _one(qid: str, value: str, outcome: Outcome | None, rf_yes: set[str], over_48h: bool) -> Finding:
    """The finding for one answer, before rules that look at several answers."""
    block = specs()[qid][0].block
    rule = "rf-answer" if block == "red_flags" else "answer"
    evidence = value if block == "red_flags" else f"{qid}={value}"
    if outcome is None:  # "no", "none": recorded so the question is not asked again
        return Finding(Reason(qid, rule, evidence, Level.EXPECTED), is_item=False)
    if outcome.level is None:  # "not sure" to RF1/2/3/5/6/7: ask the concrete check
        return Finding(Reason(qid, "not-sure→check", evidence, Level.EXPECTED), None, outcome.asks, is_item=False)
    level, timing, item = outcome.level, outcome.timing, outcome.item or qid
    if qid == "RF4" and value == "not_sure":
        rule = "not-sure→reask"
    if outcome.urgent_with_any_yes & rf_yes:
        level, timing, rule = Level.URGENT, None, "two-systems"  # RF8 with RF1-RF5 (spec §2.1)
    elif over_48h and outcome.after_48h:
        item, rule = outcome.after_48h, "time>48h"
        level, timing = Level.ADVICE, lexicon().items[item].timing
    return Finding(Reason(item, rule, evidence, level), timing, outcome.asks)


def triage_answers(answers: Mapping[str, str], *, hours_since_dose: float | None = None) -> Decision:
    """Map structured answers to a decision (spec §2). Raises ValueError on unknown IDs or options."""
    parsed = _parse(answers)
    table = specs()
    first = {qid: values[0] for qid, values in parsed.items()}
    rf_yes = {q for q, v in first.items() if q.startswith("RF") and v == "yes"}
    over_48h = (hours_since_dose is not None and hours_since_dose > lexicon().measures.persist_hours) or first.get(
        "D4"
    ) in ("2_days", "3_plus_days")
    findings: list[Finding] = []
    site = gi = skin = False
    symptoms: list[str] = []
    for qid, values in parsed.items():
        if qid.startswith("CHECK-"):
            findings.append(_check_finding(qid.removeprefix("CHECK-"), values[0]))
            continue
        for value in values:
            outcome = table[qid][1].get(value)
            finding = _one(qid, value, outcome, rf_yes, over_48h)
            findings.append(finding)
            if outcome is not None:
                site |= outcome.site
                gi |= outcome.gi or (qid == "RF8" and outcome.level is not None)
                skin |= outcome.skin
            if finding.is_item and table[qid][0].block in _SYMPTOM_BLOCKS and finding.reason.item != "A-DIZZY-PAST":
                symptoms.append(finding.reason.item)
    findings += _cross_rules(first, rf_yes, site, gi, skin, symptoms)
    return decide(findings, lexicon().version)


def _cross_rules(
    first: Mapping[str, str], rf_yes: set[str], site: bool, gi: bool, skin: bool, symptoms: list[str]
) -> list[Finding]:
    """Rules that need more than one answer."""
    out: list[Finding] = []
    t1, t2 = first.get("T1"), first.get("T2")
    if t1 in ("im", "sc") and t2 in ("im", "sc") and t1 != t2:
        out.append(Finding(Reason("A-ROUTE", "route-mismatch", f"T1={t1}, T2={t2}", Level.ADVICE), "routine"))
    if first.get("Y9") == "passed" and symptoms:
        # Dizziness that passed counts as RF5 when anything else is reported (spec Y9).
        out.append(Finding(Reason("U-FAINT", "dizzy+other", f"Y9=passed with {symptoms[0]}", Level.URGENT)))
    if gi and (skin or rf_yes & {"RF1", "RF2", "RF3", "RF4", "RF5", "RF6", "RF7"}):
        out.append(Finding(Reason("U-GI+", "two-systems", "stomach with skin/airway/circulation", Level.URGENT)))
    if first.get("Y2") == "yes" and rf_yes & {"RF1", "RF5", "RF6"}:
        out.append(Finding(Reason("U-PALP+", "palp+red-flag", "Y2=yes with " + min(rf_yes), Level.URGENT)))
    if site and first.get("D3") == "worse":
        out.append(Finding(Reason("A-PAIN", "worse", "D3=worse", Level.ADVICE), "today"))
    return out
