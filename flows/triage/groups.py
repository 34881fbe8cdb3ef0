"""Word groups from rules.yaml (@face_part, @swell…): single words, multi-word members, expansion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .cuebook import _flat
from .phrases import PhraseSet
from .text import phrase_tokens


@dataclass(frozen=True)
class Groups:
    """Group membership both ways: word -> groups (one-word members) and group -> multi-word members."""

    singles: Mapping[str, frozenset[str]]  # word -> groups it belongs to
    multis: Mapping[str, tuple[tuple[str, ...], ...]]  # group -> its multi-word members

    @classmethod
    def from_rules(cls, raw: Mapping[str, Any]) -> Groups:
        """Read the `groups` section."""
        singles: dict[str, set[str]] = {}
        multis: dict[str, list[tuple[str, ...]]] = {}
        for name, members in raw.items():
            for member in _flat(members):
                toks = phrase_tokens(member)
                if len(toks) == 1:
                    singles.setdefault(toks[0], set()).add(name)
                elif toks:
                    multis.setdefault(name, []).append(toks)
        return cls({k: frozenset(v) for k, v in singles.items()}, {k: tuple(v) for k, v in multis.items()})

    def members(self) -> dict[str, list[tuple[str, ...]]]:
        """Group -> every member as a word tuple."""
        out: dict[str, list[tuple[str, ...]]] = {g: list(v) for g, v in self.multis.items()}
        for word, names in self.singles.items():
            for g in names:
                out.setdefault(g, []).append((word,))
        return out

    def words(self) -> set[str]:
        """Every word that appears in any group."""
        return set(self.singles) | {w for seqs in self.multis.values() for s in seqs for w in s}

    def expand(self, phrases: list[str]) -> PhraseSet:
        """Exact phrases where '@group' stands for each of the group's members."""
        members = self.members()
        out: list[tuple[str, ...]] = []
        for phrase in phrases:
            seqs: list[tuple[str, ...]] = [()]
            for chunk in phrase.split():
                alts = members[chunk[1:]] if chunk.startswith("@") else [phrase_tokens(chunk)]
                seqs = [s + a for s in seqs for a in alts]
            out.extend(seqs)
        return PhraseSet(out)

    def by_first(self) -> dict[tuple[str, str], tuple[tuple[str, ...], ...]]:
        """(group, first word) -> the multi-word members starting with that word."""
        return {
            (g, first): tuple(s for s in seqs if s[0] == first)
            for g, seqs in self.multis.items()
            for first in {s[0] for s in seqs}
        }

    def first_words(self) -> dict[str, frozenset[str]]:
        """First word of a multi-word member -> the groups such members belong to."""
        out: dict[str, set[str]] = {}
        for g, seqs in self.multis.items():
            for s in seqs:
                out.setdefault(s[0], set()).add(g)
        return {w: frozenset(v) for w, v in out.items()}

    def second_words(self) -> dict[str, frozenset[str]]:
        """First word of a multi-word member -> the words that can follow it."""
        out: dict[str, set[str]] = {}
        for seqs in self.multis.values():
            for s in seqs:
                out.setdefault(s[0], set()).add(s[1])
        return {w: frozenset(v) for w, v in out.items()}
