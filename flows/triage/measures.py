"""Turn durations, sizes, temperatures and pain scores in text into marker words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_NUM = r"\d+(?:[.,]\d+)?"
_DIGIT = re.compile(r"\d")
_SIZE_HINTS = ("cm", "mm", "inch", '"', "centim", "millim")
_TEMP_HINT = re.compile(r"\d(?:[.,]\d|\s*(?:°|º|deg|[cf]\b))")


def _alt(words: Any) -> str:
    """A regex alternation of words as a prefix tree, longest match first ('hours' wins over 'h').

    The tree form ("h(?:ours?|rs?)?") lets the regex engine reject a word after one character instead of trying
    every word of every language in turn, which matters on a 4,096-character message.
    """
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(trie)


def _trie(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _value(raw: str, words: Mapping[str, int]) -> float:
    return float(words[raw]) if raw in words else float(raw.replace(",", "."))


@dataclass(frozen=True)
class Measures:
    """Compiled regexes plus the thresholds from rules.yaml."""

    size: re.Pattern[str]
    pain: re.Pattern[str]
    duration: re.Pattern[str]
    day_n: re.Pattern[str]
    ordinal_day: re.Pattern[str]
    temp_unit: re.Pattern[str]
    temp_deg: re.Pattern[str]
    temp_bare: re.Pattern[str]
    words: Mapping[str, int]
    ordinals: Mapping[str, int]
    units: Mapping[str, float]
    size_limit_cm: float
    fever_c: float
    fever_f: float
    pain_moderate: int
    pain_severe: int
    persist_hours: float
    day_words: tuple[str, ...]

    @classmethod
    def from_rules(cls, rules: Mapping[str, Any]) -> Measures:
        """Compile from the `numbers` and `thresholds` sections."""
        num = rules["numbers"]
        th = rules["thresholds"]
        words = {str(k): int(v) for k, v in num["words"].items()}
        ordinals = {str(k): int(v) for k, v in num["ordinals"].items()}
        units = {str(k): float(v) for k, v in num["units"].items()}
        day_words = _alt(num["day_words"])
        number = rf"{_NUM}|{_alt(words)}"
        return cls(
            size=re.compile(rf"\b({_NUM})\s*(cm|centimet(?:er|re)s?|mm|millimet(?:er|re)s?|inch(?:es)?|\")"),
            pain=re.compile(r"\b(\d{1,2})\s*(?:/|out of|de|von)\s*10\b"),
            duration=re.compile(rf"\b({number})\s*(?:-|\s)?\s*(?:(?:of|de)\s+)?({_alt(units)})\b"),
            day_n=re.compile(rf"\b(?:{day_words})\s+(\d+|{_alt(words)})\b"),
            ordinal_day=re.compile(rf"\b(\d+(?:st|nd|rd|th)|{_alt(ordinals)})\s+(?:{day_words})\b"),
            temp_unit=re.compile(rf"\b({_NUM})\s*(?:°|º|deg(?:rees?)?)?\s*([cf])\b"),
            temp_deg=re.compile(rf"\b({_NUM})\s*(?:°|º|degrees?)"),
            temp_bare=re.compile(r"\b(3[5-9]|4[0-3]|9[5-9]|10[0-9])[.,](\d)\b"),
            words=words,
            ordinals=ordinals,
            units=units,
            size_limit_cm=float(th["size_limit_cm"]),
            fever_c=float(th["fever_c"]),
            fever_f=float(th["fever_f"]),
            pain_moderate=int(th["pain_moderate_from"]),
            pain_severe=int(th["pain_severe_from"]),
            persist_hours=float(th["persist_hours"]),
            day_words=tuple(str(w) for w in num["day_words"]),
        )

    def _size(self, m: re.Match[str]) -> str:
        # 2 in counts as 5 cm, as the spec puts it ("5 cm (2 in)").
        value, unit = float(m.group(1).replace(",", ".")), m.group(2)
        cm = value / 10 if unit.startswith(("mm", "milli")) else value * 2.5 if unit[0] in 'i"' else value
        return " __size_big__ " if cm > self.size_limit_cm else " __size_small__ "

    def _pain(self, m: re.Match[str]) -> str:
        score = int(m.group(1))
        if score >= self.pain_severe:
            return " __pain_severe__ "
        return " __pain_moderate__ " if score >= self.pain_moderate else " __pain_mild__ "

    def _hours(self, hours: float) -> str:
        # "2 days" counts as past the limit: the spec's "still there after 2 days" (safer).
        if hours >= self.persist_hours:
            return " __over_48h__ "
        return " __hours__ " if hours >= 1 else " __minutes__ "

    def _duration(self, m: re.Match[str]) -> str:
        return self._hours(_value(m.group(1), self.words) * self.units[m.group(2)])

    def _day_n(self, m: re.Match[str]) -> str:
        # "day 3" is the third day since the dose, i.e. past 48 h.
        return " __over_48h__ " if _value(m.group(1), self.words) >= 3 else m.group(0)

    def _ordinal_day(self, m: re.Match[str]) -> str:
        raw = m.group(1)
        n = self.ordinals[raw] if raw in self.ordinals else int(re.sub(r"\D", "", raw))
        return " __over_48h__ " if n >= 3 else m.group(0)

    def _temp(self, value: float) -> str:
        celsius = value if value < 50 else None
        if celsius is not None:
            return " __temp_high__ " if celsius >= self.fever_c else " __temp_ok__ "
        return " __temp_high__ " if value >= self.fever_f else " __temp_ok__ "

    def _temp_unit(self, m: re.Match[str]) -> str:
        value = float(m.group(1).replace(",", "."))
        if not (30 <= value <= 45 or 86 <= value <= 113):
            return m.group(0)  # not a body temperature ("5 f")
        return self._temp(value)

    def _temp_deg(self, m: re.Match[str]) -> str:
        value = float(m.group(1).replace(",", "."))
        # Without C or F, only body-temperature values count: "45 degrees" or "90°" is the
        # needle angle, not a fever.
        if not (36 <= value <= 43 or 97 <= value <= 108):
            return m.group(0)
        return self._temp(value)

    def _temp_bare(self, m: re.Match[str]) -> str:
        return self._temp(float(f"{m.group(1)}.{m.group(2)}"))

    def mark(self, text: str) -> str:
        """Replace every measure in lower-cased text by its marker word."""
        # Cheap substring tests first: most messages have no sizes, scores or temperatures.
        if _DIGIT.search(text):
            if any(unit in text for unit in _SIZE_HINTS):
                text = self.size.sub(self._size, text)
            if "10" in text:
                text = self.pain.sub(self._pain, text)
            if _TEMP_HINT.search(text):
                text = self.temp_unit.sub(self._temp_unit, text)
                text = self.temp_deg.sub(self._temp_deg, text)
                text = self.temp_bare.sub(self._temp_bare, text)
        if any(word in text for word in self.day_words):
            text = self.ordinal_day.sub(self._ordinal_day, text)
            text = self.day_n.sub(self._day_n, text)
        return self.duration.sub(self._duration, text)
