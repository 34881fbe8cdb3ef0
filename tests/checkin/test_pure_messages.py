"""What the patient reads at each level, the emergency number, /why, and the catalogue behind it."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from bot.render import rendered
from flows.checkin import followups, outcomes, why
from flows.checkin.number import number_text
from flows.i18n import has_key, render, render_message
from flows.messages import Message, Priority
from flows.triage import Decision, Level, Reason, lexicon, triage_answers, triage_text

FORBIDDEN = re.compile(r"\byou(?:'re| are) (?:fine|safe)\b|\bit is safe\b|\bskip (?:your|the) (?:next )?dose\b", re.I)


def text(message: Message) -> str:
    return render_message(message)


def advice(timing: str) -> Decision:
    return Decision(Level.ADVICE, timing, (), (Reason("A-RED", "lexicon", "spreading", Level.ADVICE),), "1", ("A-RED",))


@pytest.mark.parametrize(
    ("country", "shown"), [("GB", "999"), ("US", "911"), ("AU", "000"), ("NZ", "111"), ("FR", "15"), ("JP", "119")]
)
def test_the_emergency_number_follows_the_country(country: str, shown: str) -> None:
    assert render(number_text(country)) == shown


@pytest.mark.parametrize("country", [None, "", "ZZ"])
def test_an_unknown_country_gets_the_local_number_with_112_noted(country: str | None) -> None:
    shown = render(number_text(country))
    assert "your local emergency number" in shown and "112" in shown


def test_expected_acknowledges_names_the_warning_changes_and_the_emergency_line() -> None:
    body = text(outcomes.expected(triage_text("a bit sore"), number_text("GB")))
    assert "Thank you for telling me" in body and "common" in body
    assert "spreads" in body and "fever" in body and "2 days" in body
    assert "Call 999 straight away" in body and "lips" in body and "hives" in body
    assert not FORBIDDEN.search(body)


def test_advice_today_names_today_and_the_out_of_hours_service() -> None:
    body = text(outcomes.advice(advice("today"), number_text("GB")))
    assert "today" in body and "out-of-hours" in body
    assert "Do not skip, repeat, move or change your next dose on your own" in body
    assert "999" in body and "in a few hours" in body
    assert not FORBIDDEN.search(body)


def test_advice_routine_is_the_next_working_day() -> None:
    body = text(outcomes.advice(advice("routine"), number_text("US")))
    assert "next working day" in body and "out-of-hours" not in body and "tomorrow" in body and "911" in body


def test_advice_about_technique_says_not_to_inject_again() -> None:
    decision = triage_answers({"T2": "not_sure"})
    assert "Do not inject again" in text(outcomes.advice(decision, number_text("GB")))


def test_urgent_is_one_message_that_cannot_be_missed() -> None:
    message = outcomes.urgent(number_text("GB"), 42)
    body = text(message)
    assert message.priority == Priority.URGENT
    assert body.startswith("⚠️ CALL 999 NOW.")
    for words in (
        "allergic reaction to an injection",
        "adrenaline",
        "Lie flat with your legs raised",
        "sit up",
        "on your side",
        "don't get up and walk about",
        "Unlock the door",
        "Don't drive",
    ):
        assert words in body
    assert [b.data for row in message.buttons for b in row] == ["ur:42:called", "ur:42:someone", "ur:42:cant"]
    assert "we will call" not in body.lower() and "i will call" not in body.lower()


def test_urgent_for_someone_helping_is_worded_for_them() -> None:
    body = text(outcomes.urgent(number_text("GB"), 42, carer=True))
    assert "stay with them" in body and "Help them lie flat" in body


def test_i_cant_call_puts_the_number_first() -> None:
    message = outcomes.cant_call(number_text("DE"), 7, has_carers=True)
    assert text(message).startswith("CALL 112")
    assert "carers" in text(message)
    assert "carers" not in text(outcomes.cant_call(number_text("DE"), 7, has_carers=False))


def test_follow_up_delays() -> None:
    assert followups.follow_up_delay(advice("today")).total_seconds() == 5 * 3600
    assert followups.follow_up_delay(advice("routine")).total_seconds() == 24 * 3600
    assert followups.follow_up_delay(triage_text("fine")) is None
    assert followups.URGENT_AFTER.total_seconds() == 90 * 60


def test_the_hold_notice_has_the_go_ahead_button() -> None:
    message = followups.hold_notice(5)
    assert "do not inject until your prescriber" in text(message)
    assert [b.data for row in message.buttons for b in row] == ["hold:5"]


def test_why_names_items_phrases_rule_and_version() -> None:
    decision = triage_text("my lips are swelling and a bit sore")
    reasons = [r.to_dict() for r in decision.reasons]
    body = text(why.explain(decision.level.name, reasons, decision.rules_version, datetime(2026, 3, 2, 9, 5)))
    assert "02 Mar 09:05" in body
    assert "swelling of the lips" in body and "“lips are swelling”" in body
    assert "call the emergency number" in body
    assert f"Rules version {decision.rules_version}" in body
    assert "soreness" not in body  # only the reasons that set the URGENT result


def test_why_leaves_out_plain_no_answers() -> None:
    decision = triage_answers({"RF1": "no", "RF8": "yes"})
    body = text(why.explain(decision.level.name, [r.to_dict() for r in decision.reasons], "1", datetime(2026, 1, 1)))
    assert "tummy" in body and "breathing" not in body


def test_every_lexicon_item_has_plain_words_for_why() -> None:
    missing = [item for item in lexicon().items if not has_key(f"triage.item.{item}") and not item.startswith("Q-")]
    assert missing == []


def test_every_message_renders_with_buttons() -> None:
    for message in (
        outcomes.urgent(number_text(None), None),
        followups.advice_follow_up(3),
        followups.urgent_follow_up(3, number_text("GB")),
        why.nothing_yet(),
    ):
        body, _ = rendered(message, "en")
        assert body
