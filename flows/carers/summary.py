"""The short symptom summary carers may see: catalogue names of the items found, never the patient's words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flows.i18n import has_key
from flows.messages import T, Text

MAX_ITEMS = 4


def item_id(item: Any) -> str:
    """The catalogue id of a triage item (a plain id, or an object carrying one)."""
    for attr in ("id", "item_id", "code", "key"):
        value = getattr(item, attr, None)
        if isinstance(value, str):
            return value
    return str(item)


def level_name(level: Any) -> str:
    """EXPECTED / ADVICE / URGENT from a string or an enum member."""
    if isinstance(level, str):
        return level.upper()
    name = getattr(level, "name", None)
    return (name if isinstance(name, str) else str(level)).upper()


def names(items: Iterable[Any], level: str, share: bool) -> list[Text]:
    """Plain names of the items at this level (U- for URGENT, A- for ADVICE), at most a few; none if not shared."""
    if not share:
        return []
    prefix = {"URGENT": "U-", "ADVICE": "A-"}.get(level, "")
    out: list[Text] = []
    for item in items:
        code = item_id(item)
        if prefix and not code.startswith(prefix):
            continue
        key = f"carers.item.{code}"
        text = T(key) if has_key(key) else T("carers.item.other")
        if text not in out:
            out.append(text)
    return out[:MAX_ITEMS]
