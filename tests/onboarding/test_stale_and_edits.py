"""Stale and forged presses change nothing; /settings edits reuse the questions and end on the summary."""

from __future__ import annotations

from datetime import date

from flows.events import PressIn
from flows.i18n import render_message
from flows.onboarding import current_answers, resume, step
from flows.onboarding.callbacks import make, parse
from flows.regimen import template_regimen
from tests.onboarding.driver import TODAY, Drive, full_onboarding


def _stale(d: Drive, data: str) -> None:
    state, before = d.state, dict(d.data)
    result = d.send(PressIn(data))
    assert result.changed is False and d.state == state and d.data == before
    assert "no longer valid" in d.text()


def test_a_button_from_an_earlier_question_is_refused() -> None:
    d = Drive.onboarding()
    old_country = d.buttons()[0][1]
    d.press("GB")
    _stale(d, old_country)


def test_a_button_of_the_same_question_asked_earlier_is_refused() -> None:
    d = full_onboarding()
    old_save = d.buttons()[0][1]
    d.press("edit")
    d.press("back")
    assert d.state == "confirm"
    _stale(d, old_save)


def test_forged_and_malformed_callback_data_are_refused() -> None:
    d = Drive.onboarding()
    seq = d.data["_seq"]
    for forged in (
        make(seq, "confirm", "yes"),  # right number, wrong question
        make(seq + 5, "country", "GB"),
        "ob:x:country:GB",
        "ob:1",
        "ob::country:GB",
        "ob:99999999:country:GB",
        "consent:yes",
    ):
        _stale(d, forged)


def test_toggles_keep_the_question_and_edit_the_message() -> None:
    d = full_onboarding()
    d.press("edit")
    d.press(":sites")
    before = d.data["_seq"]
    result = d.press("outer_hip")
    assert result.edit and d.state == "sites" and d.data["_seq"] == before
    assert d.data["sites"] == ["thigh", "outer_hip"]


def test_an_unknown_stored_state_ends_the_conversation_cleanly() -> None:
    result = step("from_a_future_version", {"_seq": 3}, PressIn("ob:3:from_a_future_version:x"), today=TODAY)
    assert result.state is None and result.done is None
    assert "saved nothing" in render_message(result.messages[0])


def test_resume_repeats_the_current_question() -> None:
    d = Drive.onboarding()
    d.press("GB")
    again = resume(d.state or "", d.data, TODAY)
    assert again.buttons == d.last.messages[-1].buttons
    assert [b.data for row in again.buttons for b in row] == ["ob:2:tz:Europe/London"]


def test_callback_data_is_compact() -> None:
    assert parse("ob:12:tz:America/Argentina/ComodRivadavia") is not None
    assert len(make(999999, "tz", "America/Argentina/ComodRivadavia").encode()) <= 64


def stored(country: str = "GB", **overrides: object) -> dict[str, object]:
    """What /settings reads from the database, as current_answers builds it."""
    prescription = {
        "product": "hydroxocobalamin",
        "product_name": None,
        "strength": "1 mg/mL",
        "dose_ml": "1.00",
        "route": "im",
        "sites": ["thigh", "upper_arm"],
        "regimen": template_regimen("uk_no_neuro_3m").to_dict(),
        "start_date": date(2026, 1, 5),
        "reminder_time": "09:00",
    }
    prescription.update(overrides)
    return current_answers(prescription, country=country, timezone="Europe/London", home_timezone="Europe/London")


def test_settings_edit_of_the_time_goes_straight_to_the_summary() -> None:
    d = Drive.settings("time", stored())
    assert d.state == "time"
    d.type("18:30")
    assert d.state == "confirm" and "Nothing changes until you tap Save" in d.text()
    draft = d.press("yes").done
    assert draft is not None and draft.reminder_time == "18:30"
    assert draft.start_date == date(2026, 1, 5) and draft.sites == ("thigh", "upper_arm")
    assert "Future reminders follow the change" in d.text()


