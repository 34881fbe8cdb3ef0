"""The CLI helper behind `python -m bot triage`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.triage_cli import main


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["my lips are swelling", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "URGENT" and data["asks"] == [] and data["rules_version"]
    assert data["reasons"][0]["item"] == "U-ANGIO"


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["itchy throat"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("EXPECTED") and "RF2" in out and "Q-THROAT" in out


def test_country_and_hours(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bit sore", "--json", "--country", "AU", "--hours-since-dose", "72"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "ADVICE" and data["timing"] == "routine"
    assert data["emergency_number"]["call"] == "000"
    main(["fine", "--json", "--country", "XX"])
    assert "local emergency number" in json.loads(capsys.readouterr().out)["emergency_number"]["display"]


def test_file_mode_writes_one_json_object_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "replies.txt"
    path.write_text("fine\n\nredness spreading\nI can't breathe\n", encoding="utf-8")
    assert main(["--file", str(path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["level"] for d in lines] == ["EXPECTED", "ADVICE", "URGENT"]
    assert lines[2]["text"] == "I can't breathe"


def test_needs_text_or_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "python -m bot triage" in capsys.readouterr().err
