"""The message catalogue: every user-facing string lives in flows/locales/<lang>/*.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any

from flows.messages import Lines, Message, Raw, Text

LOCALES = Path(__file__).parent / "locales"
DEFAULT_LOCALE = "en"


@cache
def catalogue(locale: str) -> dict[str, str]:
    """Load every <domain>.toml of a locale into one flat dict of 'domain.key' → text."""
    folder = LOCALES / locale
    if not folder.is_dir():
        return {}
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        _flatten(path.stem, data, out)
    return out


def _flatten(prefix: str, data: dict[str, Any], out: dict[str, str]) -> None:
    for key, value in data.items():
        full = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


def available_locales() -> list[str]:
    """Locales with a catalogue folder."""
    return sorted(p.name for p in LOCALES.iterdir() if p.is_dir())


def has_key(key: str, locale: str = DEFAULT_LOCALE) -> bool:
    """Whether the catalogue defines a key."""
    return key in catalogue(locale)


def render(item: Text | Raw | Lines | str, locale: str = DEFAULT_LOCALE) -> str:
    """Render a Text (recursively rendering Text parameters) in a locale, falling back to English."""
    if isinstance(item, Lines):
        return "\n".join(render(i, locale) for i in item.items)
    if isinstance(item, Raw):
        return item.value
    if isinstance(item, str):
        return item
    template = catalogue(locale).get(item.key) or catalogue(DEFAULT_LOCALE).get(item.key)
    if template is None:
        raise KeyError(f"missing catalogue key: {item.key}")
    params = {k: render(v, locale) if isinstance(v, Text | Raw) else v for k, v in item.params}
    return template.format_map(params) if params or _has_fields(template) else template


def _has_fields(template: str) -> bool:
    return any(name for _, name, _, _ in Formatter().parse(template) if name)


def render_message(message: Message, locale: str = DEFAULT_LOCALE) -> str:
    """Join a message's parts into one text, paragraphs separated by a blank line."""
    return "\n\n".join(render(p, locale) for p in message.parts)
