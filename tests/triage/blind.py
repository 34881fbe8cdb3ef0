"""Score the engine on a blind set (tests/triage/blind/<date>/*.yaml): `python -m tests.triage.blind [DIR…]`.

A blind set is written from the spec alone by someone who has not read the rules, the code or the corpus.
Its figures are the honest ones; see tests/triage/blind/README.md for how a set is used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from flows.triage import Decision, Level, triage_text

HERE = Path(__file__).with_name("blind")
LABELS = ("EXPECTED", "ADVICE", "URGENT", "ASK")


@dataclass(frozen=True)
class Line:
    """One labelled message of a blind set."""

    text: str
    label: str
    lang: str
    reporter: str = "patient"
    hours: float | None = None
    sent_at: datetime | None = None
    hard: bool = False
    tags: tuple[str, ...] = ()
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def load(folder: Path) -> list[Line]:
    """Every line of every YAML file in one blind-set folder."""
    out = []
    for path in sorted(folder.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or ():
            sent = entry.get("sent_at")
            out.append(
                Line(
                    text=str(entry["text"]),
                    label=str(entry["label"]).upper(),
                    lang=str(entry.get("lang", "?")),
                    reporter="carer" if entry.get("reporter") == "carer" else "patient",
                    hours=entry.get("hours_since_dose"),
                    sent_at=datetime.fromisoformat(str(sent)) if sent else None,
                    hard=bool(entry.get("hard")),
                    tags=tuple(entry.get("tags") or ()),
                    source=f"{folder.name}/{path.name}",
                )
            )
    return out


def run(line: Line) -> Decision:
    """Triage one line the way the bot would."""
    return triage_text(line.text, hours_since_dose=line.hours, reporter=line.reporter, sent_at=line.sent_at)  # type: ignore[arg-type]


def asked(d: Decision) -> bool:
    """The bot asks a red-flag question before settling (below URGENT)."""
    return d.level < Level.URGENT and any(a.startswith(("RF", "CHECK-")) for a in d.asks)


def hazardous(line: Line, d: Decision) -> bool:
    """Below the label and no red-flag question: the bot would have reassured or only advised."""
    if line.label == "ASK":
        return d.level < Level.URGENT and not asked(d)
    return d.level < Level[line.label] and not asked(d)


def got(line: Line, d: Decision) -> str:
    """The column of the matrix: the level, or ASK when an ASK line is asked about below URGENT."""
    if line.label == "ASK" and asked(d):
        return "ASK"
    return d.level.name


def figures(results: list[tuple[Line, Decision]]) -> dict[str, object]:
    """The issue's four figures plus per-label counts."""
    urgent = [(x, d) for x, d in results if x.label == "URGENT"]
    expected = [(x, d) for x, d in results if x.label == "EXPECTED"]
    return {
        "lines": len(results),
        "hazardous": sum(hazardous(x, d) for x, d in results),
        "urgent_direct": sum(d.level == Level.URGENT for _, d in urgent) / max(1, len(urgent)),
        "exact": sum(got(x, d) == x.label for x, d in results) / max(1, len(results)),
        "asked_when_expected": sum(asked(d) for _, d in expected) / max(1, len(expected)),
        "over_triaged": sum(
            x.label != "ASK" and d.level > Level[x.label] for x, d in results
        ) / max(1, len(results)),
    }


def matrix(results: list[tuple[Line, Decision]]) -> str:
    """Confusion matrix: rows the label, columns what the engine did."""
    counts = Counter((x.label, got(x, d)) for x, d in results)
    lines = ["label \\ got".ljust(12) + "".join(c.rjust(10) for c in LABELS) + "   +asks  hazard"]
    for label in LABELS:
        row = [(x, d) for x, d in results if x.label == label]
        if row:
            cells = "".join(str(counts[(label, c)]).rjust(10) for c in LABELS)
            extra = f"{sum(asked(d) for _, d in row):7d}{sum(hazardous(x, d) for x, d in row):8d}"
            lines.append(label.ljust(12) + cells + extra)
    return "\n".join(lines)


def report(results: list[tuple[Line, Decision]]) -> str:
    """Figures overall, for the hard lines, and per language."""
    out = []

    def block(title: str, rows: list[tuple[Line, Decision]]) -> None:
        f = figures(rows)
        out.append(
            f"{title}: {f['lines']} lines · hazardous {f['hazardous']} · URGENT direct {f['urgent_direct']:.1%}"
            f" · exact {f['exact']:.1%} · asked when EXPECTED {f['asked_when_expected']:.1%}"
            f" · over-triaged {f['over_triaged']:.1%}"
        )

    block("all", results)
    out.append(matrix(results))
    block("hard", [(x, d) for x, d in results if x.hard])
    by_lang: dict[str, list[tuple[Line, Decision]]] = defaultdict(list)
    for x, d in results:
        by_lang[x.lang if x.lang in {"en", "es", "de", "fr", "pt", "it"} else "other"].append((x, d))
    for lang in sorted(by_lang):
        block(f"  {lang}", by_lang[lang])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Print the report; --failures lists the lines that fall short (only after the set has been measured)."""
    p = argparse.ArgumentParser(prog="python -m tests.triage.blind")
    p.add_argument("sets", nargs="*", type=Path, help="blind-set folders (default: all)")
    p.add_argument("--failures", action="store_true", help="list hazardous and non-exact lines")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    folders = args.sets or sorted(d for d in HERE.iterdir() if d.is_dir())
    for folder in folders:
        results = [(x, run(x)) for x in load(folder)]
        if args.json:
            print(json.dumps({"set": folder.name, **figures(results)}))
            continue
        print(f"== {folder.name}")
        print(report(results))
        if args.failures:
            for x, d in results:
                if hazardous(x, d) or got(x, d) != x.label:
                    flag = "HAZARD" if hazardous(x, d) else "      "
                    asks = ",".join(d.asks)[:30]
                    print(f"{flag} {x.label:8} got {got(x, d):8} asks={asks:30} {x.lang} {x.text[:150]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
