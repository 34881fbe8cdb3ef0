"""Load the labelled corpus and score the engine against it (shared by tests and the benchmark)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from flows.triage import Decision, Level, triage_text

LABELS = ("EXPECTED", "ADVICE", "URGENT", "ASK")
CORPUS = Path(__file__).with_name("corpus.yaml")
# More lines by language (corpus/<lang>.yaml): the same format plus `lang`; blind-set lines join here once measured.
MORE = Path(__file__).with_name("corpus")


@dataclass(frozen=True)
class Case:
    """One labelled reply."""

    label: str
    text: str
    hours: float | None = None
    lang: str = ""


def load() -> list[Case]:
    """Every case in corpus.yaml."""
    out = []
    for path in [CORPUS, *sorted(MORE.glob("*.yaml"))]:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or ():
            if isinstance(entry, list):
                out.append(Case(str(entry[0]), str(entry[1])))
            else:
                out.append(Case(str(entry["label"]), str(entry["text"]), entry.get("hours"), entry.get("lang", "")))
    return out


def predicted(case: Case, decision: Decision) -> str:
    """The column of the confusion matrix: the level, or ASK when an ASK line asks before settling."""
    if case.label == "ASK" and decision.level < Level.URGENT and decision.asks:
        return "ASK"
    return decision.level.name


def passes(case: Case, decision: Decision) -> bool:
    """Not under-triaged: at least the label's level; an ASK line asks or goes URGENT."""
    if case.label == "ASK":
        return bool(decision.asks) or decision.level == Level.URGENT
    return decision.level >= Level[case.label]


def exact(case: Case, decision: Decision) -> bool:
    """The label itself: that level (asks allowed), or for ASK lines an ask below URGENT."""
    return predicted(case, decision) == case.label


def confusion(results: list[tuple[Case, Decision]]) -> str:
    """A printable confusion matrix (rows: label, columns: what the engine did) with recall per label."""
    counts = Counter((c.label, predicted(c, d)) for c, d in results)
    width = 10
    head = "label \\ got".ljust(12) + "".join(c.rjust(width) for c in LABELS)
    lines = [head + "   +asks   recall  not-under"]
    for label in LABELS:
        row = [(c, d) for c, d in results if c.label == label]
        if not row:
            continue
        asked = sum(bool(d.asks) and d.level < Level.URGENT for c, d in row)
        recall = sum(exact(c, d) for c, d in row) / len(row)
        ok = sum(passes(c, d) for c, d in row) / len(row)
        cells = "".join(str(counts[(label, col)]).rjust(width) for col in LABELS)
        lines.append(label.ljust(12) + cells + f"{asked:8d}   {recall:6.1%}  {ok:9.1%}")
    total = len(results)
    lines.append(f"cases: {total}; exact: {sum(exact(c, d) for c, d in results) / total:.1%}")
    lines.append("(+asks: lines where the bot also asks a red-flag question before settling)")
    return "\n".join(lines)


def run(cases: list[Case]) -> list[tuple[Case, Decision]]:
    """Triage every case."""
    return [(c, triage_text(c.text, hours_since_dose=c.hours)) for c in cases]
