"""Message-wide rules: specificity, resolution, injection-site-only, past episodes, 48 h, combinations."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .lexicon import Lexicon
from .matcher import Match
from .model import Finding, Level, Reason
from .polarity import Verdict
from .roles import Roles
from .text import Doc

_NOT_SYMPTOMS = frozenset({"E-NONE", "E-TIRED", "E-ANXIETY"})


@dataclass(frozen=True)
class Hit:
    """A match that is being reported now (or was, for past episodes), with its current reading."""

    match: Match
    item: str
    rule: str
    timing: str | None
    tags: frozenset[str]
    past: bool = False
    resolved: bool = False
    note: str = ""  # appended to the evidence ("since monday")

    @property
    def positions(self) -> frozenset[int]:
        """Word positions the phrase used."""
        return frozenset(self.match.positions)


def evidence(doc: Doc, m: Match) -> str:
    """The words of the message the phrase covered (normalised), at most 80 characters."""
    return " ".join(doc.words[m.first : m.last + 1])[:80]


def _rank(lex: Lexicon, item: str) -> int:
    return lex.items[item].rank


def _beats(o: Hit, h: Hit, lex: Lexicon) -> bool:
    """Whether reading o makes reading h redundant (o covers h's words and is as serious or more)."""
    if o is h or not h.positions <= o.positions:
        return False
    if o.item != h.item and h.item in lex.items[o.item].narrows:
        return True
    rank_o, rank_h = _rank(lex, o.item), _rank(lex, h.item)
    if len(o.positions) > len(h.positions):
        return rank_o >= rank_h
    return len(o.positions) == len(h.positions) and rank_o > rank_h


def subsume(hits: list[Hit], negated: list[Match], lex: Lexicon) -> list[Hit]:
    """Keep the most specific reading: 'itchy all over' replaces 'itchy'; 'lips not swollen' drops 'lips'."""
    covering: dict[int, list[Hit]] = {}  # a word -> hits that use it (only these can cover a hit starting there)
    for h in hits:
        for p in h.positions:
            covering.setdefault(p, []).append(h)
    denied: dict[int, list[Match]] = {}
    for n in negated:
        if lex.items[n.item].red_flag:
            denied.setdefault(n.first, []).append(n)
    kept = []
    for h in hits:
        if any(_beats(o, h, lex) for o in covering[h.match.first]):
            continue
        # An ask about a body part is settled when the user denied a red flag about it ("lips not swollen").
        if lex.items[h.item].level is None and any(
            h.positions <= frozenset(n.positions)
            for p in range(max(0, h.match.first - 3 * lex.window), h.match.first + 1)
            for n in denied.get(p, ())
        ):
            continue
        kept.append(h)
    return kept


def resolve(hits: list[Hit], doc: Doc, roles: Roles, lex: Lexicon, literal: set[int]) -> list[Hit]:
    """'gone', 'settled': drop non-red-flag symptoms; red flags stay (spec §4.4)."""
    symptom_segs: dict[int, list[Hit]] = {}
    for h in hits:
        if h.item not in _NOT_SYMPTOMS and not h.past:
            symptom_segs.setdefault(doc.seg[h.match.first], []).append(h)
    targets: set[int] = set()
    for r in roles.resolved - literal:
        seg = doc.seg[r]
        while seg not in symptom_segs and seg > 0 and doc.sent[doc.seg_spans[seg - 1][0]] == doc.sent[r]:
            seg -= 1  # "was dizzy for a minute, fine now": look back within the sentence
        if seg in symptom_segs:
            targets.add(seg)
    out = []
    for h in hits:
        if doc.seg[h.match.first] in targets and not h.past and h.item not in _NOT_SYMPTOMS:
            if not lex.items[h.item].red_flag:
                continue
            h = replace(h, resolved=True, rule="resolved-red-flag" if lex.items[h.item].level else h.rule)
        out.append(h)
    return out


def only_at_site(hits: list[Hit], doc: Doc, lex: Lexicon) -> list[Hit]:
    """Wheals only at the injection spot: ADVICE today plus the RF block (spec U-HIVES rule)."""
    out = []
    site_only: dict[int, bool] = {}  # per sentence
    for h in hits:
        target = lex.items[h.item].if_only_at_site
        if target and not h.past:
            sent = doc.sent[h.match.first]
            if sent not in site_only:
                start, end = doc.sent_spans[sent]
                words = doc.words[start:end]
                site_only[sent] = bool(lex.site_spot.spans(words)) and not lex.elsewhere.spans(words)
            if site_only[sent]:
                h = replace(
                    h, item=target, rule="site-only", timing=lex.items[target].timing, tags=lex.items[target].tags
                )
        out.append(h)
    return out


def apply_time(hits: list[Hit], over_48h: bool, time_note: str, lex: Lexicon) -> list[Hit]:
    """A mild site symptom still there after 48 h becomes ADVICE routine (spec §4.6)."""
    if not over_48h:
        return hits
    out = []
    for h in hits:
        target = h.match.pattern.after_48h
        if target and not h.past and h.item == h.match.item:
            h = replace(h, item=target, rule="time>48h", note=time_note, timing=lex.items[target].timing)
        out.append(h)
    return out


def dizzy_alone(hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """Dizziness that came and went, with nothing else: ADVICE routine (spec Y9)."""
    current = [h for h in hits if not h.past and h.item not in _NOT_SYMPTOMS]
    passed = [h for h in current if h.resolved and h.match.pattern.resolved_alone]
    if not passed or len(passed) < len(current):
        return hits
    target = passed[0].match.pattern.resolved_alone or ""
    gone = {id(h) for h in passed}
    keep = [h for h in hits if id(h) not in gone]
    return [*keep, replace(passed[0], item=target, rule="resolved-alone", timing=lex.items[target].timing)]


def to_findings(hits: list[Hit], doc: Doc, lex: Lexicon) -> list[Finding]:
    """Current hits become findings; past red flags and ADVICE items become A-PRIOR."""
    out: list[Finding] = []
    for h in hits:
        item = lex.items[h.item]
        text = evidence(doc, h.match) + (f" ({h.note})" if h.note else "")
        if h.past:
            if item.rank >= lex.items["A-PRIOR"].rank and item.level is not None:
                prior = lex.items["A-PRIOR"]
                out.append(Finding(Reason("A-PRIOR", "past-episode", text, Level.ADVICE), prior.timing))
            continue
        if item.level is None:
            out.append(Finding(Reason(h.item, item.rule, text, Level.EXPECTED), None, item.asks, is_item=False))
            continue
        timing = h.timing or item.timing
        out.append(Finding(Reason(h.item, h.rule, text, item.level), timing, item.asks))
    return out


def combinations(hits: list[Hit], lex: Lexicon) -> list[Finding]:
    """Two body systems after the dose, infection with sepsis signs, palpitations with a red flag."""
    current = [h for h in hits if not h.past]
    out = []
    for combo_id, rule, needs in lex.combinations:
        chosen = []
        for group in needs:
            found = next((h for h in current if h.tags & group and all(h is not c for c in chosen)), None)
            if found is None:
                break
            chosen.append(found)
        else:
            names = " + ".join(h.item for h in chosen)
            out.append(Finding(Reason(combo_id, rule, names, Level.URGENT)))
    return out


def ask_findings(asks: list[tuple[Match, Verdict]], doc: Doc, lex: Lexicon) -> list[Finding]:
    """Unclear red-flag talk: ask the explicit question instead of guessing (spec §4.3-§4.5)."""
    out = []
    for m, verdict in asks:
        item = lex.items[m.item]
        questions = item.asks if item.level is None else ((item.rf,) if item.rf else ())
        out.append(
            Finding(Reason(m.item, verdict.rule, evidence(doc, m), Level.EXPECTED), None, questions, is_item=False)
        )
    return out
