"""EXPECTED must be earned: words the engine cannot place, red-flag concepts, other languages and dates."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.triage_cli import main as cli
from flows.triage import Level, triage_text
from flows.triage.lexicon import load_concepts
from flows.triage.recall import LANGUAGES
from flows.triage.text import phrase_tokens

WEDNESDAY = datetime(2026, 12, 2, 18, 30)
SUNDAY = datetime(2026, 11, 29, 18, 30)


def _reassured(text: str, **kw: object) -> bool:
    d = triage_text(text, **kw)  # type: ignore[arg-type]
    return d.level == Level.EXPECTED and not d.asks


@pytest.mark.parametrize(
    "text",
    ["a bit sore where I injected", "all good 👍", "small bruise, fading", "todo bien", "alles gut", "tout va bien",
     "no swelling, no rash, breathing fine, just a sore arm", "kein Ausschlag, keine Schwellung"],
)
def test_plainly_expected_replies_are_still_reassured(text: str) -> None:
    assert _reassured(text), triage_text(text).to_dict()


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("a bit sore and my arm feels floaty", "floaty"),
        ("sore arm and everything looks zingy", "zingy"),
        ("all fine but I feel kind of glitchy", "glitchy"),
    ],
)
def test_a_word_it_cannot_place_is_asked_about_and_reported(text: str, word: str) -> None:
    d = triage_text(text)
    assert d.level >= Level.EXPECTED and d.asks, d.to_dict()
    assert word in d.not_understood


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("her voice sounds like someone else's", "RF2"),
        ("something is going on with my eyelids", "RF3"),
        ("he keeps wheezing a little", "RF1"),
        ("my chest feels a bit odd", "RF6"),
        ("mi marido está muy pálido", "RF5"),
        ("ma langue picote", "RF3"),
        ("a garganta está esquisita", "RF2"),
        ("ho la vista annebbiata", "RF7"),
    ],
)
def test_red_flag_concepts_in_any_language_are_never_reassured(text: str, question: str) -> None:
    d = triage_text(text)
    assert d.level == Level.URGENT or question in d.asks, d.to_dict()


def test_a_plain_no_removes_a_concept_but_a_verb_negation_does_not() -> None:
    assert not triage_text("no rash, no hives, just a bit sore").asks
    d = triage_text("my husband can't get his words out")
    assert d.level == Level.URGENT or "RF7" in d.asks


def test_a_language_it_does_not_read_gets_the_checklist_and_says_which() -> None:
    d = triage_text("Nie mogę złapać tchu, proszę pomóż")
    assert d.language == "pl" and d.level < Level.URGENT
    assert {"RF1", "RF2", "RF3", "RF5"} <= set(d.asks)
    assert any(r.item == "Q-LANGUAGE" for r in d.reasons)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("my arm is a bit sore", "en"), ("me duele un poco el brazo", "es"), ("der Arm tut ein bisschen weh", "de"),
     ("j'ai un peu mal au bras", "fr"), ("o braço está um pouco dorido", "pt"), ("mi fa un po' male il braccio", "it")],
)
def test_the_six_languages_are_recognised(text: str, lang: str) -> None:
    assert triage_text(text).language == lang


def test_the_48_hour_rule_counts_from_the_message_date() -> None:
    text = "did it Saturday and the arm is still a bit sore"
    late = triage_text(text, sent_at=WEDNESDAY)
    assert late.level == Level.ADVICE and "A-PERSIST" in late.items
    assert triage_text(text, sent_at=SUNDAY).level == Level.EXPECTED  # Saturday to Sunday is day 2
    assert triage_text("injected on 28/11, still tender", sent_at=WEDNESDAY).level == Level.ADVICE
    assert triage_text("since yesterday it's a bit sore", sent_at=WEDNESDAY).level == Level.EXPECTED


def test_cli_json_says_language_and_what_was_not_understood(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["sore arm and my leg is zingy", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["language"] == "en" and "zingy" in out["not_understood"]
    assert {"level", "asks", "reasons", "rules_version"} <= set(out)


def _concept_words() -> list[str]:
    words = []
    for name, spec in load_concepts().items():
        # Vague words ("scared") may be needle nerves (E-ANXIETY), and being sick once is E-GI (spec Y7).
        if name in ("UNSURE", "GUT"):
            continue
        for lang in LANGUAGES:
            words += [w.rstrip("*") for w in spec.get(lang, ()) if "~" not in w and len(phrase_tokens(w)) == 1]
    return sorted({w for w in words if len(w) >= 4})


CONCEPT_WORDS = _concept_words()
CALM = ["a bit sore where I injected", "all good", "small bruise", "todo bien", "tout va bien", "tutto bene"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALM), st.sampled_from(CONCEPT_WORDS))
def test_adding_a_red_flag_word_to_a_calm_reply_is_never_reassured(calm: str, word: str) -> None:
    assert not _reassured(f"{calm}. {word}")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CALM), st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=10))
def test_adding_a_made_up_word_to_a_calm_reply_is_never_reassured(calm: str, word: str) -> None:
    assert not _reassured(f"{calm} and {word}")
