"""Emergency numbers (spec §5)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from flows.triage import emergency_number


@pytest.mark.parametrize(
    ("country", "call"),
    [
        ("GB", "999"),
        ("US", "911"),
        ("AU", "000"),
        ("DE", "112"),
        ("gb", "999"),
        ("UK", "999"),
        ("FR", "15"),
        ("NZ", "111"),
        ("JP", "119"),
        ("PH", "911"),
        ("NL", "112"),
        ("ZA", "10177"),
    ],
)
def test_known_countries(country: str, call: str) -> None:
    found = emergency_number(country)
    assert found.known and found.call == call and found.display == call


@pytest.mark.parametrize("country", [None, "", "XX", "ZZ", "_unknown"])
def test_unknown_country_says_local_number_and_notes_112(country: str | None) -> None:
    found = emergency_number(country)
    assert not found.known and found.call is None
    assert "local emergency number" in found.display and "112" in found.display
    assert "112" in found.numbers and "112" in found.notes


def test_every_eu_member_state_has_112() -> None:
    eu = (
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    )
    for code in eu:
        assert "112" in emergency_number(code).numbers, code


def test_table_shape_and_verify_flags() -> None:
    table = json.loads(resources.files("flows.triage").joinpath("emergency_numbers.json").read_text("utf-8"))
    rows = {k: v for k, v in table.items() if not k.startswith("_")}
    for code, row in rows.items():
        assert len(code) == 2 and code.isupper()
        assert row["numbers"] and all(n.isdigit() for n in row["numbers"])
        assert isinstance(row["verified"], bool)
    assert rows["CH"]["verified"] is False and rows["GB"]["verified"] is True
