"""Normalise a message, split it into words, and cut it into sentences, clauses and segments."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .measures import Measures
from .phrases import PhraseSet

_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}
)
EMOJI = "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
_TOKEN = re.compile(rf"__[a-z0-9_]+__|[a-z0-9]+|{EMOJI}|[.!?;\n]|,|[—–]")
_SENTENCE_END = frozenset(".!?;\n")
_CLAUSE_END = frozenset("—–")
# Contractions: "can't" -> "can not", "won't" -> "will not", "isn't" -> "is not", and so on.
_NT_STEMS = {"ca": "can not", "wo": "will not", "sha": "shall not", "ai": "aint"}
_CONTRACTED = re.compile(r"\b(\w+)n't\b")
_SUFFIX = re.compile(r"'(m|re|ve|ll|d|s)\b")
_SUFFIX_WORDS = {"m": " am", "re": " are", "ve": " have", "ll": " will", "d": " would", "s": " is"}
# The same words typed without an apostrophe.
_BARE = {
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "wont": ("will", "not"),
    "couldnt": ("could", "not"),
    "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "aint": ("aint",),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "thats": ("that", "is"),
    "theyre": ("they", "are"),
    "youre": ("you", "are"),
    "shes": ("she", "is"),
    "hes": ("he", "is"),
    "whats": ("what", "is"),
    "cnt": ("can", "not"),
    "cannt": ("can", "not"),
    "carnt": ("can", "not"),
    "cnat": ("can", "not"),
}
# Upper-case abbreviations that mean something else in lower case ("IM" vs "im" = "I'm").
_CASED = (
    (re.compile(r"\bIM\b"), " intramuscular "),
    (re.compile(r"\bSC\b"), " subcutaneous "),
    (re.compile(r"\bSQ\b"), " subcutaneous "),
)
# "hives? no", "throat: fine" answer the word before: keep them in one sentence.
_ANSWERED = re.compile(r"[?:][ \t]*(?=(?:no|nope|none|nah|nothing|fine|ok|okay|good|normal|clear|alright)\b)")
# "I don't think I can breathe", "no way I can breathe" mean "I can't breathe": move the "not" to the verb.
_NEG_RAISED = re.compile(
    r"\b(?:(?:do not|dont|did not|didnt) (?:think|feel like)|there is no way|no way)"
    r" ((?:i|she|he|they|we|you|it|(?:my|her|his|their) \w+)"
    r" (?:can|could|am|is|are|was|were))\b"
)
_ELISION = re.compile(
    r"\b([cdjlmnst]|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|all|quell|quest|un|tutt|senz)'(?=[a-z])"
)
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_DASH = re.compile(r"\s+-+\s+|\.{2,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_CASED_ANY = re.compile(r"\b(?:IM|SC|SQ)\b")
_UPPER = re.compile(r"[A-Z]")
_LETTER = re.compile(r"[^\W\d_]")


def _strip_accents(m: re.Match[str]) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", m.group()) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, drop accents, unify apostrophes and dashes in words."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    if _CASED_ANY.search(text) and len(_UPPER.findall(text)) * 2 < len(_LETTER.findall(text)):
        for pattern, repl in _CASED:  # not shouting: trust the case of IM/SC
            text = pattern.sub(repl, text)
    text = text.casefold()
    if not text.isascii():
        text = _NON_ASCII.sub(_strip_accents, text)
    text = text.replace("&", " and ").replace("w/o", " without ").replace("w/", " with ")
    # Each rewrite is skipped when its trigger character is absent: a 4,096-character message stays cheap.
    if "'" in text:
        text = _CONTRACTED.sub(lambda m: _NT_STEMS.get(m.group(1), f"{m.group(1)} not"), text)
        text = _SUFFIX.sub(lambda m: _SUFFIX_WORDS[m.group(1)], text)
    text = _NEG_RAISED.sub(r"\1 not", text)
    if "-" in text:
        text = _HYPHEN.sub(" ", text)  # light-headed -> light headed
    if "-" in text or ".." in text:
        text = _DASH.sub(" — ", text)  # " - " and "..." end a clause
    return _ANSWERED.sub(" ", text)


def words_of(text: str, measures: Measures | None = None) -> list[str]:
    """Tokens of a folded text: words, markers, emoji and punctuation."""
    if measures is not None:
        text = measures.mark(text)
    out: list[str] = []
    if "'" in text:
        text = _ELISION.sub(r"\1 ", text)  # French and Italian "l'oeil", "j'ai", "dell'occhio" are two words
    for tok in _TOKEN.findall(text.replace("'", "")):
        out.extend(_BARE.get(tok, (tok,)))
    return out


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Tokens of a phrase from rules.yaml, read exactly as message text is read."""
    return tuple(t for t in words_of(fold(phrase)) if t not in _SENTENCE_END and t != ",")


