"""Every question, summary and settings menu renders from the catalogue, in plain words."""

from __future__ import annotations

import pytest

from flows.i18n import render, render_message
from flows.onboarding import settings_menu
from flows.onboarding.machine import STEPS, ask
from flows.onboarding.words import regimen
from flows.regimen import TEMPLATES
from tests.onboarding.driver import TODAY, full_onboarding


@pytest.mark.parametrize("state", sorted(STEPS))
def test_every_question_renders_with_compact_buttons(state: str) -> None:
    data = dict(full_onboarding().data)
    data.update(ckind="week", home_tz="Europe/Paris", keep_home=True)
    message = ask(state, data, TODAY)
    assert render_message(message).strip()
    for row in message.buttons:
        for button in row:
            assert render(button.label).strip()
            assert len(button.data.encode()) <= 64


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_template_reads_as_a_sentence(template: str) -> None:
    text = render(regimen(TEMPLATES[template].regimen.to_dict()))
    assert text and "{" not in text


def test_regimen_descriptions() -> None:
    assert render(regimen(TEMPLATES["us_label"].regimen.to_dict())) == (
        "every day for 6 doses, then every other day for 7 doses, then every 4 days for 2 weeks, "
        "then every month from then on"
    )
    assert render(regimen(TEMPLATES["uk_neuro"].regimen.to_dict())) == (
        "every other day until your clinician moves you on, then every 2 months from then on"
    )
    assert render(regimen({"phases": "broken"})) == "a plan I can't describe"


def test_settings_menu_shows_switch_states_and_every_entry() -> None:
    message = settings_menu.menu(settings_menu.Switches(keep_home=True, checklist=False, heads_up=True))
    labels = [render(b.label) for row in message.buttons for b in row]
    assert "Keep home time while travelling: on" in labels
    assert "Checklist before each injection: off" in labels
    assert "Reminder the day before: on" in labels
    assert "My clinician changed my plan" in labels
    data = {b.data for row in message.buttons for b in row}
    assert {settings_menu.item_of(d) for d in data} == {*settings_menu.EDITS, *settings_menu.TOGGLES, "review"}
    assert settings_menu.item_of("set:nonsense") is None and settings_menu.item_of("ob:1:x:y") is None


def test_settings_menu_says_when_reminders_wait_for_a_review() -> None:
    message = settings_menu.menu(settings_menu.Switches(True, True, False, review_pending=True))
    assert "paused until you enter the plan" in render_message(message)
