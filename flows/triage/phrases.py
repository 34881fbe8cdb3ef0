"""Exact multi-word phrase lookup over a token list (cues, terminators, time phrases)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class PhraseSet:
    """A set of token sequences, indexed by first word, longest phrase tried first."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in set(phrases):
            if phrase:
                by_first.setdefault(phrase[0], []).append(phrase)
        self._by_first = {k: sorted(v, key=len, reverse=True) for k, v in by_first.items()}
        # Per first word: each phrase length (longest first) with the phrases of that length, so a lookup
        # costs one slice per length instead of one comparison per phrase ("no" starts dozens of cues).
        self._by_length: dict[str, tuple[tuple[int, frozenset[tuple[str, ...]]], ...]] = {
            k: tuple(
                (n, frozenset(p for p in v if len(p) == n)) for n in sorted({len(p) for p in v}, reverse=True)
            )
            for k, v in by_first.items()
        }
        self.words = frozenset(w for ps in self._by_first.values() for p in ps for w in p)
        self.firsts = frozenset(self._by_first)
        self.phrases = tuple(p for ps in self._by_first.values() for p in ps)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def match_at(self, words: Sequence[str], i: int) -> int:
        """Length of the longest phrase starting at i, or 0."""
        for n, phrases in self._by_length.get(words[i], ()):
            if n == 1 or tuple(words[i : i + n]) in phrases:
                return n
        return 0

    def spans(
        self,
        words: Sequence[str],
        skip: frozenset[int] | set[int] = frozenset(),
        starts: Sequence[int] | None = None,
    ) -> list[range]:
        """Non-overlapping occurrences, left to right; positions in `skip` can't start or join one.

        `starts` narrows the positions tried (a caller scanning many phrase sets computes it once).
        """
        out: list[range] = []
        by_first = self._by_first
        reached = 0
        tried = range(len(words)) if starts is None else starts
        for i in [i for i in tried if words[i] in by_first]:
            if i < reached or i in skip:
                continue
            length = self.match_at(words, i)
            if length and not any(j in skip for j in range(i, i + length)):
                out.append(range(i, i + length))
                reached = i + length
        return out