def test_settings_edit_of_the_plan_offers_to_keep_the_running_start_date() -> None:
    d = Drive.settings("regimen", stored())
    assert d.state == "reg"
    d.press("uk_no_neuro_2m")
    d.press("last")
    labels = [label for label, _ in d.buttons()]
    assert any("Keep the current start, Mon 5 Jan 2026" in label for label in labels)
    d.press("Keep")
    assert d.state == "confirm"
    draft = d.press("yes").done
    assert draft is not None and draft.start_date == date(2026, 1, 5)
    assert draft.regimen == template_regimen("uk_no_neuro_2m", anchor="last_taken").to_dict()


def test_settings_custom_plan_is_pre_filled_for_editing() -> None:
    custom = {
        "version": 1,
        "phases": [{"kind": "interval", "every": 3, "unit": "month", "end": {"kind": "open"}}],
        "anchor": "calendar",
        "template_id": None,
    }
    data = stored(regimen=custom)
    assert (data["reg"], data["ckind"], data["cevery"], data["cend"]) == ("custom", "month", 3, "open")
    d = Drive.settings("regimen", data)
    d.press("custom")
    d.press("month")
    d.type("2")
    d.press("open")
    d.press("cal")
    d.press("Tomorrow")
    assert d.state == "confirm" and "every 2 months, until your clinician changes it" in d.text()


def test_clinician_change_goes_to_the_plan_and_marks_the_review_done() -> None:
    d = Drive.settings("regimen", stored(), review=True)
    assert d.state == "reg" and "Your reminders start again" in d.text()
    for value in ("uk_neuro", "cal", "Today"):
        d.press(value)
    draft = d.press("yes").done
    assert draft is not None and draft.review_done and draft.start_date == TODAY


def test_settings_dose_above_one_ml_removes_the_upper_arm() -> None:
    d = Drive.settings("product", stored())
    d.press("hydroxo")
    d.press("1mg")
    d.type("2")
    assert d.state == "confirm" and "taken it off" in d.text()
    assert d.press("yes").done.sites == ("thigh",)  # type: ignore[union-attr]


def test_settings_route_change_to_sc_warns_for_hydroxocobalamin() -> None:
    d = Drive.settings("route", stored())
    d.press("sc")
    assert d.state == "rwarn"
    d.press("keep")
    assert d.state == "confirm"


def test_settings_new_zone_asks_travelling_or_moved() -> None:
    d = Drive.settings("place", stored())
    d.press("GB")
    d.type("Paris")
    assert d.state == "travel" and "Europe/London" in d.text()
    d.press("keep")
    assert d.state == "confirm" and "home time: Europe/London" in d.text()
    draft = d.press("yes").done
    assert draft is not None and (draft.timezone, draft.home_timezone) == ("Europe/Paris", "Europe/London")

    d = Drive.settings("place", stored())
    d.type("France")
    d.press("Europe/Paris")
    d.press("move")
    draft = d.press("yes").done
    assert draft is not None and (draft.country, draft.timezone, draft.home_timezone) == ("FR",) + ("Europe/Paris",) * 2

    d = Drive.settings("place", stored(country="FR"))
    assert d.buttons()[0] == ("France", "ob:1:country:FR")  # the current country is offered first


def test_settings_zone_without_keep_home_time_just_changes() -> None:
    data = stored()
    data.update(keep_home=False, home_tz=None)
    d = Drive.settings("place", data)
    d.press("IE")
    d.press("Europe/Dublin")
    assert d.state == "confirm"
    draft = d.press("yes").done
    assert draft is not None and draft.home_timezone is None


def test_summary_warns_when_the_reminder_time_falls_in_a_clock_change_gap() -> None:
    d = Drive.settings("time", stored())
    d.type("01:30")
    assert "Sun 29 Mar 2026 the clocks go forward and 01:30 does not exist" in d.text()
    assert d.press("yes").done is not None  # a daily time is fine; that one day it comes after the change


def test_no_gap_warning_without_daylight_saving() -> None:
    data = stored()
    data.update(country="IN", tz="Asia/Kolkata", home_tz="Asia/Kolkata")
    d = Drive.settings("time", data)
    d.type("01:30")
    assert "clocks go forward" not in d.text()
