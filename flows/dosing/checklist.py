"""The pre-injection checklist from the seed workflow, one step at a time; skippable, and can be turned off."""

from __future__ import annotations

from flows.dosing import callbacks as cb
from flows.dosing import when
from flows.messages import Button, Message, T

# Order follows the workflow the patient was taught: hands, label, medicine, syringe, site, inject, sharps.
STEPS = ("hands", "label", "medicine", "prepare", "site", "inject", "sharps")


def step(dose_id: int, index: int, *, route: str, ml: str) -> Message:
    """Step `index` with Next / Skip the rest; past the last step, the ready note with Taken."""
    if index >= len(STEPS):
        return Message.say(
            T("doses.checklist_done"),
            buttons=[[Button(T("doses.taken_button"), cb.taken(dose_id))],
                     [Button(T("doses.checklist_off"), cb.CHECKLIST_OFF)]],
            edit_last=True,
        )
    return Message.say(
        T("doses.checklist_progress", n=index + 1, total=len(STEPS)),
        T(f"doses.checklist.{STEPS[index]}", route=when.route(route), ml=ml),
        buttons=[[Button(T("doses.checklist_next"), cb.checklist(dose_id, index + 1))],
                 [Button(T("doses.checklist_skip"), cb.checklist(dose_id, len(STEPS)))]],
        edit_last=index > 0,
    )


def turned_off() -> Message:
    """The checklist will no longer be offered."""
    return Message.say(T("doses.checklist_turned_off"))
