"""The recall-first red-flag layer: find red-flag body systems in any language the bot reads (redflags.yaml)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.distance import OSA

from .lexicon import lexicon, load_concepts
from .text import Doc, phrase_tokens

LANGUAGES = ("en", "es", "de", "fr", "pt", "it")
_GAP = 3  # "a ~ b": words allowed between a and b
_FUZZY_FROM = 6  # typo tolerance only for words this long, so short words never drift into red flags
_DETERMINERS = frozenset(
    # A "no" of this kind right before a body word denies it plainly ("no hives", "sin ronchas");
    # a verb negation ("can't see", "n'arrive pas à respirer") is the symptom itself, so it never counts.
    {
        "no", "without", "zero", "none", "sin", "ningun", "ninguna", "ninguno", "kein", "keine", "keinen",
        "keiner", "keinem", "ohne", "sans", "aucun", "aucune", "pas", "sem", "nenhum", "nenhuma", "senza",
        "nessun", "nessuna", "nessuno", "niente", "nada",
    }
)
_NEG_REACH = 3  # words between such a "no" and the body word


Atom = tuple[str, bool]  # (word or stem, is_stem)


@dataclass(frozen=True, eq=False)
class Entry:
    """One listed way of naming a concept: atoms, with a gap allowed before those marked."""

    concept: str
    atoms: tuple[Atom, ...]
    gaps: tuple[bool, ...]  # gaps[k]: up to _GAP words may come before atom k (k >= 1)
    source: str
    need: frozenset[str] = frozenset()  # whole words after the first that the clause must hold (cheap test)

    def __post_init__(self) -> None:
        object.__setattr__(self, "need", frozenset(w for w, stem in self.atoms[1:] if not stem))


@dataclass(frozen=True)
class Hit:
    """A concept found at word positions first..last."""

    concept: str
    first: int
    last: int
    source: str


def _atoms(phrase: str) -> tuple[tuple[Atom, ...], tuple[bool, ...]]:
    atoms: list[Atom] = []
    gaps: list[bool] = []
    gap = False
    for chunk in phrase.split():
        if chunk == "~":
            gap = True
            continue
        stem = chunk.endswith("*")
        tokens = phrase_tokens(chunk.rstrip("*"))
        for k, tok in enumerate(tokens):
            atoms.append((tok, stem and k == len(tokens) - 1))
            gaps.append(gap and k == 0)
        gap = False
    return tuple(atoms), tuple(gaps)


class RecallIndex:
    """Every entry of redflags.yaml indexed by its first word or stem."""

    def __init__(self, concepts: Mapping[str, Mapping[str, object]], protected: frozenset[str] = frozenset()) -> None:
        self.protected = protected  # real words that are never read as a typo of a concept word
        self.asks: dict[str, tuple[str, ...]] = {}
        self.exact: dict[str, list[Entry]] = {}
        self.stems: dict[str, list[Entry]] = {}
        self.vetoes: dict[str, list[Entry]] = {}
        self.words: set[str] = set()  # words that name a concept on their own (never "neutral")
        for name, spec in concepts.items():
            self.asks[name] = tuple(spec["asks"])  # type: ignore[arg-type]
            for lang in LANGUAGES:
                for phrase in spec.get(lang, ()) or ():  # type: ignore[attr-defined]
                    self._add(Entry(name, *_atoms(str(phrase)), str(phrase)), self.exact, self.stems)
            for phrase in spec.get("not", ()) or ():  # type: ignore[attr-defined]
                entry = Entry(name, *_atoms(str(phrase)), str(phrase))
                self.vetoes.setdefault(entry.atoms[0][0], []).append(entry)
        self.stem_lengths = sorted({len(s) for s in self.stems})
        self.by_first_letter: dict[str, tuple[str, ...]] = {}
        for word in {*self.exact, *self.stems}:
            if len(word) >= _FUZZY_FROM:
                self.by_first_letter.setdefault(word[:1], ())
                self.by_first_letter[word[:1]] += (word,)
        self.lookup = lru_cache(maxsize=65536)(self._lookup)

    def _add(self, entry: Entry, exact: dict[str, list[Entry]], stems: dict[str, list[Entry]]) -> None:
        word, is_stem = entry.atoms[0]
        (stems if is_stem else exact).setdefault(word, []).append(entry)
        if len(entry.atoms) == 1:
            self.words.add(word)

    def _lookup(self, token: str) -> tuple[Entry, ...]:
        """Entries whose first atom this token can be: the word, a stem it starts with, or a near miss."""
        found = list(self.exact.get(token, ()))
        for n in self.stem_lengths:
            if n > len(token):
                break
            found.extend(self.stems.get(token[:n], ()))
        if found or len(token) < _FUZZY_FROM or not token.isalpha() or token in self.protected:
            return tuple(found)
        # A typo: one edit (a swap counts as one) from a whole word, or from a stem at the word's start.
        for word in self.by_first_letter.get(token[:1], ()):
            if word in self.exact and OSA.distance(token, word, score_cutoff=1) <= 1:
                found.extend(self.exact[word])
            if word in self.stems:
                head = token[: len(word) + 1]
                if min(OSA.distance(head[:-1], word), OSA.distance(head, word)) <= 1:
                    found.extend(self.stems[word])
        return tuple(found)


def _atom_at(atom: Atom, word: str) -> bool:
    text, is_stem = atom
    return word.startswith(text) if is_stem else word == text


def _rest(entry: Entry, words: Sequence[str], i: int, end: int) -> int | None:
    """Position of the entry's last word if it continues from word i (its first atom), else None."""
    j = i
    for k in range(1, len(entry.atoms)):
        reach = _GAP + 1 if entry.gaps[k] else 1
        for step in range(1, reach + 1):
            if j + step < end and _atom_at(entry.atoms[k], words[j + step]):
                j += step
                break
        else:
            return None
    return j


