"""Skipping a dose: why (common reasons as buttons), and what skipping means."""

from __future__ import annotations

from flows.dosing import callbacks as cb
from flows.messages import Button, Message, T, Text

REASONS = ("unwell", "no_supplies", "away", "clinician", "other")


def ask_reason(dose_id: int) -> Message:
    """Why are you skipping this dose?"""
    return Message.say(
        T("doses.skip_ask"),
        buttons=[[Button(T(f"doses.skip_reason.{r}"), cb.skip(dose_id, r))] for r in REASONS],
    )


def is_reason(code: str) -> bool:
    """Whether a pressed reason is one we offer."""
    return code in REASONS


def skipped(reason: str, next_when: Text | None) -> Message:
    """Noted; never make it up with an extra dose; ask the prescriber if unsure."""
    parts: list[Text] = [T("doses.skipped"), T("doses.skipped_no_extra")]
    if reason in ("unwell", "no_supplies"):
        parts.append(T(f"doses.skipped_tip.{reason}"))
    if next_when is not None:
        parts.append(T("doses.next_line", when=next_when))
    return Message.say(*parts)
