"""Changing answers from the summary before saving: only that part is asked again, plus what it makes unsafe."""

from __future__ import annotations

from tests.onboarding.driver import Drive, full_onboarding


def test_choices_can_be_changed_from_the_summary() -> None:
    d = full_onboarding()
    d.press("edit")
    assert d.state == "fix"
    d.press(":time")
    assert d.state == "time"
    d.type("7:45")
    assert d.state == "confirm" and "07:45" in d.text()
    d.press("edit")
    d.press(":sites")
    d.press("outer_hip")
    d.press("done")
    assert d.state == "confirm" and "Outer hip" in d.text()
    d.press("edit")
    d.press("back")
    assert d.state == "confirm"


def test_changing_the_country_from_the_summary_asks_the_zone_again() -> None:
    d = full_onboarding()
    d.press("edit")
    d.press(":place")
    d.press("IE")
    assert d.state == "tz" and d.data["tz"] is None
    d.press("Europe/Dublin")
    assert d.state == "confirm" and "Ireland" in d.text()


def test_changing_the_dose_above_one_ml_drops_the_upper_arm_and_asks_sites_again() -> None:
    d = Drive.onboarding()
    for value in ("GB", "Europe/London", "cyano", "1mg"):
        d.press(value)
    d.type("1")
    d.press("im")
    d.press("upper_arm")
    d.press("done")
    for value in ("us_cdc", "cal", "Today", "09:00"):
        d.press(value)
    d.press("edit")
    d.press(":product")
    d.press("cyano")
    d.press("1mg")
    d.type("1.5")
    assert d.state == "sites" and "taken it off" in d.text()
    assert d.data["sites"] == []
    d.press("thigh")
    d.press("done")
    assert d.state == "confirm" and "1.5 mL" in d.text()


def test_switching_to_hydroxocobalamin_with_sc_forces_the_warning() -> None:
    d = Drive.onboarding()
    for value in ("GB", "Europe/London", "cyano", "1mg"):
        d.press(value)
    d.type("1")
    for value in ("sc", "thigh", "done", "us_cdc", "cal", "Today", "09:00"):
        d.press(value)
    d.press("edit")
    d.press(":product")
    d.press("hydroxo")
    d.press("1mg")
    d.type("1")
    assert d.state == "rwarn"
