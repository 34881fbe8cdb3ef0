"""Free-text screening of a check-in reply: triage_text()."""

from __future__ import annotations

import unicodedata
from typing import Literal

from .combine import decide
from .context import (
    Hit,
    apply_time,
    ask_findings,
    combinations,
    dizzy_alone,
    only_at_site,
    resolve,
    subsume,
    to_findings,
)
from .lexicon import Lexicon, lexicon
from .matcher import Match, find_matches
from .model import Decision, Finding, Level, Reason
from .polarity import Judge
from .roles import mark_roles
from .text import Doc, build_doc, fold, words_of

ALL_RED_FLAGS = ("RF1", "RF2", "RF3", "RF4", "RF5", "RF6", "RF7", "RF8")


def _literal(matches: list[Match], doc: Doc, lex: Lexicon) -> set[int]:
    """Cue words that belong to a phrase ('can't breathe', 'passed out') are not cues themselves."""
    return {
        p
        for m in matches
        if not lex.items[m.item].keep_cues
        for p in m.positions
        if doc.words[p] in lex.cues.all_cue_words
    }


def _over_48h(doc: Doc, lex: Lexicon, hours_since_dose: float | None) -> tuple[bool, str]:
    if hours_since_dose is not None and hours_since_dose > lex.measures.persist_hours:
        return True, f"{hours_since_dose:g} h since dose"
    spans = lex.time_over.spans(doc.words)
    if spans:
        return True, " ".join(doc.words[i] for i in spans[0]).replace("__over_48h__", "2+ days")
    return False, ""


def _known(word: str, lex: Lexicon) -> bool:
    """A common word of a supported language, or a lexicon word (typos included)."""
    return word in lex.known_words or word in lex.fuzzy.vocabulary or len(lex.keys(word)) > 1


def _non_latin(text: str) -> bool:
    return any(c.isalpha() and "LATIN" not in unicodedata.name(c, "") for c in text)


def _message_asks(text: str, doc: Doc, lex: Lexicon, findings: list[Finding], known: bool) -> list[Finding]:
    """Whole-message reasons to ask the red-flag checklist rather than guess (spec §4.5, §4.8)."""
    if any(f.is_item and f.reason.item != "E-NONE" for f in findings):
        return []
    words = [w for w in doc.words if w.isalnum() or w.startswith("__")]
    emoji = [w for w in doc.words if not (w.isalnum() or w.startswith("__"))]
    snippet = text.strip()[:80]
    rule = item = ""
    if emoji and not words and any(e not in lex.emoji_fine for e in emoji):
        item, rule = "Q-EMOJI", "emoji-only→ask"
    elif findings or known:
        return []
    elif not doc.words:
        item, rule = "Q-EMPTY", "empty→ask"
    elif _non_latin(text) or (len(words) >= 3 and not any(_known(w, lex) for w in words)):
        item, rule = "Q-LANGUAGE", "unsupported-language→ask"
    elif len(words) < 3:
        item, rule = "Q-SHORT", "short-unknown→ask"
    if not rule:
        return []
    return [Finding(Reason(item, rule, snippet, Level.EXPECTED), None, ALL_RED_FLAGS, is_item=False)]


def triage_text(
    text: str,
    *,
    hours_since_dose: float | None = None,
    reporter: Literal["patient", "carer"] = "patient",
) -> Decision:
    """Screen one free-text reply (spec §4). A carer's report counts as the patient's (§1.4)."""
    del reporter  # same rules for a carer's third-person report; kept for the caller's record
    lex = lexicon()
    doc = build_doc(words_of(fold(text), lex.measures), lex.cues.bounds)
    roles = mark_roles(doc, lex)
    matches = find_matches(doc, lex)
    literal = _literal(matches, doc, lex)
    judge = Judge(doc, roles, lex, literal, {p for m in matches for p in m.positions})
    hits: list[Hit] = []
    negated: list[Match] = []
    asks = []
    for m in matches:
        verdict = judge.judge(m)
        if verdict.state == "pos":
            hits.append(Hit(m, m.item, verdict.rule, m.pattern.timing, m.pattern.tags, past=verdict.past))
        elif verdict.state == "neg":
            negated.append(m)
        elif verdict.state == "ask":
            asks.append((m, verdict))
    hits = subsume(hits, negated, lex)
    hits = resolve(hits, doc, roles, lex, literal)
    hits = only_at_site(hits, doc, lex)
    hits = apply_time(hits, *_over_48h(doc, lex, hours_since_dose), lex)
    hits = dizzy_alone(hits, lex)
    findings = to_findings(hits, doc, lex) + combinations(hits, lex) + ask_findings(asks, doc, lex)
    findings += _message_asks(text, doc, lex, findings, known=bool(negated))
    return decide(findings, lex.version)
