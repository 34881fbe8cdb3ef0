"""Load rules.yaml once and compile items, phrases and word groups for fast matching."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .cuebook import CueBook, _flat
from .fuzzy import FuzzyIndex
from .groups import Groups
from .measures import Measures
from .model import Level
from .phrases import PhraseSet
from .text import phrase_tokens

Atom = tuple[str, str]  # ("w", word) or ("g", group name)
Part = tuple[Atom, ...]
Key = tuple[str, str]  # ("w", word), ("g", group) single-word member, ("m", group) multi-word start

RANK = {"EXPECTED": 0, "ADVICE": 10, "ASK": 15, "URGENT": 20}


@dataclass(frozen=True)
class Item:
    """One catalogue item (spec §3) or ask trigger (spec §4.5)."""

    id: str
    level: Level | None  # None for ASK items
    rank: int
    timing: str | None
    rf: str | None
    tags: frozenset[str]
    asks: tuple[str, ...]
    after_48h: str | None
    if_only_at_site: str | None
    narrows: frozenset[str]
    not_when: tuple[tuple[Part, ...], ...]
    rule: str
    keep_cues: bool

    @property
    def red_flag(self) -> bool:
        """URGENT items and ask triggers: unclear polarity means ask, never 'absent'."""
        return self.rank >= RANK["ASK"]


@dataclass(frozen=True)
class Pattern:
    """One phrase of one item, with its own options."""

    index: int
    item: str
    source: str
    parts: tuple[Part, ...]
    timing: str | None
    tags: frozenset[str]
    after_48h: str | None
    resolved_alone: str | None
    needs: tuple[frozenset[Key], ...]  # per word of the phrase: the keys that can stand for it
    need_words: frozenset[Key] = frozenset()  # the needs that are one plain word (a subset test covers them)
    need_groups: tuple[frozenset[Key], ...] = ()  # the needs that a word group can meet

    def __post_init__(self) -> None:
        object.__setattr__(self, "need_words", frozenset(k for n in self.needs if len(n) == 1 for k in n))
        object.__setattr__(self, "need_groups", tuple(n for n in self.needs if len(n) > 1))


def _needs(parts: tuple[Part, ...]) -> tuple[frozenset[Key], ...]:
    return tuple(frozenset({("w", v)} if k == "w" else {("g", v), ("m", v)}) for part in parts for k, v in part)


def _parse(phrase: str) -> tuple[Part, ...]:
    """'@face_part + @swell' -> two parts; 'can't @breath' -> can, not, @breath."""
    parts: list[Part] = []
    for raw in phrase.split(" + "):
        atoms: list[Atom] = []
        for chunk in raw.split():
            if chunk.startswith("@"):
                atoms.append(("g", chunk[1:]))
            else:
                atoms.extend(("w", t) for t in phrase_tokens(chunk))
        if atoms:
            parts.append(tuple(atoms))
    return tuple(parts)