@dataclass(frozen=True)
class Doc:
    """A message as words, with the sentence, clause and segment each word belongs to."""

    words: tuple[str, ...]
    sent: tuple[int, ...]
    clause: tuple[int, ...]
    seg: tuple[int, ...]
    clause_spans: tuple[tuple[int, int], ...]
    match_spans: tuple[tuple[int, int], ...]  # clauses for phrase matching: soft words don't split
    seg_spans: tuple[tuple[int, int], ...]
    sent_spans: tuple[tuple[int, int], ...]


Boundaries = dict[str, tuple[tuple[tuple[str, ...], int], ...]]


def boundaries(terminators: PhraseSet, soft: PhraseSet, breaks: PhraseSet) -> Boundaries:
    """First word -> (phrase, kind) for every boundary word, longest first; kind 2 soft, 3 clause, 1 segment."""
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for kind, phrases in ((2, soft), (3, terminators), (1, breaks)):
        for phrase in phrases.phrases:
            out.setdefault(phrase[0], []).append((phrase, kind))
    # Longest first; for the same phrase the first listed kind wins (soft before clause).
    return {w: tuple(sorted(v, key=lambda pk: -len(pk[0]))) for w, v in out.items()}


def build_doc(tokens: list[str], bounds: Boundaries) -> Doc:
    """Cut tokens into sentences (. ! ? ;), clauses (but, though, —) and segments (, and)."""
    words: list[str] = []
    sent: list[int] = []
    clause: list[int] = []
    seg: list[int] = []
    # Where each sentence, clause, matching clause and segment starts (word index).
    s_start, c_start, m_start, g_start = [0], [0], [0], [0]
    s = c = g = 0
    pending = 0  # 0: none, 1: new segment, 2: new clause (soft), 3: new clause, 4: new sentence
    for i, tok in enumerate(tokens):
        if tok in _SENTENCE_END:
            pending = 4
            continue
        if tok in _CLAUSE_END:
            pending = max(pending, 3)
            continue
        if tok == ",":
            pending = max(pending, 1)
            continue
        for phrase, kind in bounds.get(tok, ()):
            if len(phrase) == 1 or tuple(tokens[i : i + len(phrase)]) == phrase:
                pending = max(pending, kind)
                break
        if pending and words:
            n = len(words)
            g += 1
            g_start.append(n)
            if pending >= 2:
                c += 1
                c_start.append(n)
            if pending >= 3:
                m_start.append(n)
            if pending == 4:
                s += 1
                s_start.append(n)
        pending = 0
        words.append(tok)
        sent.append(s)
        clause.append(c)
        seg.append(g)
    n = len(words)

    def spans(starts: list[int]) -> tuple[tuple[int, int], ...]:
        return tuple(zip(starts, [*starts[1:], n], strict=True)) if n else ()

    return Doc(
        tuple(words),
        tuple(sent),
        tuple(clause),
        tuple(seg),
        spans(c_start),
        spans(m_start),
        spans(g_start),
        spans(s_start),
    )
