"""How a question is declared: how to ask it and how to read a press or a typed answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flows.messages import Button, Message, Raw, Text
from flows.onboarding.callbacks import make
from flows.onboarding.model import Answer, Data


@dataclass(frozen=True)
class Q:
    """The question being asked: its state name, the data so far, today's date and its number."""

    state: str
    data: Data
    today: date

    @property
    def seq(self) -> int:
        """The question number that makes older buttons stale."""
        return int(self.data.get("_seq", 0))

    def button(self, label: Text | Raw, value: str) -> Button:
        """A button answering this question with `value`."""
        return Button(label, make(self.seq, self.state, value))


Ask = Callable[[Q], Message]
OnPress = Callable[[Data, str, date], Answer]
OnText = Callable[[Data, str, date], Answer]


@dataclass(frozen=True)
class StepSpec:
    """One question: `ask` renders it; `press`/`text` read answers (None: that kind is not accepted)."""

    ask: Ask
    press: OnPress | None = None
    text: OnText | None = None


def rows(buttons: list[Button], per_row: int = 1) -> list[list[Button]]:
    """Lay buttons out in rows of `per_row`."""
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
