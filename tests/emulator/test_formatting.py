"""parse_mode handling and command entities, with Telegram's UTF-16 offsets."""

from __future__ import annotations

import pytest

from bot.emulator.errors import ApiError
from bot.emulator.formatting import command_entities, parse, utf16_len


def test_html_entities_use_utf16_offsets() -> None:
    text, entities = parse('💉 <b>B12</b> &amp; <a href="https://x.org">more</a>', "HTML")
    assert text == "💉 B12 & more"
    assert entities == [{"type": "bold", "offset": 3, "length": 3},
                        {"type": "text_link", "offset": 9, "length": 4, "url": "https://x.org"}]
    assert utf16_len("💉") == 2


def test_html_pre_with_language_and_spoiler() -> None:
    text, entities = parse('<pre><code class="language-py">x = 1</code></pre><tg-spoiler>s</tg-spoiler>', "HTML")
    assert text == "x = 1s"
    assert entities == [{"type": "pre", "offset": 0, "length": 5, "language": "py"},
                        {"type": "spoiler", "offset": 5, "length": 1}]


def test_markdown_v2_and_legacy_markdown() -> None:
    text, entities = parse(r"__u__ ~s~ ||p|| `c\`` \!", "MarkdownV2")
    assert text == "u s p c` !"
    assert [e["type"] for e in entities] == ["underline", "strikethrough", "spoiler", "code"]
    text, entities = parse("*b* _i_ [l](http://a)", "Markdown")
    assert text == "b i l" and [e["type"] for e in entities] == ["bold", "italic", "text_link"]
    text, entities = parse(">quoted\nplain", "MarkdownV2")
    assert entities == [{"type": "blockquote", "offset": 0, "length": 6}]


@pytest.mark.parametrize(
    ("text", "mode", "error"),
    [
        ("a - b", "MarkdownV2", "Character '-' is reserved"),
        ("*open", "MarkdownV2", "Can't find end of Bold entity"),
        ("<div>x</div>", "HTML", 'Unsupported start tag "div"'),
        ("<b>x</i>", "HTML", 'Unexpected end tag "i"'),
        ("dose < 1 mg", "HTML", "Unexpected end of name token"),
        ("x", "Textile", "unsupported parse_mode"),
    ],
)
def test_malformed_markup_is_a_400(text: str, mode: str, error: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse(text, mode)
    assert caught.value.code == 400 and error in caught.value.description


def test_command_entities() -> None:
    assert command_entities("/start abc") == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert command_entities("see /help@b12_test_bot or a/b") == [{"type": "bot_command", "offset": 4, "length": 18}]
    assert command_entities("no commands") == []
