"""The model's validation and JSON form, and the templates from regimens.md."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from flows.regimen import (
    TEMPLATES,
    End,
    Phase,
    Regimen,
    RegimenError,
    dose_dates,
    route_warning_key,
    template_regimen,
    validate,
)

EXPECTED_IDS = {
    "uk_no_neuro_2m",
    "uk_no_neuro_3m",
    "uk_neuro",
    "uk_nhs_page",
    "uk_nhs_page_diet",
    "us_label",
    "us_cdc",
}


def test_every_row_of_regimens_md_is_a_template() -> None:
    assert set(TEMPLATES) == EXPECTED_IDS
    for tid, template in TEMPLATES.items():
        assert template.label_key == f"regimen.template.{tid}"
        assert template.regimen.template_id == tid
        assert template.regimen.anchor == "calendar"
        assert template.regimen.phases[-1].open_ended  # maintenance is for life
        assert Regimen.from_dict(json.loads(json.dumps(template.regimen.to_dict()))) == template.regimen


def test_products_and_routes() -> None:
    for tid in ("uk_no_neuro_2m", "uk_no_neuro_3m", "uk_neuro", "uk_nhs_page", "uk_nhs_page_diet"):
        t = TEMPLATES[tid]
        assert (t.substance, t.strength_mcg, t.routes) == ("hydroxocobalamin", 1000, ("im",))
    assert TEMPLATES["us_label"].substance == "cyanocobalamin" and TEMPLATES["us_label"].strength_mcg == 100
    assert TEMPLATES["us_cdc"].routes[0] == "sc"
    assert route_warning_key("hydroxocobalamin", "sc") == "regimen.warning.hydroxocobalamin_sc"
    assert route_warning_key("hydroxocobalamin", "im") is None
    assert route_warning_key("cyanocobalamin", "sc") is None


def test_template_series_match_the_source() -> None:
    start = date(2026, 1, 5)  # Monday
    us = [d.date.isoformat() for d in dose_dates(TEMPLATES["us_label"].regimen, start, count=19)]
    assert us[:6] == [f"2026-01-{n:02d}" for n in range(5, 11)]  # daily, 6 doses
    assert us[6:13] == [f"2026-01-{n:02d}" for n in range(12, 25, 2)]  # every other day, 7 doses
    assert us[13:17] == ["2026-01-28", "2026-02-01", "2026-02-05", "2026-02-09"]  # every 4 days, 2 weeks
    assert us[17:] == ["2026-03-09", "2026-04-09"]  # monthly
    cdc = dose_dates(TEMPLATES["us_cdc"].regimen, start, count=9)
    assert [d.phase for d in cdc] == [0] * 8 + [1] and cdc[8].date == date(2026, 3, 23)
    diet = dose_dates(TEMPLATES["uk_nhs_page_diet"].regimen, start, count=9)
    assert [d.date for d in diet[7:]] == [date(2026, 7, 17), date(2027, 1, 17)]  # twice a year
    two = dose_dates(TEMPLATES["uk_no_neuro_2m"].regimen, start, count=7)
    assert [d.date.weekday() for d in two[:6]] == [0, 2, 4, 0, 2, 4] and two[6].date == date(2026, 3, 16)


def test_template_anchor_and_weekday_choice_are_the_patients() -> None:
    assert template_regimen("uk_neuro", anchor="last_taken").anchor == "last_taken"
    tue_thu_sat = template_regimen("uk_no_neuro_2m").with_phase(0, Phase.on_weekdays([5, 1, 3], End.after_doses(6)))
    assert tue_thu_sat.phases[0].weekdays == (1, 3, 5)
    assert tue_thu_sat.template_id == "uk_no_neuro_2m"
    with pytest.raises(KeyError):
        template_regimen("nope")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Phase.interval(0, "day"), "every must be a whole number from 1"),
        (lambda: Phase.interval(25, "month"), "from 1 to 24"),
        (lambda: Phase.interval(2, "fortnight"), "unit must be"),  # type: ignore[arg-type]
        (lambda: Phase.on_weekdays([]), "at least one weekday"),
        (lambda: Phase.on_weekdays([7]), "0 (Monday) to 6 (Sunday)"),
        (lambda: Phase.on_weekdays([1, 1]), "must not repeat"),
        (lambda: Phase("weekdays", every=2, weekdays=(1,)), "takes no every/unit"),
        (lambda: Phase("interval", every=2, unit="day", weekdays=(1,)), "takes no weekdays"),
        (lambda: End.after_doses(0), "count must be"),
        (lambda: End.after_days(-1), "days must be"),
        (lambda: End("count", count=True), "count must be"),  # type: ignore[arg-type]
        (lambda: End("open", count=3), "open end takes no"),
        (lambda: End("later"), "kind must be"),  # type: ignore[arg-type]
        (lambda: Regimen(()), "at least one phase"),
        (lambda: Regimen((Phase.interval(1, "day"),), "whenever"), "anchor must be"),  # type: ignore[arg-type]
    ],
)
def test_invalid_models_say_why(build, message: str) -> None:
    with pytest.raises(RegimenError, match=re.escape(message)):
        build()


def test_validate_lists_every_problem_with_its_path() -> None:
    data = {
        "phases": [
            {"kind": "interval", "every": 0, "unit": "day", "end": {"kind": "count", "count": 0}},
            {"kind": "weekdays", "weekdays": [9], "end": {"kind": "open"}},
        ],
        "anchor": "sometimes",
    }
    problems = validate(data)
    assert any(p.startswith("phases[0].end.count") for p in problems)
    assert any(p.startswith("phases[0].every") for p in problems)
    assert any(p.startswith("phases[1].weekdays") for p in problems)
    assert any(p.startswith("anchor") for p in problems)
    with pytest.raises(RegimenError) as err:
        Regimen.from_dict(data)
    assert err.value.problems == tuple(problems) and isinstance(err.value, ValueError)
    assert validate({"phases": []}) == ["phases must be a non-empty list"]
    assert validate({"version": 2, "phases": []})[0].startswith("unsupported regimen format")
    assert validate([]) == ["a regimen must be a JSON object"]  # type: ignore[arg-type]
    assert validate({"phases": ["x"]}) == ["phases[0] must be a JSON object"]


def test_json_form_is_stable_and_minimal() -> None:
    regimen = Regimen(
        (Phase.on_weekdays((4, 0, 2), End.after_doses(6)), Phase.interval(3, "month")), "last_taken", None
    )
    assert regimen.to_dict() == {
        "version": 1,
        "phases": [
            {"kind": "weekdays", "weekdays": [0, 2, 4], "end": {"kind": "count", "count": 6}},
            {"kind": "interval", "every": 3, "unit": "month", "end": {"kind": "open"}},
        ],
        "anchor": "last_taken",
        "template_id": None,
    }
    assert Regimen.from_dict(regimen.to_dict()) == regimen
    assert Regimen.from_dict({"phases": [{"kind": "interval", "every": 1, "unit": "week"}]}).anchor == "calendar"


def test_from_phase_and_with_phase_check_the_index() -> None:
    neuro = template_regimen("uk_neuro")
    assert neuro.from_phase(1).phases == neuro.phases[1:]
    with pytest.raises(RegimenError, match="no phase 5"):
        neuro.from_phase(5)
    with pytest.raises(RegimenError, match="no phase -1"):
        neuro.with_phase(-1, Phase.interval(1, "day"))
