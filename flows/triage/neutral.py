"""Words that carry no symptom (neutral.yaml plus stopwords), and each language's vocabulary for detection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .cuebook import _flat
from .language import READS, stopwords
from .lexicon import load_concepts, load_rules
from .recall import recall_index
from .text import phrase_tokens


@dataclass(frozen=True)
class Neutral:
    """Words and emoji that say nothing about symptoms."""

    words: frozenset[str]
    emoji: frozenset[str]


def _tokens(phrases: Any) -> set[str]:
    return {t for p in phrases for t in phrase_tokens(str(p).replace("@", " ").replace("+", " "))}


@cache
def _raw() -> Mapping[str, Any]:
    return yaml.safe_load(resources.files(__package__).joinpath("neutral.yaml").read_text(encoding="utf-8"))


@cache
def neutral_words() -> Neutral:
    """Stopwords of the six languages and neutral.yaml's words, minus the ones that can carry a symptom."""
    raw = _raw()
    words: set[str] = set().union(*stopwords().values()) | _tokens(_flat(raw["words"]))
    words |= _tokens(_flat(load_rules()["known_words"]))
    words -= _tokens(raw["not_neutral"])
    words -= recall_index().words
    return Neutral(frozenset(words), frozenset(str(e) for e in raw["emoji"]))


@cache
def vocabulary() -> Mapping[str, frozenset[str]]:
    """Per language: stopwords, neutral words, known words and every phrase and concept word in it."""
    rules = load_rules()
    raw = _raw()
    concepts = load_concepts()
    out: dict[str, set[str]] = {lang: set(stopwords()[lang]) for lang in READS}
    for lang in READS:
        out[lang] |= _tokens(raw["words"].get(lang, ()))
        out[lang] |= _tokens((rules["known_words"] or {}).get(lang, ()))
        for group in rules["groups"].values():
            if isinstance(group, Mapping):
                out[lang] |= _tokens(group.get(lang, ()))
        for item in rules["items"].values():
            out[lang] |= _tokens(((item.get("say") or {}) if isinstance(item, Mapping) else {}).get(lang, ()))
        for concept in concepts.values():
            out[lang] |= _tokens(w.rstrip("*").replace("~", " ") for w in concept.get(lang, ()))
    return {lang: frozenset(w for w in words if w.isalpha()) for lang, words in out.items()}
