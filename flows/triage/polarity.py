"""Decide whether a matched phrase is a current report, negated, past, hypothetical or unclear."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Set
from dataclasses import dataclass
from typing import Literal

from .lexicon import Lexicon
from .matcher import Match
from .roles import Roles
from .text import Doc

State = Literal["pos", "neg", "ask", "drop"]
Scope = Literal["yes", "no", "unclear"]
_MAX_LIST_SEGMENT = 6  # a list item is short: "swelling or itching"
_MAX_LIST_SEGMENTS = 12  # a "no" reaches at most this many list items after a comma
_LOOKBACK = 30  # words looked back for a "no" within the phrase's own segment
_MODAL_REACH = 6  # words between a "not" and the phrase for the "not" to sit on a "can" between them
# A "not" on one of these ('can't', 'non riesco', 'n'arrive pas') is the symptom, not its absence.
_MODALS = frozenset(
    {
        "can", "could", "able", "manage", "get", "riesco", "riesce", "riesci", "riusciamo", "posso", "puo",
        "possono", "peux", "peut", "peuvent", "arrive", "arrivent", "consigo", "consegue", "conseguem", "puedo",
        "puede", "pueden", "kann", "kannst", "konnen", "schaffe", "schafft", "krieg", "kriege",
    }
)



@dataclass(frozen=True)
class Verdict:
    """How one match should be read."""

    state: State
    rule: str = "lexicon"
    past: bool = False


def _by(positions: Set[int], key: tuple[int, ...]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for p in sorted(positions):
        out.setdefault(key[p], []).append(p)
    return out


class Judge:
    """Reads every match of one message against the message's cues (indexes built once)."""

    def __init__(self, doc: Doc, roles: Roles, lex: Lexicon, literal: Set[int], matched: Set[int]) -> None:
        self.doc, self.roles, self.lex, self.literal, self.matched = doc, roles, lex, literal, matched
        self.negation = sorted(roles.negation)
        self.hypothetical = sorted(roles.hypothetical)
        self.present = sorted(roles.present)
        self.present_by_seg = _by(roles.present, doc.seg)
        self.past_by_seg = _by(roles.past, doc.seg)
        self.past_by_clause = _by(roles.past, doc.clause)
        self.flip_by_seg = _by(roles.flip, doc.seg)
        self.hedge_segs = {doc.seg[p] for p in roles.hedge}
        # "now", "this time": current for their own segment; for the whole clause when their segment
        # names no symptom of its own ("had hives last time and I have them now").
        self.now_segs = {doc.seg[p] for p in roles.present_strong}
        symptom_segs = {doc.seg[p] for p in matched}
        self.now_clauses = {
            doc.clause[p]
            for p in roles.present_strong
            if doc.seg[p] not in symptom_segs
            and not any(q in matched and doc.sent[q] == doc.sent[p] for q in range(p + 1, p + 5))
        }
        self._list_like: dict[int, bool] = {}

    def list_like(self, seg: int) -> bool:
        """A plain list item ('swelling or itching'), not a statement ('my lips are swollen')."""
        if seg not in self._list_like:
            start, end = self.doc.seg_spans[seg]
            cues = self.lex.cues
            words = [w for w in self.doc.words[start:end] if w not in cues.list_markers]
            self._list_like[seg] = len(words) <= _MAX_LIST_SEGMENT and cues.statement_words.isdisjoint(words)
        return self._list_like[seg]

    def _distance(self, cue: int, first: int) -> int:
        skip = self.lex.cues.negation_fillers | self.lex.cues.list_markers
        words = self.doc.words
        return sum(
            1
            for q in range(cue + 1, first)
            if words[q] not in skip and q not in self.matched and q not in self.roles.hedge
        )

    def scope(self, cue: int, m: Match, red_flag: bool) -> Scope:
        """Does a cue before the match reach it? ('unclear' only for red flags across a comma)."""
        doc = self.doc
        if cue in m.positions or cue in self.literal or cue > m.last:
            return "no"
        if cue > m.first:
            # Between the words of the phrase ("lips are not swollen"), if in the clause of what
            # follows ("lips not swollen, just tingly" keeps "tingly").
            after = m.positions[bisect_right(m.positions, cue)]
            return "yes" if doc.clause[cue] == doc.clause[after] else "no"
        if doc.clause[cue] != doc.clause[m.first]:
            return "no"
        if doc.seg[cue] == doc.seg[m.first]:
            return "yes" if self._distance(cue, m.first) <= self.lex.negation_window else "no"
        segs = range(doc.seg[cue] + 1, doc.seg[m.first] + 1)
        if len(segs) > _MAX_LIST_SEGMENTS or not all(self.list_like(s) for s in segs):
            return "no"
        if not red_flag:
            return "yes"
        end = doc.seg_spans[doc.seg[m.first]][1]
        if any(doc.words[q] in self.lex.cues.list_markers for q in range(cue + 1, end)):
            return "yes"
        # Without "or"/"nor", a several-word red flag after a comma is a statement of its own
        # ("no itching, lips swollen"); a one-word one is unclear ("no rash, hives"): ask.
        return "no" if len(m.positions) > 1 else "unclear"

    def reaching(self, cues: list[int], m: Match, red_flag: bool, same_only: bool) -> tuple[list[int], bool]:
        """Cues that reach the match: those in its own segment, else the nearest earlier one."""
        doc = self.doc
        seg_start = doc.seg_spans[doc.seg[m.first]][0]
        gap = cues[bisect_right(cues, m.first) : bisect_left(cues, m.last)]
        before = cues[bisect_left(cues, max(seg_start, m.first - _LOOKBACK)) : bisect_left(cues, m.first)]
        own = [c for c in (*gap, *before) if self.scope(c, m, red_flag) == "yes"]
        if own:
            # Only cues stacked on each other make a double negative ("don't have no"); a cue with
            # another symptom or "or" after it governs that one ("no rash no swelling no hives").
            own.sort(reverse=True)
            kept = own[:1]
            for cue in own[1:]:
                if any(
                    q in self.matched or doc.words[q] in self.lex.cues.list_markers for q in range(cue + 1, kept[-1])
                ):
                    break
                kept.append(cue)
            return kept, False
        i = bisect_left(cues, seg_start) - 1
        if same_only or i < 0:
            return [], False
        verdict = self.scope(cues[i], m, red_flag)
        return ([cues[i]], False) if verdict == "yes" else ([], verdict == "unclear")

    def _after(self, last: int, cross: bool) -> int | None:
        """Position of an after-cue following word `last`: 'throat fine', 'breathing is normal', 'hives? no'."""
        doc, cues = self.doc, self.lex.cues
        j, skipped = last + 1, 0
        while j < len(doc.words) and doc.clause[j] == doc.clause[last] and skipped < 6 and j not in self.roles.after:
            same = doc.seg[j] == doc.seg[last]
            if (same and doc.words[j] in cues.after_linking) or (
                cross
                and (
                    j in self.matched
                    or doc.words[j] in cues.list_markers
                    or doc.words[j] in cues.after_linking
                    or cues.breaks.match_at(doc.words, j)
                )
            ):
                j, skipped = j + 1, skipped + 1
                continue
            break
        if j >= len(doc.words) or doc.clause[j] != doc.clause[last] or j not in self.roles.after:
            return None
        if (not cross and doc.seg[j] != doc.seg[last]) or j in self.literal or j in self.roles.masked:
            return None
        if doc.words[j] in cues.after_end_only and j + 1 < len(doc.words) and doc.seg[j + 1] == doc.seg[j]:
            return None
        return j

    def _negated_after(self, m: Match, red: bool, ask_item: bool) -> State:
        """After-negation; shared by a list ('throat and lips fine') only for bare body parts."""
        # Each part of an "A + B" phrase can be denied on its own: "face is fine, arm swollen".
        if any(self._after(part[-1], cross=False) is not None for part in m.parts):
            return "neg"
        if len(m.positions) > 1 and not ask_item:
            return "pos"
        if self._after(m.last, cross=True) is None:
            return "pos"
        return "ask" if red and not ask_item else "neg"

    def modal_negation(self, m: Match) -> bool:
        """'non riesco a mandare giù', 'can't get to the end of a sentence': the "not" sits on a "can"."""
        doc = self.doc
        clause = doc.clause[m.first]
        cues = [p for p in self.negation if p < m.first and doc.clause[p] == clause and m.first - p <= _MODAL_REACH]
        return any(doc.words[q] in _MODALS for c in cues for q in range(c + 1, m.first))

    def _is_past(self, m: Match) -> bool:
        """'last time I got hives': an earlier episode, unless something says it is happening now."""
        doc, roles = self.doc, self.roles
        seg = doc.seg[m.first]
        if roles.recurring or seg in self.now_segs or doc.clause[m.first] in self.now_clauses:
            return False
        if any(p not in m.positions for p in self.present_by_seg.get(seg, ())):
            return False
        if any(p not in m.positions for p in self.past_by_seg.get(seg, ())):
            return True
        earlier = self.past_by_clause.get(doc.clause[m.first], ())
        return bool(earlier) and earlier[0] < m.first

    def judge(self, m: Match) -> Verdict:
        """The reading of one match (spec §4.3-§4.4)."""
        item = self.lex.items[m.item]
        red = item.red_flag
        negative_form = any(self.doc.words[p] in self.lex.cues.negation_words for p in m.positions)
        hypo, hypo_unclear = self.reaching(self.hypothetical, m, red, False)
        if hypo or hypo_unclear:
            # "Should I be worried that my tongue IS swelling?" reports it; "what if it swells?" does not.
            lo = min(hypo, default=m.first)
            reported = bisect_right(self.present, m.last) > bisect_right(self.present, lo)
            if not (red and reported):
                return Verdict("ask", "question→ask") if red else Verdict("drop", "question")
        seg = self.doc.seg[m.first]
        flipped = any(p < m.last for p in self.flip_by_seg.get(seg, ()))
        counted, unclear = self.reaching(self.negation, m, red, negative_form)
        rule = "hedged" if seg in self.hedge_segs else "lexicon"
        state: State
        if flipped:
            state, rule = "pos", "double-negation"
        elif negative_form and counted:
            # "not that I can't breathe" is clear; other double negatives of a red flag are not.
            if any(self.roles.negation[p] for p in counted):
                state = "neg"
            else:
                state, rule = ("ask", "double-negation→ask") if red else ("pos", rule)
        elif len(counted) == 1:
            state = "neg"
        elif counted:
            state, rule = ("ask", "double-negation→ask") if red else ("pos", rule)
        else:
            # "no puedo respirar bien", "can't swallow properly": a word like "fine" after a negative
            # red flag ("can't breathe") qualifies it; it does not deny it.
            state = "pos" if negative_form and red else self._negated_after(m, red, item.level is None)
            if state == "ask" or (state == "pos" and unclear):
                state, rule = "ask", "negation-unclear→ask"
        if state == "neg" and red and self.modal_negation(m):
            state, rule = "ask", "negation-unclear→ask"  # it may be the symptom itself: ask, never clear it
        if state == "neg" and red and self.roles.irony:
            state, rule = "ask", "irony→ask"
        return Verdict(state, rule, past=state == "pos" and self._is_past(m))
