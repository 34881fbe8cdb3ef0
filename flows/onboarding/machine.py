"""The set-up conversation as a pure state machine: (state, data, event, today) → Step."""

from __future__ import annotations

from datetime import date
from typing import Any

from flows import general
from flows.events import Event, PressIn, TextIn
from flows.messages import Message, Raw, T, Text
from flows.onboarding import steps_place, steps_product, steps_regimen, steps_when, summary, words
from flows.onboarding.callbacks import parse
from flows.onboarding.draft import missing, to_draft
from flows.onboarding.inputs import MAX_TYPED
from flows.onboarding.model import Answer, Data, Step, err
from flows.onboarding.order import GROUPS, first_of, next_state
from flows.onboarding.spec import Q, StepSpec
from flows.regimen import Regimen, RegimenError, dose_dates

STEPS: dict[str, StepSpec] = {
    **steps_place.STEPS,
    **steps_product.STEPS,
    **steps_regimen.STEPS,
    **steps_when.STEPS,
    **summary.STEPS,
}


def ask(state: str, data: Data, today: date, *, error: Text | None = None, note: Text | None = None) -> Message:
    """The question of `state`, after an optional note and an optional reason the last answer was refused."""
    message = STEPS[state].ask(Q(state, data, today))
    lead = tuple(t for t in (note, error) if t is not None)
    return Message(lead + message.parts, message.buttons)


def begin(today: date, known: Data | None = None) -> Step:
    """Start the guided set-up; `known` may pre-fill answers (e.g. a country already stored)."""
    data: Data = {**(known or {}), "_seq": 1, "_mode": "onboarding"}
    state = next_state(None, data)
    return Step(state, data, (ask(state, data, today, note=T("onboarding.intro")),))


def begin_edit(group: str, current: Data, today: date, *, review: bool = False) -> Step:
    """Start changing one group of answers from /settings; the rest is kept as it is."""
    if group not in GROUPS:
        raise ValueError(f"unknown settings group {group!r}")
    data: Data = {**current, "_seq": 1, "_mode": "settings", "_only": group, "_review": review}
    data["_old_start"] = current.get("start")
    state = first_of(group, data)
    note = T("onboarding.review_intro") if review else None
    return Step(state, data, (ask(state, data, today, note=note),))


def resume(state: str, data: Data, today: date) -> Message:
    """The current question again (after /start, or for anyone who lost the message)."""
    if state not in STEPS:
        return Message.say(T("onboarding.lost"))
    return ask(state, data, today, note=T("onboarding.resume"))


def step(state: str, data: Data, event: Event, *, today: date) -> Step:
    """Apply one event to the conversation; refused input changes nothing."""
    spec = STEPS.get(state)
    if spec is None:
        # A state this version does not know (e.g. saved by an older release): start over cleanly.
        return Step(None, data, (Message.say(T("onboarding.lost")),))
    if isinstance(event, PressIn):
        pressed = parse(event.data)
        if pressed is None or pressed.seq != data.get("_seq") or pressed.state != state or spec.press is None:
            return Step(state, data, (general.stale_button(),), changed=False)
        answer = spec.press(data, pressed.value, today)
    elif isinstance(event, TextIn):
        if len(event.text) > MAX_TYPED:
            answer = err(T("onboarding.too_long"))
        elif spec.text is None:
            answer = err(T("onboarding.use_buttons"))
        else:
            answer = spec.text(data, event.text, today)
    else:
        answer = err(T("onboarding.use_buttons" if spec.press else "onboarding.type_it"))
    return _apply(state, data, answer, today)


def _apply(state: str, data: Data, answer: Answer, today: date) -> Step:
    if answer.error is not None or answer.data is None:
        return Step(state, data, (ask(state, data, today, error=answer.error),), changed=False)
    new = dict(answer.data)
    if answer.stay:
        return Step(state, new, (ask(state, new, today),), edit=True)
    if answer.finish:
        gap = missing(new)
        if gap is None:
            return Step(None, new, (saved(new),), done=to_draft(new))
        target, note = gap, T("onboarding.missing")
    else:
        target, note = answer.goto or next_state(state, new), answer.note
    if target == "confirm":
        new["_only"] = None
    new["_seq"] = int(new.get("_seq", 0)) + 1
    return Step(target, new, (ask(target, new, today, note=note),))


def saved(data: Data) -> Message:
    """What is said once the answers are stored: when the first reminder comes."""
    if data.get("_mode") == "settings":
        return Message.say(T("onboarding.saved_settings"), T("onboarding.saved_more"))
    first = _first_dose(data)
    when = T("onboarding.saved_first", date=words.day(first), time=Raw(str(data.get("time")))) if first else None
    return Message.say(T("onboarding.saved"), *([when] if when else []), T("onboarding.saved_more"))


def _first_dose(data: Data) -> date | None:
    try:
        regimen = Regimen.from_dict(data.get("regimen") or {})
        start = date.fromisoformat(str(data.get("start")))
    except (RegimenError, ValueError):
        return None
    found = dose_dates(regimen, start, count=1)
    return found[0].date if found else None


def current_answers(
    prescription: dict[str, Any] | None, *, country: str | None, timezone: str | None, home_timezone: str | None
) -> Data:
    """Conversation data describing what is stored now, so /settings can change one part of it."""
    data: Data = {
        "country": country,
        "tz": timezone,
        "home_tz": home_timezone,
        "keep_home": home_timezone is not None,
    }
    if prescription is None:
        return data
    regimen = prescription.get("regimen") or {}
    data.update(
        product=prescription.get("product"),
        product_name=prescription.get("product_name"),
        strength=prescription.get("strength"),
        strength_other=prescription.get("strength") not in steps_product.STRENGTHS.values(),
        dose=str(prescription.get("dose_ml")),
        route=prescription.get("route"),
        # An SC choice already stored with hydroxocobalamin was confirmed when it was made.
        sc_ack=True,
        sites=list(prescription.get("sites") or []),
        regimen=regimen,
        anchor="last" if regimen.get("anchor") == "last_taken" else "cal",
        start=str(prescription.get("start_date")),
        time=prescription.get("reminder_time"),
    )
    data.update(_regimen_answers(regimen))
    return data


def _regimen_answers(regimen: dict[str, Any]) -> Data:
    # Pre-select the plan questions so an edit shows what is there now.
    template = regimen.get("template_id")
    phases = regimen.get("phases") or []
    if template in steps_regimen.TEMPLATES or len(phases) != 1:
        return {"reg": template}
    phase = phases[0]
    end = phase.get("end") or {}
    kind = "wd" if phase.get("kind") == "weekdays" else phase.get("unit")
    return {
        "reg": "custom",
        "ckind": kind,
        "cevery": phase.get("every"),
        "cwd": list(phase.get("weekdays") or []),
        "cend": end.get("kind", "open"),
        "ccount": end.get("count"),
        "cdays": end.get("days"),
    }

