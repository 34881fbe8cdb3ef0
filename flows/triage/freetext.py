"""Free-text screening of a check-in reply: triage_text()."""

from __future__ import annotations

from datetime import datetime
from functools import cache
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
from .dates import WEEKDAY_WORDS, days_back, over_48h
from .language import Reading, detect
from .lexicon import Lexicon, lexicon
from .matcher import Match, find_matches
from .model import Decision, Finding, Level, Reason
from .neutral import neutral_words, vocabulary
from .polarity import Judge
from .recall import find_concepts, plainly_denied, recall_index
from .roles import Roles, mark_roles
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


def _over_48h(
    doc: Doc, folded: str, lex: Lexicon, hours_since_dose: float | None, sent_at: datetime | None
) -> tuple[bool, str]:
    """Past the 48-h limit: from the dose log, from dates in the message against its send date, or from words."""
    if hours_since_dose is not None and hours_since_dose > lex.measures.persist_hours:
        return True, f"{hours_since_dose:g} h since dose"
    said = days_back(doc.words, folded, sent_at) if sent_at is not None else None
    if said is not None and over_48h(said[0]):
        return True, f"{said[1]}: day {said[0] + 1}"
    for span in lex.time_over.spans(doc.words):
        # With the send date known, a weekday is worked out above ("since Monday" on a Tuesday is day 2).
        if said is None or not any(doc.words[i] in WEEKDAY_WORDS for i in span):
            return True, " ".join(doc.words[i] for i in span).replace("__over_48h__", "2+ days")
    return False, ""


def _message_asks(
    text: str, doc: Doc, lex: Lexicon, said: bool, reading: Reading, unplaced: list[str]
) -> list[Finding]:
    """Whole-message reasons to ask the red-flag checklist rather than reassure (spec §4.5, §4.8)."""
    words = [w for w in doc.words if w.isalnum() or w.startswith("__")]
    emoji = [w for w in doc.words if not (w.isalnum() or w.startswith("__"))]
    snippet = text.strip()[:80]
    item = rule = ""
    if emoji and not words and any(e not in lex.emoji_fine for e in emoji):
        item, rule = "Q-EMOJI", "emoji-only→ask"
    elif not reading.readable and reading.code != "und":
        item, rule, snippet = "Q-LANGUAGE", "unsupported-language→ask", reading.code
    elif not reading.readable:
        item, rule = "Q-UNREAD", "unreadable→ask"
    elif unplaced:
        item, rule, snippet = "Q-UNPLACED", "not-understood→ask", " ".join(unplaced)[:80]
    elif not doc.words:
        item, rule = "Q-EMPTY", "empty→ask"
    elif not said and len(words) < 3:
        item, rule = "Q-SHORT", "short-unknown→ask"
    elif not said:
        item, rule = "Q-NOTHING", "nothing-said→ask"
    if not rule:
        return []
    return [Finding(Reason(item, rule, snippet, Level.EXPECTED), None, ALL_RED_FLAGS, is_item=False)]


def _recall(doc: Doc, roles: Roles, placed: set[int]) -> tuple[list[Finding], set[int]]:
    """Red-flag concepts the precise rules did not place: ask their questions (issue: recall-first layer)."""
    negations, after = sorted(roles.negation), sorted(roles.after)
    index = recall_index()
    out: list[Finding] = []
    seen: set[int] = set()
    for hit in find_concepts(doc, index):
        span = set(range(hit.first, hit.last + 1))
        seen |= span
        if not hit.concept or span & placed or plainly_denied(hit, doc, negations, after):
            continue
        evidence = " ".join(doc.words[hit.first : hit.last + 1])[:80]
        reason = Reason(f"R-{hit.concept}", "recall→ask", evidence, Level.EXPECTED)
        out.append(Finding(reason, None, index.asks[hit.concept], is_item=False))
    return out, seen


def _unplaced(doc: Doc, covered: set[int], roles: Roles, lex: Lexicon) -> list[str]:
    """Words that are neither placed by a rule, nor a cue, nor plainly neutral: the bot did not understand them."""
    skip = _skip_words()
    left = [i for i, w in enumerate(doc.words) if w not in skip and i not in covered and not w.startswith("__")]
    if not left:
        return []
    cues = roles.masked | set(roles.negation) | roles.after | roles.hedge | roles.hypothetical | roles.past
    cues |= roles.present | roles.present_strong | roles.resolved | roles.flip
    out = []
    for i in left:
        w = doc.words[i]
        if i in cues or w.isdigit() or (w.isalpha() and len(w) < 3):
            continue
        out.append(w)
    return out


@cache
def _skip_words() -> frozenset[str]:
    """Neutral words, neutral emoji and cue words: never "not understood" on their own."""
    lex, neutral = lexicon(), neutral_words()
    return neutral.words | neutral.emoji | lex.emoji_fine | lex.cues.all_cue_words


def triage_text(
    text: str,
    *,
    hours_since_dose: float | None = None,
    reporter: Literal["patient", "carer"] = "patient",
    sent_at: datetime | None = None,
) -> Decision:
    """Screen one free-text reply (spec §4). A carer's report counts as the patient's (§1.4)."""
    del reporter  # same rules for a carer's third-person report; kept for the caller's record
    lex = lexicon()
    folded = fold(text)
    doc = build_doc(words_of(folded, lex.measures), lex.cues.bounds)
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
    hits = apply_time(hits, *_over_48h(doc, folded, lex, hours_since_dose, sent_at), lex)
    hits = dizzy_alone(hits, lex)
    findings = to_findings(hits, doc, lex) + combinations(hits, lex) + ask_findings(asks, doc, lex)
    placed = {p for m in matches for p in m.positions}
    # A "no" the precise rules read before "can't swallow"-like phrasing is not trusted to clear a concept.
    trusted = placed - {p for m in negated if judge.modal_negation(m) for p in m.positions}
    recalled, concept_words = _recall(doc, roles, trusted)
    findings += recalled
    reading = detect(text, doc.words, vocabulary())
    unplaced = _unplaced(doc, placed | concept_words, roles, lex)
    said = bool(matches) or bool(concept_words)
    findings += _message_asks(text, doc, lex, said, reading, unplaced)
    return decide(findings, lex.version, language=reading.code, not_understood=unplaced)
