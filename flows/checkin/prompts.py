"""Each check-in step as a message with buttons; every structured answer has a button, free text always works."""

from __future__ import annotations

from collections.abc import Callable

from flows.checkin import callbacks as cb
from flows.checkin.answers import (
    BACK,
    CHECK_VALUES,
    DONE_TICKING,
    NONE,
    Q_BODY,
    Q_RF,
    Q_SITE,
    Q_TECH,
    Q_UNSURE,
    TECH_VALUES,
    UNSURE,
)
from flows.checkin.labels import option_label, question_text, short_label
from flows.checkin.state import BODY, SITE, State
from flows.checkin.steps import (
    BODY_LIST,
    CHECK,
    LISTS,
    QUESTION,
    RF_LIST,
    RF_UNSURE,
    SITE_LIST,
    TECH_GATE,
    Step,
    catalogue,
    list_items,
    multi_values,
    rf_open,
)
from flows.messages import Button, Lines, Message, Priority, T, Text

ButtonFor = Callable[[Text, str, str], Button]
OPENING, REPORT, CARER_REPORT, REASK, NEXT = "opening", "report", "carer", "reask", "next"


def prompt(step: Step, state: State, episode: int, *, intro: str = NEXT, extra: tuple[Text, ...] = ()) -> Message:
    """The message for a step; `intro` adds the check-in opening, `extra` goes first (e.g. "Noted.")."""
    seq = state.seq

    def button(label: Text, question: str, value: str) -> Button:
        return Button(label, cb.answer(episode, seq, question, value))

    head: list[Text | Lines] = list(extra)
    if intro == OPENING:
        head.append(T("checkin.opening"))
    elif intro == REPORT:
        head.append(T("checkin.opening_report"))
    elif intro == REASK:
        head.append(T("triage.follow_reask"))
    priority = Priority.REMINDER if intro in (OPENING, REASK) else Priority.REPLY
    rows: list[list[Button]]
    if step.kind == RF_LIST:
        flags = rf_open(state)
        first = not any(v != "no" for q, v in state.answers.items() if q.startswith("RF")) and intro != REASK
        head += [
            T("checkin.rf_intro" if first else "checkin.rf_again"),
            Lines(tuple(T("checkin.bullet", text=question_text(rf)) for rf in flags)),
            T("checkin.rf_tap"),
        ]
        rows = [[button(T("checkin.none_of_these"), Q_RF, NONE)]]
        rows += [[button(short_label(rf), Q_RF, rf)] for rf in flags]
        rows.append([button(T("checkin.not_sure"), Q_RF, UNSURE)])
    elif step.kind == RF_UNSURE:
        head.append(T("checkin.rf_unsure_intro"))
        rows = [[button(short_label(rf), Q_UNSURE, rf)] for rf in rf_open(state)]
        rows.append([button(T("checkin.back"), Q_UNSURE, BACK)])
    elif step.kind == CHECK:
        head += [T("checkin.check_intro"), T(f"checkin.check.{step.question}")]
        qid = f"CHECK-{step.question}"
        labels = {"yes": "checkin.check_yes", "no": "checkin.check_no", "still_not_sure": "checkin.check_still"}
        rows = [[button(T(labels[v]), qid, v) for v in CHECK_VALUES]]
    elif step.kind == TECH_GATE:
        head.append(T("checkin.tech_intro"))
        rows = [[button(T(f"checkin.tech_{v}"), Q_TECH, v)] for v in TECH_VALUES]
    elif step.kind in (SITE_LIST, BODY_LIST):
        block = SITE if step.kind == SITE_LIST else BODY
        # After a typed answer ("bit sore at the spot") the list asks for anything *else*, not "nothing there".
        typed = any(isinstance(t, Text) and t.key == "checkin.noted_text" for t in extra)
        again = typed or any(q in state.answers or q in state.picked for q in LISTS[block][1])
        name = block.lower()
        head.append(T(f"checkin.{name}_again" if again else f"checkin.{name}_intro"))
        question = Q_SITE if block == SITE else Q_BODY
        rows = [[button(T("checkin.nothing_else" if again else f"checkin.{name}_nothing"), question, NONE)]]
        rows += [[button(short_label(q), question, q)] for q in list_items(state, block)]
    elif step.kind == QUESTION:
        head.append(question_text(step.question))
        rows = _question_rows(step.question, state, button)
    else:
        raise ValueError(f"no prompt for step {step.kind!r}")
    return Message.say(*head, buttons=rows, priority=priority)


def _question_rows(qid: str, state: State, button: ButtonFor) -> list[list[Button]]:
    spec = catalogue()[qid]
    if not spec.multi:
        return [[button(option_label(qid, v), qid, v)] for v in spec.options]
    # A tick-all-that-apply question: one tap per item, then "Nothing else".
    ticked = multi_values(state, qid)
    if ticked:
        first = button(T("checkin.nothing_else"), qid, DONE_TICKING)
    else:
        first = button(option_label(qid, NONE), qid, NONE)
    return [[first], *([button(option_label(qid, v), qid, v)] for v in spec.options if v != NONE and v not in ticked)]
