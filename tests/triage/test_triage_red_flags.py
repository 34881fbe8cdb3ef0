"""Every combination of the red-flag answers RF1..RF8 × yes/no/not_sure (3^8), per spec §2.1 and §4.3."""

from __future__ import annotations

from itertools import product

import pytest

from flows.triage import Level, combine, resolve_check, triage_answers

RF = [f"RF{i}" for i in range(1, 9)]
CHECKABLE = ("RF1", "RF2", "RF3", "RF5", "RF6", "RF7")
ALL = list(product(("yes", "no", "not_sure"), repeat=8))


def expected(answers: dict[str, str]) -> tuple[Level, str | None, tuple[str, ...]]:
    """The spec's rules written out independently of the engine."""
    yes = {k for k, v in answers.items() if v == "yes"}
    unsure = {k for k, v in answers.items() if v == "not_sure"}
    if yes & set(RF[:7]):
        return Level.URGENT, None, ()  # any of RF1-RF7 yes: URGENT, no more questions
    if "RF8" in yes | unsure and yes & set(RF[:5]):
        return Level.URGENT, None, ()  # unreachable here (covered above) but states the RF8 rule
    advice = "RF8" in yes | unsure or "RF4" in unsure
    asks = tuple(f"CHECK-{rf}" for rf in CHECKABLE if rf in unsure)
    if "RF4" in unsure:
        asks += ("REASK-RF",)
    return (Level.ADVICE, "today", asks) if advice else (Level.EXPECTED, None, asks)


def test_all_3_to_the_8_combinations() -> None:
    assert len(ALL) == 3**8
    for values in ALL:
        answers = dict(zip(RF, values, strict=True))
        decision = triage_answers(answers)
        level, timing, asks = expected(answers)
        assert (decision.level, decision.timing, decision.asks) == (level, timing, asks), answers
        assert decision.reasons and decision.rules_version


def test_checks_settle_every_not_sure() -> None:
    """Yes, still not sure or no reply to a concrete check → URGENT; all 'no' → the checks are settled."""
    for values in ALL[::7]:  # a spread of combinations keeps this fast
        answers = dict(zip(RF, values, strict=True))
        base = triage_answers(answers)
        checks = [a.removeprefix("CHECK-") for a in base.asks if a.startswith("CHECK-")]
        for rf in checks:
            for answer in ("yes", "still_not_sure", "no_reply"):
                assert combine(base, resolve_check(rf, answer)).level == Level.URGENT
        settled = combine(base, *(resolve_check(rf, "no") for rf in checks))
        assert settled.level == base.level
        assert not any(a.startswith("CHECK-") for a in settled.asks)


def test_rf8_alone_is_advice_today_and_urgent_with_another_system() -> None:
    assert triage_answers({"RF8": "yes"}).level == Level.ADVICE
    assert triage_answers({"RF8": "yes"}).timing == "today"
    for rf in RF[:5]:
        assert triage_answers({"RF8": "yes", rf: "yes"}).level == Level.URGENT


def test_rf4_not_sure_is_advice_today_with_a_reask() -> None:
    decision = triage_answers({"RF4": "not_sure"})
    assert (decision.level, decision.timing) == (Level.ADVICE, "today")
    assert "REASK-RF" in decision.asks


@pytest.mark.parametrize("rf", ["RF4", "RF8", "S1"])
def test_no_concrete_check_for_rf4_rf8(rf: str) -> None:
    with pytest.raises(ValueError):
        resolve_check(rf, "yes")


def test_resolve_check_accepts_the_check_id() -> None:
    assert resolve_check("CHECK-RF3", "yes").level == Level.URGENT
    assert resolve_check("RF3", "no").level == Level.EXPECTED
