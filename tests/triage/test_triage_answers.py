"""Structured answers beyond the red flags (spec §2.2-§2.5) and the questions() data."""

from __future__ import annotations

import pytest

from flows.triage import Level, combine, questions, triage_answers, triage_text

VALID_ASKS = {f"RF{i}" for i in range(1, 9)} | {f"CHECK-RF{i}" for i in (1, 2, 3, 5, 6, 7)} | {"SEPSIS", "REASK-RF"}


def test_questions_cover_the_spec_ids() -> None:
    ids = {q.id for q in questions()}
    expected = {f"RF{i}" for i in range(1, 9)} | {f"S{i}" for i in range(1, 11)} | {f"T{i}" for i in range(1, 5)}
    expected |= {f"Y{i}" for i in range(1, 11)} | {"SEPSIS", "D2", "D3", "D4"}
    assert expected <= ids
    by_id = {q.id: q for q in questions()}
    assert all(by_id[f"RF{i}"].red_flag for i in range(1, 9))
    assert by_id["RF1"].options == ("yes", "no", "not_sure")
    assert by_id["S2"].options == ("none", "small", "big", "spreading")
    assert not by_id["S2"].red_flag and by_id["T4"].multi


def test_fever_asks_the_sepsis_screen() -> None:
    fever = triage_answers({"Y1": "yes"})
    assert (fever.level, fever.timing, fever.asks) == (Level.ADVICE, "today", ("SEPSIS",))
    assert triage_answers({"Y1": "yes", "SEPSIS": "yes"}).level == Level.URGENT
    cleared = triage_answers({"Y1": "yes", "SEPSIS": "no"})
    assert (cleared.level, cleared.asks) == (Level.ADVICE, ())
    assert combine(fever, triage_answers({"SEPSIS": "no"})).asks == ()


@pytest.mark.parametrize(
    ("answers", "level", "timing"),
    [
        ({"S1": "mild"}, Level.EXPECTED, None),
        ({"S1": "severe"}, Level.ADVICE, "routine"),
        ({"S1": "mild", "D3": "worse"}, Level.ADVICE, "today"),
        ({"S2": "small"}, Level.EXPECTED, None),
        ({"S2": "spreading"}, Level.ADVICE, "today"),
        ({"S3": "growing"}, Level.ADVICE, "today"),
        ({"S4": "yes"}, Level.ADVICE, "today"),
        ({"S5": "yes"}, Level.ADVICE, "today"),
        ({"S6": "small"}, Level.EXPECTED, None),
        ({"S6": "heavy_most_times"}, Level.ADVICE, "routine"),
        ({"S7": "brief"}, Level.EXPECTED, None),
        ({"S7": "hours"}, Level.ADVICE, "routine"),
        ({"S8": "spot"}, Level.EXPECTED, None),
        ({"S8": "all_over"}, Level.ADVICE, "today"),
        ({"S9": "yes"}, Level.ADVICE, "today"),
        ({"S10": "severe"}, Level.ADVICE, "routine"),
        ({"T1": "dont_know"}, Level.ADVICE, "routine"),
        ({"T1": "im", "T2": "im"}, Level.EXPECTED, None),
        ({"T1": "im", "T2": "sc"}, Level.ADVICE, "routine"),
        ({"T2": "not_sure"}, Level.ADVICE, "routine"),
        ({"T3": "no"}, Level.ADVICE, "routine"),
        ({"T4": "none"}, Level.EXPECTED, None),
        ({"T4": "leaked,cloudy"}, Level.ADVICE, "routine"),
        ({"T4": "needle_fragment"}, Level.ADVICE, "today"),
        ({"Y2": "yes"}, Level.ADVICE, "today"),
        ({"Y2": "yes", "RF6": "yes"}, Level.URGENT, None),
        ({"Y4": "yes_breathless_lying_flat"}, Level.URGENT, None),
        ({"Y6": "flat_or_acne"}, Level.ADVICE, "routine"),
        ({"Y6": "blistering_or_widespread"}, Level.URGENT, None),
        ({"Y7": "mild_settling"}, Level.EXPECTED, None),
        ({"Y7": "repeated_vomiting"}, Level.ADVICE, "today"),
        ({"Y7": "repeated_vomiting", "S8": "all_over"}, Level.URGENT, None),
        ({"Y8": "sudden_worst"}, Level.URGENT, None),
        ({"Y9": "now"}, Level.URGENT, None),
        ({"Y9": "passed"}, Level.ADVICE, "routine"),
        ({"Y9": "passed", "S1": "mild"}, Level.URGENT, None),
        ({"Y10": "sudden_vision_loss"}, Level.URGENT, None),
        ({"Y10": "prior_reaction"}, Level.ADVICE, "routine"),
        ({"S1": "mild", "D4": "3_plus_days"}, Level.ADVICE, "routine"),
    ],
)
def test_structured_mapping(answers: dict[str, str], level: Level, timing: str | None) -> None:
    decision = triage_answers(answers)
    assert (decision.level, decision.timing) == (level, timing), decision.reasons


def test_48_hours_since_dose_turns_mild_site_answers_into_advice() -> None:
    assert triage_answers({"S1": "mild"}, hours_since_dose=24).level == Level.EXPECTED
    late = triage_answers({"S1": "mild", "S2": "small"}, hours_since_dose=50)
    assert (late.level, late.timing) == (Level.ADVICE, "routine")
    assert "A-PERSIST" in late.items
    assert triage_answers({"S6": "small"}, hours_since_dose=200).level == Level.EXPECTED  # fading bruise


def test_unknown_ids_and_options_are_rejected() -> None:
    with pytest.raises(ValueError):
        triage_answers({"RF9": "yes"})
    with pytest.raises(ValueError):
        triage_answers({"S2": "huge"})


def test_all_asks_are_known_question_ids() -> None:
    for q in questions():
        for option in q.options:
            assert set(triage_answers({q.id: option}).asks) <= VALID_ASKS


def test_text_asks_are_answered_by_the_rf_block() -> None:
    vague = triage_text("feel weird")
    assert vague.asks == tuple(f"RF{i}" for i in range(1, 9))
    answered = combine(vague, triage_answers({f"RF{i}": "no" for i in range(1, 9)}))
    assert (answered.level, answered.asks) == (Level.EXPECTED, ())
    assert combine(vague, triage_answers({"RF3": "yes"})).level == Level.URGENT


def test_combine_drops_asks_at_urgent_and_merges_timing() -> None:
    urgent = combine(triage_text("tingly lips"), triage_text("my throat is closing"))
    assert (urgent.level, urgent.asks, urgent.timing) == (Level.URGENT, (), None)
    advice = combine(triage_answers({"S6": "big"}), triage_answers({"S4": "yes"}))
    assert (advice.level, advice.timing) == (Level.ADVICE, "today")
    assert combine().level == Level.EXPECTED


def test_decision_to_dict_is_json_ready() -> None:
    data = triage_text("lips swelling").to_dict()
    assert data["level"] == "URGENT"
    assert data["reasons"][0]["level"] == "URGENT"
    assert set(data) >= {"level", "timing", "asks", "reasons", "rules_version", "items"}
