"""Typo-tolerant word lookup: edit distance 1 (incl. a swap) for words of 5+ letters."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


def within_one(a: str, b: str) -> bool:
    """True if a and b differ by at most one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]  # one insertion into a


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class FuzzyIndex:
    """Maps a typed word to the lexicon words it may stand for (symmetric-deletion index)."""

    def __init__(self, vocabulary: Iterable[str], protected: Iterable[str], min_length: int) -> None:
        self.vocabulary = frozenset(vocabulary)
        # Real words are never "corrected" into something else ("chose" is not "choke").
        self.protected = frozenset(protected) | self.vocabulary
        self.min_length = min_length
        index: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if len(word) >= min_length and word.isalpha():
                index.setdefault(word, set()).add(word)
                for d in _deletions(word):
                    index.setdefault(d, set()).add(word)
        self._index = {k: tuple(sorted(v)) for k, v in index.items()}
        self.forms = lru_cache(maxsize=65536)(self._forms)

    def _forms(self, token: str) -> frozenset[str]:
        """The token itself plus any lexicon word one edit away (only for unknown long words)."""
        if token in self.protected or len(token) < self.min_length or not token.isalpha():
            return frozenset((token,))
        found = {token}
        for key in (token, *_deletions(token)):
            for word in self._index.get(key, ()):
                if word not in found and within_one(token, word):
                    found.add(word)
        return frozenset(found)
