"""Every refused answer: a clear reason with an example, the question again, and nothing changed."""

from __future__ import annotations

import pytest

from flows.events import PressIn
from flows.onboarding.callbacks import make
from tests.onboarding.driver import Drive, full_onboarding

LONG = "x" * 4096


def refused(d: Drive, answer: str, expect: str, *, press: bool = False) -> None:
    """Send an answer that must be refused: same state, same data, reason shown, question repeated."""
    state, data = d.state, dict(d.data)
    question = d.last.messages[-1].parts[-1]
    result = d.send(PressIn(make(data["_seq"], state or "", answer))) if press else d.type(answer)
    assert result.changed is False
    assert d.state == state and d.data == data
    assert expect in d.text(), d.text()
    assert result.messages[-1].parts[-1] == question  # the question is asked again


def at(state: str, dose: str = "1") -> Drive:
    """A conversation stopped at `state` on the ordinary path."""
    d = Drive.onboarding()
    path = [("p", "GB"), ("p", "Europe/London"), ("p", "cyano"), ("p", "1mg"), ("t", dose), ("p", "im"),
            ("p", "thigh"), ("p", "done"), ("p", "custom"), ("p", "day"), ("t", "2"), ("p", "count"), ("t", "6"),
            ("p", "cal"), ("p", "Today"), ("p", "09:00")]  # fmt: skip
    for kind, value in path:
        if d.state == state:
            return d
        d.press(value) if kind == "p" else d.type(value)
    assert d.state == state
    return d


@pytest.mark.parametrize(
    ("typed", "expect"),
    [
        ("one", "as a number, for example 1 or 0.5"),
        ("1 teaspoon", "as a number"),
        ("0", "more than 0 mL"),
        ("0.00", "more than 0 mL"),
        ("-1", "more than 0 mL"),
        ("6", "more than 5 mL"),
        ("5.01", "more than 5 mL"),
        ("0.125", "two decimal places"),
        ("", "as a number"),
        (LONG, "longer than any answer"),
    ],
)
def test_dose_volume_errors(typed: str, expect: str) -> None:
    refused(at("dose"), typed, expect)


@pytest.mark.parametrize("typed", ["1", "0.5", "0,5", "1 ml", "1mL", ".5", "5"])
def test_dose_volumes_that_are_accepted(typed: str) -> None:
    d = at("dose")
    d.type(typed)
    assert d.state == "route"


def test_country_errors() -> None:
    d = at("country")
    refused(d, "Atlantis", "couldn't find that country")
    refused(d, "x", "couldn't find that country")
    refused(d, LONG, "longer than any answer")
    refused(d, "ZZ", "couldn't find that country", press=True)


def test_time_zone_errors_give_an_example_from_the_country() -> None:
    d = Drive.onboarding()
    d.press("US")
    refused(d, "Nowhere City", "such as New York")
    refused(d, "UTC+15", "UTC+2")
    refused(d, "Europe/Atlantis", "Europe/London")
    refused(d, LONG, "longer than any answer")
    refused(d, "Mars/Olympus", "don't know that time zone", press=True)


def test_product_name_errors() -> None:
    d = Drive.onboarding()
    d.press("GB")
    d.press("Europe/London")
    refused(d, "Cyanocobalamin", "tap one of the buttons")
    d.press("other")
    refused(d, "12345", "for example Neo-Cytamen")
    refused(d, "   ", "for example Neo-Cytamen")
    refused(d, "N" * 81, "longer than any answer")
    refused(d, LONG, "longer than any answer")


@pytest.mark.parametrize("typed", ["strong", "500", "500 mcg", "mg/mL", "0 mg/mL", "1 mg/0 mL"])
def test_strength_errors(typed: str) -> None:
    d = at("str")
    d.press("other")
    refused(d, typed, "for example 500 mcg/mL")


def test_button_only_questions_refuse_text_and_stickers() -> None:
    for state in ("prod", "route", "sites", "reg", "ckind", "cend", "anchor"):
        d = at(state)
        refused(d, "whatever", "tap one of the buttons")
        data = dict(d.data)
        assert d.media().changed is False and d.data == data


