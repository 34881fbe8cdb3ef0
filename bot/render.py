"""Turn a flow's Message into the text and keyboard JSON the outbox stores."""

from __future__ import annotations

from typing import Any

from flows.i18n import render, render_message
from flows.messages import Message


def keyboard(message: Message, locale: str) -> dict[str, Any] | None:
    """Inline keyboard as Telegram JSON, or None when the message offers no choices."""
    if not message.buttons:
        return None
    rows = []
    for row in message.buttons:
        cells = []
        for button in row:
            cell: dict[str, Any] = {"text": render(button.label, locale)}
            if button.url:
                cell["url"] = button.url
            else:
                cell["callback_data"] = button.data
            cells.append(cell)
        rows.append(cells)
    return {"inline_keyboard": rows}


def rendered(message: Message, locale: str) -> tuple[str, dict[str, Any] | None]:
    """Text and keyboard of a message in one locale."""
    return render_message(message, locale), keyboard(message, locale)
