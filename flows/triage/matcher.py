"""Find where the lexicon's phrases occur in a message, clause by clause."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Atom, Key, Lexicon, Part, Pattern
from .text import Doc


@dataclass(frozen=True)
class Match:
    """One occurrence of one phrase: the word positions it used, per part and all together."""

    pattern: Pattern
    positions: tuple[int, ...]
    parts: tuple[tuple[int, ...], ...]

    @property
    def item(self) -> str:
        """The catalogue ID of the phrase's item."""
        return self.pattern.item

    @property
    def first(self) -> int:
        """Position of the first word used."""
        return self.positions[0]

    @property
    def last(self) -> int:
        """Position of the last word used."""
        return self.positions[-1]


class _Clause:
    """Word keys of one clause, and helpers to match atoms and sequences in it."""

    def __init__(self, lex: Lexicon, words: Sequence[str], keys: Sequence[frozenset[Key]], start: int, end: int):
        self.lex, self.words, self.keys, self.start, self.end = lex, words, keys, start, end
        self._found: dict[Part, list[tuple[int, ...]]] = {}

    def atom_ends(self, atom: Atom, i: int) -> list[int]:
        """Where the atom can end (exclusive) if it starts at word i."""
        kind, value = atom
        keys = self.keys[i]
        if kind == "w":
            return [i + 1] if ("w", value) in keys else []
        ends = [i + 1] if ("g", value) in keys else []
        if ("m", value) in keys:
            for form in self.lex.forms(self.words[i]):
                for seq in self.lex.multi_members.get((value, form), ()):
                    j = i + len(seq)
                    if j <= self.end and all(("w", w) in self.keys[i + k] for k, w in enumerate(seq[1:], 1)):
                        ends.append(j)
        return ends

    def sequence_at(self, part: Part, i: int) -> tuple[int, ...] | None:
        """Positions used if `part` matches from word i; filler words between atoms are free."""
        lex = self.lex
        for end in self.atom_ends(part[0], i):
            used = tuple(range(i, end))
            if len(part) == 1:
                return used
            skipped = 0
            for j in range(end, min(end + lex.gap_cap + 1, self.end)):
                rest = self.sequence_at(part[1:], j)
                if rest is not None:
                    return used + rest
                skipped += self.words[j] not in lex.gap_fillers
                if skipped > lex.max_gap:
                    break
        return None

    def occurrences(self, part: Part) -> list[tuple[int, ...]]:
        """Every place the part starts in this clause (cached: many phrases share parts)."""
        found = self._found.get(part)
        if found is None:
            want, keys = heads(part), self.keys
            starts = [i for i in range(self.start, self.end) if not keys[i].isdisjoint(want)]
            found = [pos for i in starts if (pos := self.sequence_at(part, i)) is not None]
            self._found[part] = found
        return found


def heads(part: Part) -> tuple[Key, ...]:
    """Keys a word must have to start this part."""
    kind, value = part[0]
    return (("w", value),) if kind == "w" else (("g", value), ("m", value))


def _nearest(
    options: list[tuple[int, ...]], starts: list[int], anchor: tuple[int, ...], taken: set[int]
) -> tuple[int, ...] | None:
    """The occurrence closest to the anchor that doesn't reuse its words (options sorted by start)."""
    best, best_dist = None, 0
    mid = bisect_left(starts, anchor[0])
    for k in range(max(0, mid - 3), min(len(options), mid + 3)):  # the nearest lie around the anchor
        opt = options[k]
        if taken.isdisjoint(opt):
            dist = max(0, opt[0] - anchor[-1], anchor[0] - opt[-1])  # gap between the two spans
            if best is None or dist < best_dist:
                best, best_dist = opt, dist
    return best


def _combine(per_part: list[list[tuple[int, ...]]], window: int) -> list[tuple[tuple[int, ...], ...]]:
    """For 'A + B' phrases: pair each occurrence of each part with the nearest of the others."""
    if len(per_part) == 1:
        return [(occ,) for occ in per_part[0]]
    starts = [[occ[0] for occ in occs] for occs in per_part]
    found: set[tuple[tuple[int, ...], ...]] = set()
    for lead, anchors in enumerate(per_part):
        for anchor in anchors:
            taken = set(anchor)
            chosen: list[tuple[int, ...]] = [()] * len(per_part)
            chosen[lead] = anchor
            for other in range(len(per_part)):
                if other == lead:
                    continue
                pick = _nearest(per_part[other], starts[other], anchor, taken)
                if pick is None:
                    break
                taken.update(pick)
                chosen[other] = pick
            else:
                if max(taken) - min(taken) < window:
                    found.add(tuple(chosen))
    return sorted(found)


def _verified_keys(doc: Doc, lex: Lexicon) -> list[frozenset[Key]]:
    """Keys per word; a multi-word group key only where the whole member follows ("the runs", not "the")."""
    cache, slow, words = lex.key_cache, lex.keys, doc.words
    keys = [cache.get(w) or slow(w) for w in words]
    n = len(words)

    def member_at(i: int, group: str) -> bool:
        return any(
            i + len(seq) <= n and all(("w", w) in keys[i + k] for k, w in enumerate(seq[1:], 1))
            for form in lex.forms(words[i])
            for seq in lex.multi_members.get((group, form), ())
        )

    forms, following = lex.forms, lex.multi_next
    mcache = lex.multi_cache
    for i, ks in enumerate(keys):
        multi = mcache.get(words[i])
        if multi is None:
            multi = lex.multi_keys(words[i])
        if not multi:
            continue
        # Quick reject: the next word can't continue any member ("the" + "kettle").
        second = frozenset().union(*(following.get(f, ()) for f in forms(words[i])))
        if i + 1 < n and not second.isdisjoint(forms(words[i + 1])):
            keys[i] = (ks - multi) | {k for k in multi if member_at(i, k[1])}
        else:
            keys[i] = ks - multi
    return keys


def find_matches(doc: Doc, lex: Lexicon) -> list[Match]:
    """Every phrase occurrence in the message; polarity is judged later."""
    keys = _verified_keys(doc, lex)
    matches: list[Match] = []
    seen: set[tuple[str, tuple[int, ...]]] = set()
    for start, end in doc.match_spans:
        present: set[Key] = set().union(*keys[start:end])
        candidates = sorted({p for k in present for p in lex.anchors.get(k, ())})
        clause = _Clause(lex, doc.words, keys, start, end)
        for index in candidates:
            pattern = lex.patterns[index]
            # Cheap test first: every word of the phrase must occur somewhere in the clause.
            if not pattern.need_words <= present or any(present.isdisjoint(g) for g in pattern.need_groups):
                continue
            per_part = [clause.occurrences(part) for part in pattern.parts]
            if all(per_part):
                excluded = _excluded(clause, lex.items[pattern.item].not_when, lex.window)
                for parts in _combine(per_part, lex.window):
                    pos = tuple(sorted(p for part in parts for p in part))
                    # The same phrase may be listed for two languages; `not_when` phrases veto it.
                    if (pattern.item, pos) not in seen and excluded.isdisjoint(pos):
                        seen.add((pattern.item, pos))
                        matches.append(Match(pattern, pos, parts))
    return matches


def _excluded(clause: _Clause, not_when: tuple[tuple[Part, ...], ...], window: int) -> set[int]:
    """Positions covered by an item's `not_when` phrases ('confused about the dose')."""
    out: set[int] = set()
    for phrase in not_when:
        per_part = [clause.occurrences(part) for part in phrase]
        if all(per_part):
            out.update(p for found in _combine(per_part, window) for part in found for p in part)
    return out
