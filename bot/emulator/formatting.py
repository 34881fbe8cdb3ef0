"""Turn parse_mode text (HTML, MarkdownV2, Markdown) into plain text plus UTF-16 entities, as Telegram does."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from .errors import ApiError, bad_request

Entity = dict[str, Any]

_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}
_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, the unit Telegram's entity offsets use."""
    return len(text.encode("utf-16-le")) // 2


def _cant_parse(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def command_entities(text: str) -> list[Entity]:
    """bot_command entities for every /command in a user's text, like Telegram clients produce."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for m in _COMMAND.finditer(text)
    ]


def parse(text: str, parse_mode: str | None) -> tuple[str, list[Entity]]:
    """Return (plain_text, entities) for text sent with the given parse_mode."""
    mode = (parse_mode or "").lower()
    if not mode:
        return text, []
    if mode == "html":
        return _Html.run(text)
    if mode == "markdownv2":
        return _Markdown(text, v2=True).run()
    if mode == "markdown":
        return _Markdown(text, v2=False).run()
    raise bad_request(f"unsupported parse_mode {parse_mode!r}")


def _sorted(entities: list[Entity]) -> list[Entity]:
    return sorted((e for e in entities if e["length"] > 0), key=lambda e: (e["offset"], -e["length"]))


class _Html(HTMLParser):
    """Telegram's HTML subset; unknown or unbalanced tags are a 400 like the real API."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pos = 0
        self.stack: list[tuple[str, dict[str, str | None], int]] = []
        self.entities: list[Entity] = []

    @classmethod
    def run(cls, text: str) -> tuple[str, list[Entity]]:
        # Telegram insists on &lt; for a literal '<'; HTMLParser would quietly keep it as text
        stray = re.search(r"<(?![A-Za-z/])", text)
        if stray:
            offset = len(text[: stray.start()].encode())
            raise _cant_parse(f"Unexpected end of name token at byte offset {offset}")
        parser = cls()
        parser.feed(text)
        parser.close()
        if parser.stack:
            raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"')
        return "".join(parser.out), _sorted(parser.entities)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS or (tag == "span" and dict(attrs).get("class") != "tg-spoiler"):
            raise _cant_parse(f'Unsupported start tag "{tag}" at byte offset {self.pos}')
        self.stack.append((tag, dict(attrs), self.pos))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            raise _cant_parse(f'Unexpected end tag "{tag}" at byte offset {self.pos}')
        _, attrs, start = self.stack.pop()
        entity: Entity = {"type": _HTML_TAGS[tag], "offset": start, "length": self.pos - start}
        if tag == "a":
            entity["url"] = attrs.get("href") or ""
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attrs.get("emoji-id") or ""
        elif tag == "blockquote" and "expandable" in attrs:
            entity["type"] = "expandable_blockquote"
        elif tag == "code" and self.stack and self.stack[-1][0] == "pre":
            # <pre><code class="language-x"> is one pre entity carrying the language
            lang = (attrs.get("class") or "").removeprefix("language-")
            if lang:
                self.stack[-1][1]["language"] = lang
                return
        elif tag == "pre" and attrs.get("language"):
            entity["language"] = attrs["language"]
        self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.out.append(data)
        self.pos += utf16_len(data)


class _Markdown:
    """MarkdownV2 and legacy Markdown, strict about escaping the way Telegram is."""

    _V2_MARKS = (
        ("```", "pre"),
        ("||", "spoiler"),
        ("__", "underline"),
        ("*", "bold"),
        ("_", "italic"),
        ("~", "strikethrough"),
        ("`", "code"),
    )
    _V1_MARKS = (("```", "pre"), ("*", "bold"), ("_", "italic"), ("`", "code"))

    def __init__(self, text: str, v2: bool) -> None:
        self.src = text
        self.v2 = v2
        self.i = 0
        self.out: list[str] = []
        self.pos = 0
        self.open: dict[str, tuple[int, int]] = {}
        self.entities: list[Entity] = []
        self.link_start: tuple[int, int] | None = None
        self.quote: int | None = None

    def run(self) -> tuple[str, list[Entity]]:
        marks = self._V2_MARKS if self.v2 else self._V1_MARKS
        while self.i < len(self.src):
            ch = self.src[self.i]
            if ch == "\\" and self.i + 1 < len(self.src) and (self.v2 or self.src[self.i + 1] in "_*`["):
                self._emit(self.src[self.i + 1])
                self.i += 2
                continue
            at_line_start = self.i == 0 or self.src[self.i - 1] == "\n"
            mark = next((m for m in marks if self.src.startswith(m[0], self.i)), None)
            if self.v2 and ch == ">" and at_line_start:
                self.quote = self.pos if self.quote is None else self.quote
                self.i += 1
            elif ch == "\n" and self.quote is not None and not self.src.startswith(">", self.i + 1):
                self._close_quote()
                self._emit(ch)
                self.i += 1
            elif mark:
                self._toggle(*mark)
            elif ch == "[":
                self.link_start = (self.pos, self.i)
                self.i += 1
            elif ch == "]" and self.link_start is not None:
                self._close_link()
            elif self.v2 and ch in _MDV2_RESERVED:
                raise _cant_parse(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")
            else:
                self._emit(ch)
                self.i += 1
        if self.quote is not None:
            self._close_quote()
        if self.open or self.link_start is not None:
            kind, (_, byte) = next(iter(self.open.items()), ("text_link", self.link_start or (0, 0)))
            name = kind.replace("_", " ").title() if self.v2 else "the"
            raise _cant_parse(f"Can't find end of {name} entity at byte offset {byte}")
        return "".join(self.out), _sorted(self.entities)

    def _close_quote(self) -> None:
        assert self.quote is not None
        self.entities.append({"type": "blockquote", "offset": self.quote, "length": self.pos - self.quote})
        self.quote = None

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.pos += utf16_len(text)

    def _toggle(self, mark: str, kind: str) -> None:
        start_byte = self.i
        self.i += len(mark)
        if kind in ("code", "pre"):
            self._verbatim(mark, kind, start_byte)
            return
        if kind in self.open:
            start, _ = self.open.pop(kind)
            self.entities.append({"type": kind, "offset": start, "length": self.pos - start})
        else:
            self.open[kind] = (self.pos, start_byte)

    def _verbatim(self, mark: str, kind: str, start_byte: int) -> None:
        end = self.src.find(mark, self.i)
        while end > 0 and self.v2 and self.src[end - 1] == "\\" and self.src[end - 2 : end] != "\\\\":
            end = self.src.find(mark, end + 1)
        if end < 0:
            raise _cant_parse(
                f"Can't find end of {'Pre' if kind == 'pre' else 'Code'} entity at byte offset {start_byte}"
            )
        body = self.src[self.i : end]
        if self.v2:
            body = re.sub(r"\\([\\`])", r"\1", body)
        entity: Entity = {"type": kind, "offset": self.pos}
        if kind == "pre" and "\n" in body:
            first, rest = body.split("\n", 1)
            if first and " " not in first:
                entity["language"] = first
                body = rest
        self._emit(body)
        entity["length"] = self.pos - entity["offset"]
        self.entities.append(entity)
        self.i = end + len(mark)

    def _close_link(self) -> None:
        assert self.link_start is not None
        if not self.src.startswith("(", self.i + 1):
            raise _cant_parse(f"Can't find end of the entity starting at byte offset {self.link_start[1]}")
        end = self.src.find(")", self.i + 2)
        while end > 0 and self.v2 and self.src[end - 1] == "\\":
            end = self.src.find(")", end + 1)
        if end < 0:
            raise _cant_parse(f"Can't find end of a URL at byte offset {self.i}")
        url = self.src[self.i + 2 : end]
        if self.v2:
            url = re.sub(r"\\(.)", r"\1", url)
        start = self.link_start[0]
        self.entities.append({"type": "text_link", "offset": start, "length": self.pos - start, "url": url})
        self.link_start = None
        self.i = end + 1
