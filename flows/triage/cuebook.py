"""The clause and cue word lists from rules.yaml, compiled into phrase sets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .phrases import PhraseSet
from .text import Boundaries, boundaries, phrase_tokens


def _flat(section: Any) -> list[str]:
    """A list, or a {language: list} mapping, flattened to one list of strings."""
    if isinstance(section, Mapping):
        return [str(w) for words in section.values() for w in words]
    return [str(w) for w in section]


def _phrases(words: Iterable[str]) -> PhraseSet:
    return PhraseSet(phrase_tokens(w) for w in words)


def _singles(words: Iterable[str]) -> frozenset[str]:
    return frozenset(t for w in words for t in phrase_tokens(w))


@dataclass(frozen=True)
class CueBook:
    """Every cue list, ready to scan a tokenised message."""

    terminators: PhraseSet
    soft_terminators: PhraseSet
    breaks: PhraseSet
    list_markers: frozenset[str]
    statement_words: frozenset[str]
    third_person: frozenset[str]
    negation: PhraseSet
    after: PhraseSet
    after_end_only: frozenset[str]
    after_linking: frozenset[str]
    interjection_followers: frozenset[str]
    concord: PhraseSet
    flip: PhraseSet
    clear_double: PhraseSet
    pseudo: PhraseSet
    hedges: PhraseSet
    hypothetical: PhraseSet
    past: PhraseSet
    present: PhraseSet
    present_strong: PhraseSet
    recurring: PhraseSet
    no_longer: PhraseSet
    resolved: PhraseSet
    irony: PhraseSet
    negation_words: frozenset[str]
    negation_fillers: frozenset[str]
    resolved_end_only: frozenset[str]
    resolved_followers: frozenset[str]
    all_cue_words: frozenset[str]
    all_firsts: frozenset[str]
    bounds: Boundaries

    @classmethod
    def from_rules(cls, rules: Mapping[str, Any]) -> CueBook:
        """Compile the `clauses` and `cues` sections."""
        cl, cu = rules["clauses"], rules["cues"]
        negation = _flat(cu["negation"])
        sets = {
            "negation": _phrases(negation),
            "after": _phrases(cu["after"]["words"]),
            "concord": _phrases(cu["concord"]),
            "flip": _phrases(cu["flip"]),
            "clear_double": _phrases(cu["clear_double"]),
            # Minimisers and hedges are masked like pseudo-negations: never read as cues.
            "pseudo": _phrases([*cu["pseudo"], *cu["minimisers"], *cu["hedges"]]),
            "hedges": _phrases(cu["hedges"]),
            "hypothetical": _phrases(cu["hypothetical"]),
            "past": _phrases(cu["past"]),
            "present": _phrases(cu["present"]),
            "present_strong": _phrases(cu["present_strong"]),
            "recurring": _phrases(cu["recurring"]),
            "no_longer": _phrases(cu["no_longer"]),
            "resolved": _phrases(cu["resolved"]),
            "irony": _phrases(cu["irony"]),
        }
        words = frozenset().union(*(s.words for s in sets.values()))
        firsts = frozenset().union(*(s.firsts for s in sets.values()))
        return cls(
            terminators=_phrases(cl["terminators"]),
            soft_terminators=_phrases(cl["soft_terminators"]),
            breaks=_phrases(cl["segment_breaks"]),
            list_markers=_singles(cl["list_markers"]),
            statement_words=_singles(cl["statement_words"]) | _singles(cl["third_person"]),
            third_person=_singles(cl["third_person"]),
            after_end_only=_singles(cu["after"]["end_only"]),
            after_linking=_singles(cu["after_linking"]),
            interjection_followers=_singles(cu["interjection_followers"]),
            resolved_end_only=_singles(cu["resolved_end_only"]),
            negation_fillers=_singles(cu["negation_fillers"]),
            resolved_followers=_singles(cu["resolved_followers"]),
            negation_words=frozenset(t[0] for t in map(phrase_tokens, negation) if len(t) == 1),
            all_cue_words=words,
            all_firsts=firsts,
            bounds=boundaries(
                _phrases(cl["terminators"]), _phrases(cl["soft_terminators"]), _phrases(cl["segment_breaks"])
            ),
            **sets,
        )
