"""The measured blind sets: never a hazardous under-triage (below the label without a red-flag question).

Both sets have been measured (tests/triage/blind/README.md), so they are now regression guards, not proof.
"""

from __future__ import annotations

import pytest

from .blind import HERE, figures, hazardous, load, run


@pytest.mark.parametrize("folder", sorted(d.name for d in HERE.iterdir() if d.is_dir()))
def test_no_blind_line_is_reassured_or_only_advised_below_its_level(folder: str) -> None:
    results = [(line, run(line)) for line in load(HERE / folder)]
    bad = [f"{x.label} {x.lang}: {x.text[:100]!r} -> {d.level.name}" for x, d in results if hazardous(x, d)]
    assert not bad, "\n".join(bad)
    assert figures(results)["lines"] >= 200