def _item(item_id: str, spec: Mapping[str, Any]) -> Item:
    level_name = str(spec["level"])
    return Item(
        id=item_id,
        level=None if level_name == "ASK" else Level[level_name],
        rank=RANK[level_name],
        timing=spec.get("timing"),
        rf=spec.get("rf"),
        tags=frozenset(spec.get("tags", ())),
        asks=tuple(spec.get("asks", ())),
        after_48h=spec.get("after_48h"),
        if_only_at_site=spec.get("if_only_at_site"),
        narrows=frozenset(spec.get("narrows", ())),
        not_when=tuple(_parse(str(p)) for p in spec.get("not_when", ())),
        rule=str(spec.get("rule", "lexicon")),
        keep_cues=bool(spec.get("keep_cues", False)),
    )


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the matcher needs, compiled once."""

    version: str
    items: Mapping[str, Item]
    patterns: tuple[Pattern, ...]
    anchors: Mapping[Key, tuple[int, ...]]
    single_groups: Mapping[str, frozenset[str]]
    multi_members: Mapping[tuple[str, str], tuple[tuple[str, ...], ...]]  # (group, first word) -> members
    multi_first: Mapping[str, frozenset[str]]
    multi_next: Mapping[str, frozenset[str]]  # first word of a multi-word member -> possible second words
    fuzzy: FuzzyIndex
    measures: Measures
    cues: CueBook
    time_over: PhraseSet
    site_spot: PhraseSet
    elsewhere: PhraseSet
    emoji_fine: frozenset[str]
    known_words: frozenset[str]
    combinations: tuple[tuple[str, str, tuple[frozenset[str], ...]], ...]
    max_gap: int
    gap_cap: int
    gap_fillers: frozenset[str]
    window: int
    negation_window: int
    key_cache: dict[str, frozenset[Key]] = field(default_factory=dict, repr=False)
    multi_cache: dict[str, frozenset[Key]] = field(default_factory=dict, repr=False)

    def multi_keys(self, token: str) -> frozenset[Key]:
        """Only the multi-word group keys of a token (("m", group): it may start a member)."""
        found = self.multi_cache.get(token)
        if found is None:
            found = frozenset(k for k in self.keys(token) if k[0] == "m")
            if len(self.multi_cache) < 100_000:
                self.multi_cache[token] = found
        return found

    def keys(self, token: str) -> frozenset[Key]:
        """Everything a token can stand for: words (typos included) and word groups."""
        found = self.key_cache.get(token)
        if found is None:
            found = _keys(self, token)
            if len(self.key_cache) < 100_000:  # bounded: messages can bring any words
                self.key_cache[token] = found
        return found

    def forms(self, token: str) -> frozenset[str]:
        """The word itself plus the lexicon words it may be a typo of."""
        return self.fuzzy.forms(token)


def _keys(lex: Lexicon, token: str) -> frozenset[Key]:
    out: set[Key] = set()
    for form in lex.fuzzy.forms(token):
        out.add(("w", form))
        out.update(("g", g) for g in lex.single_groups.get(form, ()))
        out.update(("m", g) for g in lex.multi_first.get(form, ()))
    return frozenset(out)


def _anchors(patterns: list[Pattern], groups: Groups, common: set[str]) -> dict[Key, tuple[int, ...]]:
    """Index each phrase by its least common word, so few phrases are tried per clause."""
    members = {g: [m[0] for m in ms] for g, ms in groups.members().items()}

    def cost(need: frozenset[Key]) -> float:
        kind, value = min(need)
        words = [value] if kind == "w" else members.get(value, [])
        return sum(50 if w in common else 1 for w in words)  # one common word outweighs a group of rare ones

    out: dict[Key, list[int]] = {}
    for p in patterns:
        for key in min(p.needs, key=cost):
            out.setdefault(key, []).append(p.index)
    return {k: tuple(v) for k, v in out.items()}


def _protected() -> frozenset[str]:
    """Real words never "corrected" into another: the list, plus every red-flag concept word ("sicht" is sight,
    not a typo of "sticht")."""
    root = resources.files(__package__)
    text = root.joinpath("never_correct.txt").read_text(encoding="utf-8")
    words = {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    for spec in load_concepts().values():
        for key, entries in spec.items():
            if key not in ("asks", "not"):
                words.update(t for e in entries if not str(e).endswith("*") for t in phrase_tokens(str(e)))
    return frozenset(words)


def merge(base: Any, extra: Any) -> Any:
    """Deep-merge a language file into the rules: mappings key by key, lists appended."""
    if isinstance(base, Mapping) and isinstance(extra, Mapping):
        out = dict(base)
        for key, value in extra.items():
            out[key] = merge(out[key], value) if key in out else value
        return out
    if isinstance(base, list):
        return [*base, *(_flat(extra) if isinstance(extra, Mapping) else extra)]
    if isinstance(base, Mapping) and isinstance(extra, list):
        return {**base, "more": [*base.get("more", ()), *extra]}
    return extra


@cache
def load_concepts() -> Mapping[str, Any]:
    """The raw `concepts` of redflags.yaml (the recall layer), read once for everyone who needs them."""
    text = resources.files(__package__).joinpath("redflags.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["concepts"]


@cache
def load_rules() -> Mapping[str, Any]:
    """rules.yaml plus every language file in lang/ (fr.yaml, pt.yaml…), read once."""
    root = resources.files(__package__)
    rules = yaml.safe_load(root.joinpath("rules.yaml").read_text(encoding="utf-8"))
    for path in sorted((p for p in root.joinpath("lang").iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name):
        extra = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        unknown = set(extra) - set(rules) - {"language"}
        if unknown:
            raise ValueError(f"{path.name}: unknown sections {sorted(unknown)}")
        for item in extra.get("items", {}):
            if item not in rules["items"]:
                raise ValueError(f"{path.name}: item {item} is not in rules.yaml")
        extra.pop("language", None)
        rules = merge(rules, extra)
    return rules


@cache
def lexicon() -> Lexicon:
    """The compiled lexicon, built on first use."""
    rules = load_rules()
    groups = Groups.from_rules(rules["groups"])
    items = {k: _item(k, v) for k, v in rules["items"].items()}
    patterns: list[Pattern] = []
    for item_id, spec in rules["items"].items():
        for lang_phrases in (spec.get("say") or {}).values():
            for entry in lang_phrases:
                opts = entry if isinstance(entry, Mapping) else {"say": entry}
                parts = _parse(str(opts["say"]))
                patterns.append(
                    Pattern(
                        index=len(patterns),
                        item=item_id,
                        source=str(opts["say"]),
                        parts=parts,
                        needs=_needs(parts),
                        timing=opts.get("timing"),
                        tags=items[item_id].tags | frozenset(opts.get("tags", ())),
                        after_48h=opts.get("after_48h", items[item_id].after_48h),
                        resolved_alone=opts.get("when_resolved_alone"),
                    )
                )
    vocab = {v for p in patterns for part in p.parts for k, v in part if k == "w"}
    vocab |= groups.words()
    cues = CueBook.from_rules(rules)
    known = _flat(rules["known_words"])
    m = rules["matching"]
    common = cues.all_cue_words | cues.statement_words | {t for w in known for t in phrase_tokens(w)}
    common |= {t for w in m["gap_fillers"] for t in phrase_tokens(str(w))}
    return Lexicon(
        version=str(rules["version"]),
        items=items,
        patterns=tuple(patterns),
        anchors=_anchors(patterns, groups, common),
        single_groups=groups.singles,
        multi_members=groups.by_first(),
        multi_next=groups.second_words(),
        multi_first=groups.first_words(),
        fuzzy=FuzzyIndex(
            vocab - cues.all_cue_words, _protected() | cues.all_cue_words | set(known), int(m["fuzzy_min_length"])
        ),
        measures=Measures.from_rules(rules),
        cues=cues,
        time_over=groups.expand(_flat(rules["time_over_48h"])),
        site_spot=groups.expand(["@site_spot"]),
        elsewhere=groups.expand(["@elsewhere"]),
        emoji_fine=frozenset(str(e) for e in rules["emoji_fine"]),
        known_words=frozenset(t for w in known for t in phrase_tokens(w)),
        combinations=tuple(
            (cid, str(c["rule"]), tuple(frozenset(n) for n in c["needs"])) for cid, c in rules["combinations"].items()
        ),
        max_gap=int(m["max_gap"]),
        gap_cap=int(m["gap_cap"]),
        gap_fillers=frozenset(t for w in m["gap_fillers"] for t in phrase_tokens(str(w))),
        window=int(m["window"]),
        negation_window=int(m["negation_window"]),
    )
