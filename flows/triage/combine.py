"""Build decisions from findings, and merge decisions (highest level wins, never lower)."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Decision, Finding, Level, Reason, Timing

# Reasons with these rules record an answer to a question; the question is then no longer asked.
ANSWER_RULES = frozenset({"rf-answer", "answer", "check-answer", "not-sure→check", "not-sure→reask"})

# Asks are listed in this order so that results do not depend on the order of the inputs.
_ASK_ORDER = (
    "RF1",
    "RF2",
    "RF3",
    "RF4",
    "RF5",
    "RF6",
    "RF7",
    "RF8",
    "CHECK-RF1",
    "CHECK-RF2",
    "CHECK-RF3",
    "CHECK-RF5",
    "CHECK-RF6",
    "CHECK-RF7",
    "SEPSIS",
    "REASK-RF",
)


def _ask_key(ask: str) -> tuple[int, str]:
    return (_ASK_ORDER.index(ask) if ask in _ASK_ORDER else len(_ASK_ORDER), ask)


def _merge_timing(timings: Iterable[Timing | None]) -> Timing | None:
    """'today' beats 'routine' beats nothing."""
    seen = set(timings)
    if "today" in seen:
        return "today"
    return "routine" if "routine" in seen else None


def _finish(
    level: Level,
    timing: Timing | None,
    asks: Iterable[str],
    reasons: Iterable[Reason],
    items: Iterable[str],
    version: str,
    language: str = "und",
    not_understood: Iterable[str] = (),
) -> Decision:
    """Apply the shared invariants: no asks at URGENT, timing only at ADVICE, no duplicates."""
    reasons = tuple(dict.fromkeys(reasons))
    answered = {r.item for r in reasons if r.rule in ANSWER_RULES}
    # At URGENT the bot stops all questions (spec §1.3); answered questions are not asked again.
    kept = () if level == Level.URGENT else tuple(sorted({a for a in asks if a not in answered}, key=_ask_key))
    return Decision(
        level=level,
        timing=timing if level == Level.ADVICE else None,
        asks=kept,
        reasons=reasons,
        rules_version=version,
        items=tuple(dict.fromkeys(items)),
        language=language,
        not_understood=tuple(dict.fromkeys(not_understood)),
    )


def decide(
    findings: Iterable[Finding],
    version: str,
    extra_asks: Iterable[str] = (),
    *,
    language: str = "und",
    not_understood: Iterable[str] = (),
) -> Decision:
    """Turn findings into a decision: the highest level wins (spec §4.1)."""
    findings = list(findings)
    level = max((f.reason.level for f in findings), default=Level.EXPECTED)
    timing = _merge_timing(f.timing for f in findings if f.reason.level == Level.ADVICE)
    if level == Level.ADVICE and timing is None:
        timing = "routine"
    asks = [a for f in findings for a in f.asks] + list(extra_asks)
    items = [f.reason.item for f in findings if f.is_item]
    return _finish(level, timing, asks, (f.reason for f in findings), items, version, language, not_understood)


def combine(*decisions: Decision) -> Decision:
    """Merge decisions: highest level wins; monotonic; asks dropped once URGENT."""
    if not decisions:
        return Decision(Level.EXPECTED, None, (), (), "", ())
    level = max(d.level for d in decisions)
    timing = _merge_timing(d.timing for d in decisions if d.level == Level.ADVICE)
    versions = sorted({d.rules_version for d in decisions if d.rules_version})
    return _finish(
        level,
        timing,
        (a for d in decisions for a in d.asks),
        (r for d in decisions for r in d.reasons),
        (i for d in decisions for i in d.items),
        "+".join(versions),
        next((d.language for d in decisions if d.language != "und"), "und"),
        (w for d in decisions for w in d.not_understood),
    )
