"""The labelled corpus (spec §6): URGENT recall 100 %, no under-triage, exact level ≥ 90 %."""

from __future__ import annotations

from flows.triage import Level

from .corpus import confusion, exact, load, passes, run


def test_corpus_is_big_and_varied() -> None:
    cases = load()
    assert len(cases) >= 300
    assert {c.label for c in cases} == {"EXPECTED", "ADVICE", "URGENT", "ASK"}
    assert len({c.text for c in cases}) == len(cases), "duplicate lines in corpus.yaml"


def test_corpus_metrics() -> None:
    results = run(load())
    matrix = confusion(results)
    print("\n" + matrix)  # shown by pytest on failure (and with -s)
    urgent = [(c, d) for c, d in results if c.label == "URGENT"]
    missed = [c.text for c, d in urgent if d.level != Level.URGENT]
    under = [f"{c.label}: {c.text!r} -> {d.level.name} asks={d.asks}" for c, d in results if not passes(c, d)]
    rate = sum(exact(c, d) for c, d in results) / len(results)
    assert not missed, f"URGENT recall below 100 %: {missed}\n{matrix}"
    assert not under, "under-triaged:\n" + "\n".join(under) + "\n" + matrix
    assert rate >= 0.90, f"exact level {rate:.1%} < 90 %\n{matrix}"


def test_corpus_matrix_by_language() -> None:
    """Every language the engine reads has lines in the corpus, and none of them is under-triaged."""
    results = run(load())
    by_lang: dict[str, list] = {}
    for case, decision in results:
        by_lang.setdefault(case.lang or decision.language, []).append((case, decision))
    for lang in sorted(by_lang):
        print(f"\n== {lang}\n" + confusion(by_lang[lang]))
    assert {"en", "es", "de", "fr", "pt", "it"} <= set(by_lang)
    for lang in ("en", "es", "de", "fr", "pt", "it"):
        rows = by_lang[lang]
        assert all(passes(c, d) for c, d in rows), lang
        assert all(d.level == Level.URGENT for c, d in rows if c.label == "URGENT"), lang


def test_every_decision_carries_reasons_and_version() -> None:
    for case, decision in run(load()):
        assert decision.rules_version
        if decision.level > Level.EXPECTED or decision.asks:
            assert decision.reasons, case.text
