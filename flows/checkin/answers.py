"""Apply a button press or a typed answer to the episode's answers; anything that does not fit changes nothing."""

from __future__ import annotations

import re

from flows.checkin.labels import option_label
from flows.checkin.state import BODY, RF, SITE, State
from flows.checkin.steps import (
    BODY_LIST,
    CHECK,
    LISTS,
    QUESTION,
    RF_IDS,
    RF_LIST,
    RF_UNSURE,
    SITE_LIST,
    TECH_GATE,
    Step,
    catalogue,
    multi_values,
    yes_on_pick,
)
from flows.i18n import render

# The "question" part of button data for the lists and gates (real question IDs are used as they are).
Q_RF, Q_UNSURE, Q_SITE, Q_BODY, Q_TECH = "RF", "RFU", "SITE", "BODY", "TECH"
NONE, UNSURE, BACK, DONE_TICKING = "none", "unsure", "back", "done"
TECH_VALUES = ("yes", "different", "not_sure")
CHECK_VALUES = ("yes", "no", "still_not_sure")

_YES = {"yes", "y", "yeah", "yep", "yup", "ya", "aye", "si", "ja"}
_NO = {"no", "n", "nope", "nah", "nein"}
_NONE = {
    "none",
    "none of these",
    "none of them",
    "none of those",
    "nothing",
    "no none",
    "nothing there",
    "nothing else",
    "no nothing",
    "neither",
    "all good",
    "no to all",
}
_UNSURE = {
    "not sure",
    "unsure",
    "dont know",
    "don t know",
    "do not know",
    "no idea",
    "maybe",
    "not certain",
    "idk",
    "still not sure",
}


def apply(state: State, step: Step, question: str, value: str) -> State | None:
    """The answers after a press on `step`; None when the press does not fit it (stale or forged)."""
    # A red flag tapped on any red-flag list counts, even on an older message: it is never ignored.
    if question in (Q_RF, Q_UNSURE) and value in RF_IDS:
        answer = "not_sure" if question == Q_UNSURE and step.kind == RF_UNSURE else "yes"
        if answer == "not_sure" and state.answers.get(value) == "yes":
            return None
        return state.answer(value, answer)
    if step.kind == RF_LIST and question == Q_RF:
        if value == NONE:
            return state.answer_missing(RF_IDS, "no").finish(RF)
        return state.with_unsure(True) if value == UNSURE else None
    if step.kind == RF_UNSURE and question == Q_UNSURE and value == BACK:
        return state.with_unsure(False)
    if step.kind == CHECK and question == f"CHECK-{step.question}" and value in CHECK_VALUES:
        return state.check(step.question, value)
    if step.kind == TECH_GATE and question == Q_TECH and value in TECH_VALUES:
        return state.with_tech_gate(value)
    if step.kind in (SITE_LIST, BODY_LIST):
        return _list(state, SITE if step.kind == SITE_LIST else BODY, question, value)
    if step.kind == QUESTION and question == step.question:
        return _question(state, question, value)
    return None


def _list(state: State, block: str, question: str, value: str) -> State | None:
    if question != (Q_SITE if block == SITE else Q_BODY):
        return None
    if value == NONE:
        return state.finish(block)
    if value not in LISTS[block][1]:
        return None
    return state.answer(value, "yes") if yes_on_pick(value) else state.pick(value)


def _question(state: State, qid: str, value: str) -> State | None:
    spec = catalogue()[qid]
    if not spec.multi:
        return state.answer(qid, value) if value in spec.options else None
    if value in (NONE, DONE_TICKING):
        ticked = multi_values(state, qid)
        return state.answer(qid, ",".join(ticked) or NONE).finish(qid)
    if value not in spec.options:
        return None
    return state.answer(qid, ",".join(dict.fromkeys((*multi_values(state, qid), value))))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", text.casefold())).strip()


def from_text(step: Step, state: State, text: str, locale: str = "en") -> tuple[str, str] | None:
    """A typed answer that matches a button of the current step ("none", "mild", "not sure"), as (question, value)."""
    said = _norm(text)
    if not said or len(said) > 40:
        return None
    if step.kind == RF_LIST:
        if said in _NONE or said in _NO:
            return Q_RF, NONE
        return (Q_RF, UNSURE) if said in _UNSURE else None
    if step.kind == CHECK:
        value = "yes" if said in _YES else "no" if said in _NO else "still_not_sure" if said in _UNSURE else None
        return (f"CHECK-{step.question}", value) if value else None
    if step.kind == TECH_GATE:
        value = "yes" if said in _YES else "different" if said in _NO else "not_sure" if said in _UNSURE else None
        return (Q_TECH, value) if value else None
    if step.kind in (SITE_LIST, BODY_LIST):
        return (Q_SITE if step.kind == SITE_LIST else Q_BODY, NONE) if said in _NONE | _NO else None
    if step.kind == QUESTION:
        return _option(step.question, said, locale)
    return None


def _option(qid: str, said: str, locale: str) -> tuple[str, str] | None:
    options = catalogue()[qid].options
    for value in options:
        label = _norm(render(option_label(qid, value), locale))
        if said in (_norm(value), label) or (len(said) >= 4 and label.startswith(said)):
            return qid, value
    for words, values in ((_YES, ("yes",)), (_NO, ("no", "none")), (_UNSURE, ("not_sure",)), (_NONE, ("none", "no"))):
        for value in values:
            if said in words and value in options:
                return qid, value
    return None
