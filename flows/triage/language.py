"""Which language a message is in: the six the triage reads, another one, or too little text to tell."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import stopwordsiso
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from .text import phrase_tokens

READS = ("en", "es", "de", "fr", "pt", "it")
NAMES = {"en": "English", "es": "Español", "de": "Deutsch", "fr": "Français", "pt": "Português", "it": "Italiano"}
# Languages the detector may answer besides the six: the ones most often met in Europe and among
# patients' families. Anything outside this list that is written in Latin script is caught by the
# vocabulary test instead (no known words at all).
_OTHERS = (
    "DUTCH", "POLISH", "TURKISH", "ROMANIAN", "SWEDISH", "DANISH", "BOKMAL", "FINNISH", "HUNGARIAN", "CZECH",
    "SLOVAK", "CROATIAN", "SLOVENE", "LITHUANIAN", "LATVIAN", "ESTONIAN", "ALBANIAN", "CATALAN", "BASQUE", "IRISH",
    "WELSH", "INDONESIAN", "MALAY", "TAGALOG", "VIETNAMESE", "SWAHILI", "SOMALI", "YORUBA", "AFRIKAANS", "RUSSIAN",
    "UKRAINIAN", "BULGARIAN", "SERBIAN", "GREEK", "ARABIC", "PERSIAN", "URDU", "HINDI", "BENGALI", "PUNJABI",
    "TAMIL", "CHINESE", "JAPANESE", "KOREAN", "THAI", "HEBREW",
)
_MIN_CONFIDENCE = 0.5  # the detector's share for a language other than the six before we believe it
# Only the opening is read: enough to tell the language, and a 4,096-character message stays cheap.
_SAMPLE_WORDS, _SAMPLE_CHARS = 60, 200
_SURELY_OURS = 0.6  # share of known words above which the message is read as one of the six


@dataclass(frozen=True)
class Reading:
    """What we know about a message's language."""

    code: str  # ISO 639-1: one of READS, another language's code, or "und" when it can't be told
    readable: bool  # one of the six, or a message too short to tell that uses our words
    known_share: float  # share of its words found in the six languages' vocabularies


@cache
def _detector():  # type: ignore[no-untyped-def]
    """The lingua detector over the six plus the others (low-accuracy mode: ~50 MB, well under a ms)."""
    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in READS]
    langs += [getattr(Language, name) for name in _OTHERS]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


@cache
def stopwords() -> Mapping[str, frozenset[str]]:
    """Each language's common function words (stopwords-iso), folded the way the reader folds text."""
    return {lang: frozenset(t for w in stopwordsiso.stopwords(lang) for t in phrase_tokens(w)) for lang in READS}


def _latin(text: str) -> bool:
    if text.isascii():
        return True
    letters = [c for c in text if c.isalpha()]
    latin = sum("LATIN" in unicodedata.name(c, "") for c in letters)
    return not letters or latin * 2 >= len(letters)


def detect(text: str, words: Iterable[str], vocabulary: Mapping[str, frozenset[str]]) -> Reading:
    """The message's language: vocabulary first (short messages), the detector for the rest."""
    words = [w for w in words if w.isalpha()][:_SAMPLE_WORDS]  # the opening tells the language
    text = text[:_SAMPLE_CHARS]
    if not words:
        return Reading("und", True, 0.0)
    hits = {lang: sum(w in vocabulary[lang] for w in words) for lang in READS}
    known = sum(any(w in vocabulary[lang] for lang in READS) for w in words) / len(words)
    best = max(READS, key=lambda lang: hits[lang])
    if not _latin(text):
        code = _detected(text) or "und"
        return Reading(code if code not in READS else best, code in READS, known)
    if len(words) < 3:
        return Reading(best if hits[best] else "und", True, known)
    runner_up = max(hits[lang] for lang in READS if lang != best)
    if known >= _SURELY_OURS and hits[best] > runner_up:
        return Reading(best, True, known)  # most words are ours and one language leads: no need for the detector
    code = _detected(text)
    if code in READS:
        # The detector and our own words agree, or our words are too few to argue.
        return Reading(best if hits[best] > hits[code] else code, True, known)
    if known >= 0.5:
        return Reading(best, True, known)
    return Reading(code or "und", False, known)


def _detected(text: str) -> str | None:
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < _MIN_CONFIDENCE:
        top = values[0] if values else None
        code = top.language.iso_code_639_1.name.lower() if top else None
        return code if code in READS else None
    return values[0].language.iso_code_639_1.name.lower()
