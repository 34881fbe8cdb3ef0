"""The pure check-in conversation: which question comes next, how presses and typed answers apply."""

from __future__ import annotations

import pytest

from flows.checkin import callbacks as cb
from flows.checkin.answers import apply, from_text
from flows.checkin.prompts import OPENING, prompt
from flows.checkin.screening import describes_symptoms, red_flags_asked
from flows.checkin.state import State, decide
from flows.checkin.steps import (
    BODY_LIST,
    CHECK,
    DONE,
    QUESTION,
    RF_LIST,
    RF_UNSURE,
    SITE_LIST,
    TECH_GATE,
    Step,
    next_step,
)
from flows.i18n import render, render_message
from flows.messages import T
from flows.triage import Level, triage_text


def step_of(state: State, hours: float | None = 0.5) -> Step:
    return next_step(state, decide(state, hours), dose_time_known=hours is not None)


def press(state: State, question: str, value: str) -> State:
    changed = apply(state, step_of(state), question, value)
    assert changed is not None, (question, value, step_of(state))
    return changed


def test_the_blocks_come_in_the_order_of_the_spec() -> None:
    state = State(number=1)
    assert step_of(state) == Step(RF_LIST)
    state = press(state, "RF", "none")
    assert step_of(state) == Step(SITE_LIST)
    state = press(state, "SITE", "S1")
    assert step_of(state) == Step(QUESTION, "S1")
    state = press(state, "S1", "mild")
    assert step_of(state) == Step(SITE_LIST)
    state = press(state, "SITE", "none")
    assert step_of(state) == Step(TECH_GATE)
    state = press(state, "TECH", "yes")
    assert step_of(state) == Step(BODY_LIST)
    state = press(state, "BODY", "none")
    assert step_of(state) == Step(QUESTION, "D3")
    state = press(state, "D3", "better")
    assert step_of(state) == Step(DONE)
    assert decide(state, 0.5).level == Level.EXPECTED


def test_nothing_reported_skips_the_timing_questions() -> None:
    state = State()
    for question, value in (("RF", "none"), ("SITE", "none"), ("TECH", "yes"), ("BODY", "none")):
        state = press(state, question, value)
    assert step_of(state) == Step(DONE)


def test_how_long_is_asked_only_when_the_dose_time_is_unknown() -> None:
    state = State()
    for question, value in (
        ("RF", "none"),
        ("SITE", "S2"),
        ("S2", "small"),
        ("SITE", "none"),
        ("TECH", "yes"),
        ("BODY", "none"),
        ("D3", "same"),
    ):
        state = press(state, question, value)
    assert step_of(state, 0.5) == Step(DONE)
    assert step_of(state, None) == Step(QUESTION, "D4")


def test_none_of_these_answers_every_red_flag_no() -> None:
    state = press(State(), "RF", "none")
    assert all(state.answers[f"RF{i}"] == "no" for i in range(1, 9))


def test_any_urgent_red_flag_ends_the_questions() -> None:
    state = press(State(), "RF", "RF3")
    assert decide(state, 0.5).level == Level.URGENT
    assert step_of(state) == Step(DONE)


def test_stomach_alone_is_advice_and_the_list_is_asked_again() -> None:
    state = press(State(), "RF", "RF8")
    decision = decide(state, 0.5)
    assert (decision.level, decision.timing) == (Level.ADVICE, "today")
    assert step_of(state) == Step(RF_LIST)
    assert decide(press(state, "RF", "RF1"), 0.5).level == Level.URGENT


def test_not_sure_asks_which_then_one_concrete_check() -> None:
    state = press(State(), "RF", "unsure")
    assert step_of(state) == Step(RF_UNSURE)
    state = press(state, "RFU", "RF1")
    assert step_of(state) == Step(CHECK, "RF1")
    assert decide(press(state, "CHECK-RF1", "still_not_sure"), 0.5).level == Level.URGENT
    assert decide(press(state, "CHECK-RF1", "yes"), 0.5).level == Level.URGENT
    cleared = press(state, "CHECK-RF1", "no")
    assert decide(cleared, 0.5).level == Level.EXPECTED
    assert step_of(cleared) == Step(RF_LIST)


def test_silence_on_the_check_is_urgent() -> None:
    state = press(press(State(), "RF", "unsure"), "RFU", "RF2").check("RF2", "no_reply")
    assert decide(state, 0.5).level == Level.URGENT


def test_unsure_about_hives_is_advice_today_with_a_reask() -> None:
    state = press(press(State(), "RF", "unsure"), "RFU", "RF4")
    decision = decide(state, 0.5)
    assert (decision.level, decision.timing) == (Level.ADVICE, "today")
    assert "REASK-RF" in decision.asks


def test_fever_always_asks_the_sepsis_screen() -> None:
    state = State()
    for question, value in (("RF", "none"), ("SITE", "none"), ("TECH", "yes"), ("BODY", "Y1")):
        state = press(state, question, value)
    assert step_of(state) == Step(QUESTION, "SEPSIS")
    assert decide(press(state, "SEPSIS", "yes"), 0.5).level == Level.URGENT


def test_tick_all_that_apply_takes_one_tap_each_then_nothing_else() -> None:
    state = State()
    for question, value in (
        ("RF", "none"),
        ("SITE", "none"),
        ("TECH", "different"),
        ("T1", "im"),
        ("T2", "im"),
        ("T3", "yes"),
        ("T4", "leaked"),
    ):
        state = press(state, question, value)
    assert step_of(state) == Step(QUESTION, "T4")
    state = press(state, "T4", "needle_bent")
    state = press(state, "T4", "done")
    assert state.answers["T4"] == "leaked,needle_bent"
    assert step_of(state) == Step(BODY_LIST)
    assert decide(state, 0.5).level == Level.ADVICE


