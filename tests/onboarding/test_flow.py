"""The set-up conversation from the first question to the confirmed prescription (pure flow)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flows.onboarding import PrescriptionDraft
from flows.regimen import Regimen, template_regimen
from tests.onboarding.driver import TODAY, Drive, full_onboarding


def test_first_message_explains_and_asks_the_country_with_buttons() -> None:
    d = Drive.onboarding()
    assert d.state == "country"
    assert "Nothing is saved until" in d.text() and "/cancel" in d.text()
    labels = [label for label, _ in d.buttons()]
    assert "United Kingdom" in labels and "United States" in labels


def test_full_path_ends_with_a_summary_in_plain_words() -> None:
    d = full_onboarding()
    text = d.text()
    for expected in (
        "hydroxocobalamin, 1 mg/mL",
        "1 mL",
        "into the muscle (IM)",
        "Thigh",
        "every 3 months",
        "Mon, Wed, Fri for 6 doses",
        "from the planned date",
        "Tue 3 Mar 2026",
        "09:00",
        "United Kingdom",
        "Europe/London",
    ):
        assert expected in text, expected
    assert [label for label, _ in d.buttons()] == ["Save", "Change something"]


def test_nothing_is_produced_until_save_is_pressed() -> None:
    d = full_onboarding()
    assert d.last.done is None
    result = d.press("yes")
    assert result.state is None
    draft = result.done
    assert draft == PrescriptionDraft(
        product="hydroxocobalamin",
        product_name=None,
        strength="1 mg/mL",
        dose_ml=Decimal("1.00"),
        route="im",
        sites=("thigh",),
        regimen=template_regimen("uk_no_neuro_3m").to_dict(),
        start_date=date(2026, 3, 3),
        reminder_time="09:00",
        country="GB",
        timezone="Europe/London",
        home_timezone="Europe/London",
    )
    assert "first reminder" in d.text() and "Wed 4 Mar 2026" in d.text()  # Mon/Wed/Fri from Tue 3 Mar


def test_every_question_gets_a_new_number_so_older_buttons_go_stale() -> None:
    d = Drive.onboarding()
    seqs = [d.data["_seq"]]
    d.press("GB")
    seqs.append(d.data["_seq"])
    d.press("Europe/London")
    seqs.append(d.data["_seq"])
    assert seqs == sorted(set(seqs))


def test_other_product_asks_its_name_and_a_typed_strength() -> None:
    d = Drive.onboarding()
    d.press("IE")
    d.press("Europe/Dublin")
    d.press("other")
    assert d.state == "pname"
    d.type("Neo-Cytamen")
    d.press("other")
    assert d.state == "strt"
    d.type("1mg/ml")
    assert d.state == "dose" and d.data["strength"] == "1 mg/mL"
    d.type("0,5 ml")
    assert d.data["dose"] == "0.50"
    for step in ("sc", "outer_hip", "done", "us_cdc", "last", "Today", "20:00"):
        d.press(step)
    assert d.state == "confirm"
    assert "Neo-Cytamen, 1 mg/mL" in d.text() and "0.5 mL" in d.text()
    assert "from the day you took the last one" in d.text()
    draft = d.press("yes").done
    assert draft is not None and draft.product == "other" and draft.product_name == "Neo-Cytamen"
    assert draft.regimen["anchor"] == "last_taken" and draft.start_date == TODAY


def test_a_strength_can_be_typed_at_the_button_question() -> None:
    d = Drive.onboarding()
    d.press("GB")
    d.press("Europe/London")
    d.press("cyano")
    d.type("500 mcg/mL")
    assert d.state == "dose" and d.data["strength"] == "500 mcg/mL"


def test_custom_interval_with_a_dose_count() -> None:
    d = Drive.onboarding()
    d.press("US")
    assert d.state == "tz" and "several time zones" in d.text()
    d.type("Chicago")
    assert d.data["tz"] == "America/Chicago"
    d.press("cyano")
    d.press("1000mcg")
    d.type("1")
    d.press("sc")
    assert d.state == "sites"  # cyanocobalamin SC needs no warning
    d.press("upper_arm")
    d.press("done")
    assert d.buttons()[0][0].startswith("US")  # US guidance first for a US patient
    d.press("custom")
    d.press("week")
    d.type("2")
    d.press("count")
    d.type("6")
    d.press("cal")
    d.type("10 March")
    d.type("21:15")
    assert d.state == "confirm"
    assert "every 2 weeks for 6 doses" in d.text() and "21:15" in d.text()
    draft = d.press("yes").done
    assert draft is not None
    regimen = Regimen.from_dict(draft.regimen)
    assert regimen.template_id is None and regimen.phases[0].every == 2 and regimen.phases[0].end.count == 6
    assert draft.start_date == date(2026, 3, 10) and draft.reminder_time == "21:15"


def test_custom_weekdays_open_ended_with_toggles() -> None:
    d = Drive.onboarding()
    d.press("GB")
    d.press("Europe/London")
    d.press("hydroxo")
    d.press("1mg")
    d.type("1")
    d.press("im")
    d.press("thigh")
    d.press("done")
    d.press("custom")
    d.press("wd")
    assert d.state == "cwd"
    d.press(":1")
    toggled = d.last
    assert toggled.edit and d.state == "cwd"
    assert "✅ Tue" in [label for label, _ in d.buttons()]
    d.press(":4")
    d.press(":1")  # untoggle Tuesday
    d.press("done")
    d.press("open")
    d.press("cal")
    d.press("Today")
    d.press("08:00")
    assert "Plan: on Fri, until your clinician changes it" in d.text()


def test_custom_duration_in_weeks() -> None:
    d = Drive.onboarding()
    for value in ("GB", "Europe/London", "cyano", "1mg"):
        d.press(value)
    d.type("1")
    for value in ("im", "thigh", "done", "custom", "day"):
        d.press(value)
    d.press(":2")
    d.press("duration")
    d.type("2 weeks")
    assert d.data["cdays"] == 14
    d.press("cal")
    d.press("Today")
    d.press("09:00")
    assert "every other day for 2 weeks" in d.text()


def test_hydroxocobalamin_sc_warns_and_can_change_to_im() -> None:
    d = Drive.onboarding()
    for value in ("GB", "Europe/London", "hydroxo", "1mg"):
        d.press(value)
    d.type("1")
    d.press("sc")
    assert d.state == "rwarn" and "muscle (IM) only" in d.text() and "prescriber" in d.text()
    d.press(":im")
    assert d.state == "sites" and d.data["route"] == "im"


def test_hydroxocobalamin_sc_can_continue_and_the_summary_says_so() -> None:
    d = Drive.onboarding()
    for value in ("GB", "Europe/London", "hydroxo", "1mg"):
        d.press(value)
    d.type("1")
    d.press("sc")
    d.press("keep")
    for value in ("thigh", "done", "uk_neuro", "cal", "Today", "09:00"):
        d.press(value)
    assert "make sure your prescriber agreed" in d.text()
    assert d.press("yes").done.route == "sc"  # type: ignore[union-attr]


def test_upper_arm_is_not_offered_above_one_ml_and_buttock_is_professional_only() -> None:
    d = Drive.onboarding()
    for value in ("GB", "Europe/London", "cyano", "1mg"):
        d.press(value)
    d.type("2")
    d.press("im")
    labels = [label for label, _ in d.buttons()]
    assert not any("arm" in label for label in labels)
    assert any("Buttock (only if a professional gives it)" in label for label in labels)


def test_a_typed_country_and_an_ambiguous_one() -> None:
    d = Drive.onboarding()
    d.type("korea")
    assert d.state == "country" and "several countries" in d.text()
    labels = [label for label, _ in d.buttons()]
    assert len(labels) == 2 and all("Korea" in label for label in labels)
    d.press("KR")
    assert d.data["country"] == "KR" and d.state == "tz"
    d.press("Asia/Seoul")
    assert d.data["tz"] == "Asia/Seoul"


def test_typed_iso_code_and_alias_are_understood() -> None:
    for typed, code in (("fr", "FR"), ("DEU", "DE"), ("UK", "GB"), ("england", "GB"), ("New Zealand", "NZ")):
        d = Drive.onboarding()
        d.type(typed)
        assert d.data.get("country") == code, typed


def test_time_zone_can_be_a_typed_offset_or_a_city_elsewhere() -> None:
    d = Drive.onboarding()
    d.press("GB")
    d.type("UTC+5:30")
    assert d.data["tz"] == "UTC+05:30" and d.state == "prod"
    d = Drive.onboarding()
    d.press("GB")
    d.type("paris")
    assert d.data["tz"] == "Europe/Paris"
