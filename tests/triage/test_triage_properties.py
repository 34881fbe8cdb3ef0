"""Properties: more information never lowers the level; combine() is a max; urgent text is found anywhere."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.triage import Decision, Level, combine, questions, triage_answers, triage_text

from .corpus import load

CASES = load()
TEXTS = [c.text for c in CASES]
URGENT_TEXTS = [c.text for c in CASES if c.label == "URGENT"]
QUESTIONS = {q.id: q.options for q in questions()}
FILLER = (
    "the",
    "kettle",
    "was",
    "on",
    "and",
    "cat",
    "watched",
    "while",
    "I",
    "sorted",
    "post",
    "then",
    "rang",
    "my",
    "sister",
    "about",
    "weekend",
    "plans",
    "we",
    "talked",
    "garden",
    "weather",
    "shopping",
    "bus",
)
# TRIAGE_EXAMPLES=2000 runs a deeper search locally.
SETTINGS = settings(
    max_examples=int(os.environ.get("TRIAGE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

texts = st.sampled_from(TEXTS)
answer_sets = st.dictionaries(st.sampled_from(sorted(QUESTIONS)), st.just(""), max_size=8).flatmap(
    lambda keys: st.fixed_dictionaries({k: st.sampled_from(QUESTIONS[k]) for k in keys})
)


@SETTINGS
@given(texts, texts)
def test_adding_a_reply_never_lowers_the_level(first: str, second: str) -> None:
    both = triage_text(first + "\n" + second)
    assert both.level >= triage_text(first).level
    assert both.level >= triage_text(second).level


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=4))
def test_a_message_is_at_least_as_urgent_as_any_of_its_sentences(parts: list[str]) -> None:
    whole = triage_text(". ".join(p.rstrip(".?! ") for p in parts))
    assert whole.level >= max(triage_text(p).level for p in parts)


@SETTINGS
@given(answer_sets, st.sampled_from(sorted(QUESTIONS)), st.data())
def test_an_extra_answer_never_lowers_the_level(answers: dict[str, str], extra: str, data: st.DataObject) -> None:
    if extra in answers:
        return
    value = data.draw(st.sampled_from(QUESTIONS[extra]))
    assert triage_answers({**answers, extra: value}).level >= triage_answers(answers).level


decisions = st.one_of(texts.map(triage_text), answer_sets.map(triage_answers))


@SETTINGS
@given(decisions, decisions, decisions)
def test_combine_is_a_monotonic_commutative_max(a: Decision, b: Decision, c: Decision) -> None:
    ab, ba = combine(a, b), combine(b, a)
    assert ab.level == ba.level == max(a.level, b.level)
    assert combine(combine(a, b), c).level == combine(a, combine(b, c)).level == combine(a, b, c).level
    assert combine(ab, c).level >= ab.level
    if Level.URGENT in (a.level, b.level):
        assert ab.level == Level.URGENT and ab.asks == ()
    assert set(a.reasons) <= set(ab.reasons)


@SETTINGS
@given(
    st.sampled_from(URGENT_TEXTS),
    st.lists(
        st.one_of(st.sampled_from(FILLER), st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)),
        min_size=900,
        max_size=900,
    ),
    st.floats(0, 1),
)
def test_an_urgent_phrase_anywhere_in_4096_characters_is_caught(phrase: str, words: list[str], where: float) -> None:
    filler = " ".join(words)
    room = 4096 - len(phrase) - 4
    cut = int(room * where)
    text = (filler[:cut] + ". " + phrase + ". " + filler[cut:])[:4096]
    text = text.ljust(4096, "x") if len(text) < 4096 else text
    assert len(text) == 4096 and phrase in text
    assert triage_text(text).level == Level.URGENT, phrase


def test_repetitive_4096_character_messages_stay_fast() -> None:
    """Guards against quadratic blow-ups (one phrase repeated to the size limit)."""
    import time

    for phrase in ("lips swollen ", "no lips swollen ", "no hives, ", "itchy bumps all over and ", "no "):
        text = (phrase * 4096)[:4096]
        start = time.perf_counter()
        triage_text(text)
        assert time.perf_counter() - start < 2.0, phrase