def test_a_press_that_does_not_fit_the_question_changes_nothing() -> None:
    state = State()
    assert apply(state, step_of(state), "SITE", "S1") is None
    assert apply(state, step_of(state), "RF", "bogus") is None
    assert apply(state, Step(QUESTION, "S1"), "S1", "enormous") is None


def test_a_red_flag_tapped_on_an_older_list_always_counts() -> None:
    state = press(press(State(), "RF", "none"), "SITE", "S1")
    changed = apply(state, step_of(state), "RF", "RF5")
    assert changed is not None and decide(changed, 0.5).level == Level.URGENT


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        (Step(RF_LIST), "None of these", ("RF", "none")),
        (Step(RF_LIST), "no", ("RF", "none")),
        (Step(RF_LIST), "not sure", ("RF", "unsure")),
        (Step(CHECK, "RF1"), "Yes", ("CHECK-RF1", "yes")),
        (Step(CHECK, "RF1"), "nope", ("CHECK-RF1", "no")),
        (Step(QUESTION, "S1"), "mild", ("S1", "mild")),
        (Step(QUESTION, "S1"), "Severe", ("S1", "severe")),
        (Step(QUESTION, "S4"), "yes", ("S4", "yes")),
        (Step(QUESTION, "S2"), "no", ("S2", "none")),
        (Step(SITE_LIST), "nothing", ("SITE", "none")),
        (Step(TECH_GATE), "yes", ("TECH", "yes")),
    ],
)
def test_typed_answers_match_the_buttons(step: Step, text: str, expected: tuple[str, str]) -> None:
    assert from_text(step, State(), text) == expected


def test_typed_text_that_is_not_an_answer_is_left_to_the_screen() -> None:
    assert from_text(Step(RF_LIST), State(), "fine thanks") is None
    assert from_text(Step(QUESTION, "S1"), State(), "hello there") is None


@pytest.mark.parametrize(
    "text",
    [
        "cyanocobalamin",
        "09:00",
        "every 3 months",
        "Ireland",
        "left thigh",
        "1 mg",
        "hydroxocobalamin 1mg/ml",
        "yes",
        "no",
        "ok",
        "fine",
        "👍",
        "Hello",
    ],
)
def test_onboarding_answers_do_not_describe_symptoms(text: str) -> None:
    assert not describes_symptoms(triage_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "a bit sore",
        "my lips feel funny",
        "I feel weird",
        "redness spreading",
        "help",
        "my lips are swelling",
        "still tired",
    ],
)
def test_symptom_talk_is_recognised(text: str) -> None:
    assert describes_symptoms(triage_text(text))


def test_unclear_red_flag_wording_names_the_question_to_ask() -> None:
    assert red_flags_asked(triage_text("my lips are tingly")) == ("RF3",)
    assert red_flags_asked(triage_text("09:00")) == ()


def test_every_step_renders_and_every_button_fits_telegram_even_with_huge_ids() -> None:
    state = State(seq=999_999)
    for step in (
        Step(RF_LIST),
        Step(RF_UNSURE),
        Step(CHECK, "RF7"),
        Step(TECH_GATE),
        Step(SITE_LIST),
        Step(BODY_LIST),
        Step(QUESTION, "Y4"),
        Step(QUESTION, "T4"),
        Step(QUESTION, "Y10"),
    ):
        message = prompt(step, state, 10**15 - 1, intro=OPENING)
        assert render_message(message)  # every catalogue key exists
        assert all(render(b.label) for row in message.buttons for b in row)
        for row in message.buttons:
            for button in row:
                assert len(button.data.encode()) <= 64
                assert cb.parse(button.data) is not None


@pytest.mark.parametrize(
    "data",
    [
        "ck:1:2:S1",
        "ck:x:2:S1:mild",
        "ck:1:2:S1:mi:ld",
        "ck:1:9999999:S1:mild",
        "ur:1:explode",
        "hold:1:2",
        "fu:1",
        "ck:1:2:S1:" + "a" * 40,
        "ck:" + "9" * 16 + ":1:S1:mild",
        "zz:1:2",
    ],
)
def test_forged_or_garbled_button_data_is_refused(data: str) -> None:
    assert cb.parse(data) is None


def test_state_survives_a_round_trip_and_damage_is_dropped() -> None:
    state = press(press(State(number=2), "RF", "RF8"), "RF", "unsure")
    assert State.from_dict(state.to_dict()) == state
    damaged = State.from_dict({"n": "x", "a": ["bad"], "checks": None, "extra": [1, {"level": "EXPECTED"}]})
    assert damaged.number == 0 and damaged.answers == {} and len(damaged.extra) == 1


def test_after_a_typed_answer_the_site_list_asks_for_anything_else() -> None:
    state = press(State(), "RF", "none")
    assert step_of(state).kind == SITE_LIST
    first = render_message(prompt(step_of(state), state, 7))
    after_text = render_message(prompt(step_of(state), state, 7, extra=(T("checkin.noted_text"),)))
    assert "Nothing there" in [render(b.label) for row in prompt(step_of(state), state, 7).buttons for b in row]
    assert "Anything else at the injection spot?" in after_text and "Anything else" not in first
    labels = [render(b.label) for row in prompt(step_of(state), state, 7, extra=(T("checkin.noted_text"),)).buttons
              for b in row]
    assert "Nothing else" in labels and "Nothing there" not in labels
