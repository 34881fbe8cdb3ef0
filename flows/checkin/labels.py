"""Catalogue labels for questions and their answer buttons."""

from __future__ import annotations

from flows.i18n import has_key
from flows.messages import T, Text


def option_label(qid: str, value: str) -> Text:
    """The label of one option: a question-specific one if the catalogue has it, else the shared one."""
    specific = f"checkin.opt.{qid}.{value}"
    return T(specific) if has_key(specific) else T(f"checkin.opt.{value}")


def question_text(qid: str) -> Text:
    """The full wording of a question."""
    return T(f"checkin.q.{qid}")


def short_label(qid: str) -> Text:
    """The short label of a red flag or a list item."""
    return T(f"checkin.rf_short.{qid}") if qid.startswith("RF") else T(f"checkin.short.{qid}")
