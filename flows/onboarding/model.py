"""What one step of the set-up conversation returns, and the prescription it produces when confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flows.messages import Message, Text

Data = dict[str, Any]


@dataclass(frozen=True)
class PrescriptionDraft:
    """Everything the patient confirmed; the bot stores it in one transaction."""

    product: str
    product_name: str | None
    strength: str
    dose_ml: Decimal
    route: str
    sites: tuple[str, ...]
    regimen: dict[str, Any]
    start_date: date
    reminder_time: str
    country: str
    timezone: str
    home_timezone: str | None
    review_done: bool = False


@dataclass(frozen=True)
class Step:
    """The outcome of one event: the next state (None = conversation over), its data, and what to say.

    `edit` means the first message rewrites the pressed one (toggles); `changed` is False when nothing
    must be stored (a refused or stale press, a re-asked question).
    """

    state: str | None
    data: Data
    messages: tuple[Message, ...]
    done: PrescriptionDraft | None = None
    edit: bool = False
    changed: bool = True


@dataclass(frozen=True)
class Answer:
    """What a step's handler made of a press or typed text.

    - error: refuse, re-ask, store nothing;
    - stay: same question with new data (a toggle), shown by editing the pressed message;
    - otherwise move on, to `goto` if given, else to the next question that applies.
    """

    data: Data | None = None
    error: Text | None = None
    stay: bool = False
    goto: str | None = None
    note: Text | None = None
    finish: bool = False


def ok(data: Data, *, goto: str | None = None, note: Text | None = None) -> Answer:
    """Accept the answer and move on."""
    return Answer(data=data, goto=goto, note=note)


def err(text: Text) -> Answer:
    """Refuse the answer; the question is asked again."""
    return Answer(error=text)


def stay(data: Data) -> Answer:
    """Keep the question open with updated data (a toggle was pressed)."""
    return Answer(data=data, stay=True)


def with_(data: Data, **changes: Any) -> Data:
    """A copy of conversation data with some keys changed (conversation data is never mutated in place)."""
    return {**data, **changes}