def test_a_typed_question_refuses_a_sticker_with_a_reason() -> None:
    d = at("dose")
    result = d.media()
    assert result.changed is False and "type your answer" in d.text()


def test_sites_need_at_least_one_and_only_offered_ones() -> None:
    d = at("sites", dose="2")
    refused(d, "done", "at least one site", press=True)
    refused(d, "upper_arm", "tap one of the buttons", press=True)  # not offered above 1 mL
    refused(d, "knee", "tap one of the buttons", press=True)


def test_forged_values_on_choice_questions_are_refused() -> None:
    refused(at("prod"), "aspirin", "tap one of the buttons", press=True)
    refused(at("route"), "iv", "tap one of the buttons", press=True)
    refused(at("reg"), "double_dose", "tap one of the buttons", press=True)
    refused(at("anchor"), "never", "tap one of the buttons", press=True)
    refused(at("start"), "someday", "tap one of the buttons", press=True)
    refused(at("time"), "99:99", "couldn't read that time", press=True)
    refused(at("confirm"), "maybe", "tap one of the buttons", press=True)


@pytest.mark.parametrize(
    ("typed", "expect"),
    [("0", "from 1 to 366"), ("abc", "whole number of days"), ("500", "from 1 to 366"), ("1.5", "for example 2")],
)
def test_custom_interval_errors(typed: str, expect: str) -> None:
    refused(at("cevery"), typed, expect)


def test_custom_month_interval_has_its_own_limit() -> None:
    d = at("ckind")
    d.press("month")
    refused(d, "25", "from 1 to 24")
    d.type("3")
    assert d.data["cevery"] == 3


def test_weekdays_need_at_least_one() -> None:
    d = at("ckind")
    d.press("wd")
    refused(d, "done", "at least one day", press=True)
    refused(d, "7", "tap one of the buttons", press=True)


@pytest.mark.parametrize("typed", ["0", "1001", "six", "-3", LONG])
def test_dose_count_errors(typed: str) -> None:
    d = at("ccount")
    refused(d, typed, "longer than any answer" if typed == LONG else "whole number of doses")


@pytest.mark.parametrize("typed", ["14", "3 months", "0 days", "two weeks", "9999 weeks"])
def test_duration_errors(typed: str) -> None:
    d = at("cend")
    d.press("duration")
    refused(d, typed, "such as 2 weeks or 10 days")


@pytest.mark.parametrize(
    ("typed", "expect"),
    [
        ("31 Feb 2026", "couldn't read that date"),
        ("2026-02-30", "couldn't read that date"),
        ("1/12/2026", "couldn't read that date"),
        ("soon", "couldn't read that date"),
        ("yesterday", "has passed"),
        ("2026-01-05", "has passed"),
        ("2028-01-01", "more than a year away"),
        (LONG, "longer than any answer"),
    ],
)
def test_start_date_errors(typed: str, expect: str) -> None:
    d = at("start")
    refused(d, typed, expect)
    if typed != LONG:
        assert "9 Mar" in d.text()  # an example a patient can type back


def test_a_day_without_a_year_means_the_coming_one() -> None:
    d = at("start")
    d.type("1 Feb")  # typed on 2 Mar 2026
    assert d.data["start"] == "2027-02-01"


@pytest.mark.parametrize("typed", ["25:99", "24:00", "9:75", "noonish", "13pm", "930", LONG])
def test_reminder_time_errors(typed: str) -> None:
    d = at("time")
    refused(d, typed, "longer than any answer" if typed == LONG else "for example 9:30 or 21:15")


@pytest.mark.parametrize(
    ("typed", "stored"), [("9:30", "09:30"), ("21:15", "21:15"), ("7pm", "19:00"), ("0930", "09:30")]
)
def test_reminder_times_that_are_accepted(typed: str, stored: str) -> None:
    d = at("time")
    d.type(typed)
    assert d.data["time"] == stored and d.state == "confirm"


def test_summary_refuses_typed_yes() -> None:
    d = full_onboarding()
    refused(d, "yes", "tap one of the buttons")
    assert d.last.done is None
