"""Command line: `python -m bot triage "text"` prints the level, reasons and questions to ask."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from flows.triage.emergency import emergency_number
from flows.triage.freetext import triage_text
from flows.triage.model import Decision


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bot triage",
        description="Triage a free-text post-injection reply with the rules in flows/triage/rules.yaml.",
    )
    p.add_argument("text", nargs="?", help="the message to triage (omit with --file)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--file", type=Path, help="read one message per line; write one JSON object per line")
    p.add_argument("--country", metavar="XX", help="ISO 3166-1 alpha-2 code: adds emergency_number")
    p.add_argument("--hours-since-dose", type=float, metavar="H", help="hours since the logged dose")
    p.add_argument("--reporter", choices=("patient", "carer"), default="patient")
    p.add_argument(
        "--sent-at",
        type=datetime.fromisoformat,
        metavar="YYYY-MM-DDTHH:MM",
        help="local time the message was sent, for 'did it Saturday' (default: unknown)",
    )
    return p


def _record(text: str, decision: Decision, country: str | None, with_number: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"text": text, **decision.to_dict()}
    if with_number:
        out["emergency_number"] = emergency_number(country).to_dict()
    return out


def _human(decision: Decision, record: dict[str, Any]) -> str:
    lines = [decision.level.name + (f" ({decision.timing})" if decision.timing else "") + f"  [{decision.language}]"]
    for r in decision.reasons:
        lines.append(f"  - {r.item} [{r.rule}] {r.level.name}: {r.evidence!r}")
    if decision.asks:
        lines.append("  asks: " + ", ".join(decision.asks))
    if decision.not_understood:
        lines.append("  not understood: " + ", ".join(decision.not_understood))
    if "emergency_number" in record:
        lines.append("  emergency number: " + record["emergency_number"]["display"])
    lines.append(f"  rules {decision.rules_version}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if (args.text is None) == (args.file is None):
        parser.error("give either a text or --file PATH")
    kwargs: dict[str, Any] = {
        "hours_since_dose": args.hours_since_dose,
        "reporter": args.reporter,
        "sent_at": args.sent_at,
    }
    with_number = args.country is not None
    if args.file is not None:
        for line in args.file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = _record(line, triage_text(line, **kwargs), args.country, with_number)
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    decision = triage_text(args.text, **kwargs)
    record = _record(args.text, decision, args.country, with_number)
    if args.json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_human(decision, record) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
