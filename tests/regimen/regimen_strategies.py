"""Hypothesis strategies for regimens, shared by the regimen tests."""

from __future__ import annotations

from datetime import date

from hypothesis import settings
from hypothesis import strategies as st

from flows.regimen import End, Phase, Regimen

PROPS = settings(max_examples=200, deadline=None)
MAX_EVERY = {"day": 120, "week": 20, "month": 12}

ends = st.one_of(
    st.just(End.open()),
    st.integers(1, 12).map(End.after_doses),
    st.integers(1, 90).map(End.after_days),
)


@st.composite
def interval_phases(draw: st.DrawFn) -> Phase:
    """Every N days, weeks or months, with any end."""
    unit = draw(st.sampled_from(("day", "week", "month")))
    return Phase.interval(draw(st.integers(1, MAX_EVERY[unit])), unit, draw(ends))


weekday_phases = st.builds(Phase.on_weekdays, st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True), ends)
phases = st.one_of(interval_phases(), weekday_phases)
regimens = st.builds(
    Regimen, st.lists(phases, min_size=1, max_size=4).map(tuple), st.sampled_from(("calendar", "last_taken"))
)
start_dates = st.dates(date(2000, 1, 1), date(2090, 12, 31))
