"""The plan: a template from flows.regimen or a one-phase custom plan, and how the next dose is counted."""

from __future__ import annotations

from datetime import date
from typing import Any

from flows.messages import Lines, Message, Raw, T
from flows.onboarding import inputs, words
from flows.onboarding.model import Answer, Data, err, ok, stay, with_
from flows.onboarding.spec import Q, StepSpec, rows
from flows.regimen import TEMPLATES, End, Phase, Regimen, RegimenError, template_regimen
from flows.regimen.model import MAX_COUNT, MAX_DAYS, MAX_EVERY

KINDS = ("day", "week", "month", "wd")
COMMON_EVERY = {"day": (1, 2, 3, 4), "week": (1, 2, 4), "month": (1, 2, 3)}
ENDS = ("count", "duration", "open")
ANCHORS = {"cal": "calendar", "last": "last_taken"}


def template_order(country: str | None) -> list[str]:
    """Template ids, the patient's own country's guidance first."""
    ids = list(TEMPLATES)
    local = "us_" if country in ("US", "CA") else "uk_"
    return [t for t in ids if t.startswith(local)] + [t for t in ids if not t.startswith(local)]


def build(data: Data) -> dict[str, Any]:
    """The regimen JSON from the answers so far; RegimenError if the custom answers do not make one."""
    anchor = ANCHORS.get(data.get("anchor") or "cal", "calendar")
    if data.get("reg") in TEMPLATES:
        return template_regimen(data["reg"], anchor=anchor).to_dict()  # type: ignore[arg-type]
    end = {"count": lambda: End.after_doses(data["ccount"]), "duration": lambda: End.after_days(data["cdays"])}
    phase_end = end.get(data.get("cend") or "open", End.open)()
    if data.get("ckind") == "wd":
        phase = Phase.on_weekdays(data.get("cwd") or [], phase_end)
    else:
        phase = Phase.interval(data.get("cevery") or 0, data.get("ckind"), phase_end)  # type: ignore[arg-type]
    return Regimen((phase,), anchor, None).to_dict()  # type: ignore[arg-type]


def _ask_template(q: Q) -> Message:
    ids = template_order(q.data.get("country"))
    lines = [
        T("onboarding.tpl_line", name=T(f"onboarding.tpl_{t}"), plan=words.regimen(TEMPLATES[t].regimen.to_dict()))
        for t in ids
    ]
    buttons = [q.button(T(f"onboarding.tpl_{t}"), t) for t in ids]
    buttons.append(q.button(T("onboarding.tpl_custom"), "custom"))
    return Message.say(T("onboarding.reg_ask"), Lines(tuple(lines)), T("onboarding.reg_hint"), buttons=rows(buttons))


def _press_template(data: Data, value: str, today: date) -> Answer:
    if value != "custom" and value not in TEMPLATES:
        return err(T("onboarding.use_buttons"))
    return ok(with_(data, reg=value))


def _ask_kind(q: Q) -> Message:
    buttons = [q.button(T(f"onboarding.kind_{k}"), k) for k in KINDS]
    return Message.say(T("onboarding.kind_ask"), buttons=rows(buttons, 2))


def _press_kind(data: Data, value: str, today: date) -> Answer:
    if value not in KINDS:
        return err(T("onboarding.use_buttons"))
    return ok(with_(data, ckind=value))


def _ask_every(q: Q) -> Message:
    unit = q.data.get("ckind") or "day"
    buttons = [q.button(Raw(str(n)), str(n)) for n in COMMON_EVERY.get(unit, ())]
    return Message.say(T(f"onboarding.every_ask_{unit}"), buttons=rows(buttons, 4))


def _every(data: Data, text: str, today: date) -> Answer:
    unit = data.get("ckind") or "day"
    try:
        return ok(with_(data, cevery=inputs.whole(text, 1, MAX_EVERY.get(unit, 1), f"onboarding.every_err_{unit}")))
    except inputs.Invalid as exc:
        return err(exc.text)


def _ask_weekdays(q: Q) -> Message:
    chosen = q.data.get("cwd") or []
    buttons = []
    for d in range(7):
        mark = "onboarding.toggle_on" if d in chosen else "onboarding.toggle_off"
        buttons.append(q.button(T(mark, label=T(f"onboarding.wd{d}")), str(d)))
    return Message.say(
        T("onboarding.wd_ask"), buttons=[*rows(buttons, 4), [q.button(T("onboarding.done"), "done")]]
    )


def _press_weekdays(data: Data, value: str, today: date) -> Answer:
    chosen = list(data.get("cwd") or [])
    if value == "done":
        return ok(data) if chosen else err(T("onboarding.wd_err"))
    if value not in {str(d) for d in range(7)}:
        return err(T("onboarding.use_buttons"))
    day = int(value)
    chosen = [d for d in chosen if d != day] if day in chosen else sorted([*chosen, day])
    return stay(with_(data, cwd=chosen))


def _ask_end(q: Q) -> Message:
    buttons = [q.button(T(f"onboarding.end_btn_{e}"), e) for e in ENDS]
    return Message.say(T("onboarding.end_ask"), buttons=rows(buttons))


def _press_end(data: Data, value: str, today: date) -> Answer:
    if value not in ENDS:
        return err(T("onboarding.use_buttons"))
    return ok(with_(data, cend=value))


def _ask_count(q: Q) -> Message:
    return Message.say(T("onboarding.count_ask"))


def _text_count(data: Data, text: str, today: date) -> Answer:
    try:
        return ok(with_(data, ccount=inputs.whole(text, 1, MAX_COUNT, "onboarding.count_err")))
    except inputs.Invalid as exc:
        return err(exc.text)


def _ask_days(q: Q) -> Message:
    return Message.say(T("onboarding.cdays_ask"))


def _text_days(data: Data, text: str, today: date) -> Answer:
    try:
        return ok(with_(data, cdays=inputs.duration_days(text, MAX_DAYS)))
    except inputs.Invalid as exc:
        return err(exc.text)


def _ask_anchor(q: Q) -> Message:
    buttons = [
        [q.button(T("onboarding.anchor_btn_cal"), "cal")],
        [q.button(T("onboarding.anchor_btn_last"), "last")],
    ]
    return Message.say(T("onboarding.anchor_ask"), T("onboarding.anchor_hint"), buttons=buttons)


def _press_anchor(data: Data, value: str, today: date) -> Answer:
    if value not in ANCHORS:
        return err(T("onboarding.use_buttons"))
    new = with_(data, anchor=value)
    try:
        return ok(with_(new, regimen=build(new)))
    except (RegimenError, KeyError, TypeError):
        # Only reachable with answers no button offers; start the plan questions again.
        return ok(with_(new, reg=None), goto="reg", note=T("onboarding.reg_broken"))


STEPS = {
    "reg": StepSpec(_ask_template, _press_template),
    "ckind": StepSpec(_ask_kind, _press_kind),
    "cevery": StepSpec(_ask_every, _every, _every),
    "cwd": StepSpec(_ask_weekdays, _press_weekdays),
    "cend": StepSpec(_ask_end, _press_end),
    "ccount": StepSpec(_ask_count, text=_text_count),
    "cdays": StepSpec(_ask_days, text=_text_days),
    "anchor": StepSpec(_ask_anchor, _press_anchor),
}