@cache
def recall_index() -> RecallIndex:
    """The compiled redflags.yaml, built on first use."""
    return RecallIndex(load_concepts(), lexicon().fuzzy.protected)


def find_concepts(doc: Doc, index: RecallIndex | None = None) -> list[Hit]:
    """Every red-flag concept named in the message, clause by clause, minus vetoed phrasings."""
    index = index or recall_index()
    words = doc.words
    hits: list[Hit] = []
    for start, end in doc.match_spans:
        vetoed: dict[str, set[int]] = {}
        for i in range(start, end):
            for veto in index.vetoes.get(words[i], ()):
                last = _rest(veto, words, i, end)
                if last is not None:
                    vetoed.setdefault(veto.concept, set()).update(range(i, last + 1))
        present = set(words[start:end])
        for i in range(start, end):
            for entry in index.lookup(words[i]):
                if len(entry.atoms) > 1 and not entry.need <= present:
                    continue
                last = i if len(entry.atoms) == 1 else _rest(entry, words, i, end)
                if last is not None and i not in vetoed.get(entry.concept, ()):
                    hits.append(Hit(entry.concept, i, last, entry.source))
        for concept, span in vetoed.items():  # "confused about the dose" is understood: not a concept
            hits.append(Hit("", min(span), max(span), concept))
    return hits


def plainly_denied(hit: Hit, doc: Doc, negations: Sequence[int], after: Sequence[int]) -> bool:
    """'no hives', 'sin ronchas', 'breathing fine': a determiner "no" just before, or "fine" just after."""
    clause = doc.clause[hit.first]
    for p in negations:
        if hit.first - _NEG_REACH - 1 <= p < hit.first and doc.clause[p] == clause and doc.words[p] in _DETERMINERS:
            return True
    return any(hit.last < q <= hit.last + 3 and doc.clause[q] == clause for q in after)
