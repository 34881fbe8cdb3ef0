"""Whatever is typed or pressed, the set-up never crashes and a refused answer changes nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.events import PressIn, TextIn
from flows.i18n import render_message
from flows.onboarding import step
from flows.onboarding.callbacks import make
from flows.onboarding.machine import STEPS
from tests.onboarding.driver import TODAY, Drive, full_onboarding

BASE = dict(full_onboarding().data)


@settings(max_examples=300, deadline=None)
@given(state=st.sampled_from(sorted(STEPS)), text=st.text(max_size=120))
def test_any_typed_text_at_any_question(state: str, text: str) -> None:
    data = {**BASE, "ckind": "day", "cend": "count"}
    result = step(state, data, TextIn(text), today=TODAY)
    for message in result.messages:
        render_message(message)
    if not result.changed:
        assert result.state == state and result.data == data


@settings(max_examples=300, deadline=None)
@given(state=st.sampled_from(sorted(STEPS)), value=st.text(max_size=40))
def test_any_pressed_value_at_any_question(state: str, value: str) -> None:
    data = {**BASE, "ckind": "week"}
    result = step(state, data, PressIn(make(data["_seq"], state, value)), today=TODAY)
    for message in result.messages:
        render_message(message)
    if not result.changed:
        assert result.state == state and result.data == data


def test_a_fixed_offset_zone_goes_through_to_a_summary() -> None:
    d = Drive.onboarding()
    d.press("IN")
    d.type("UTC+05:30")
    for value in ("cyano", "1mg"):
        d.press(value)
    d.type("1")
    for value in ("im", "thigh", "done", "us_cdc", "cal", "Today", "20:00"):
        d.press(value)
    assert d.state == "confirm" and "UTC+05:30" in d.text()
    draft = d.press("yes").done
    assert draft is not None and draft.timezone == "UTC+05:30"
