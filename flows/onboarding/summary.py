"""The summary to confirm before anything is stored, and the "change something" menu."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flows.messages import Lines, Message, Raw, T, Text
from flows.onboarding import countries, words
from flows.onboarding.model import Answer, Data, err, ok, with_
from flows.onboarding.order import GROUPS, first_of
from flows.onboarding.spec import Q, StepSpec, rows
from flows.onboarding.steps_when import skipped_day
from flows.regimen import TEMPLATES


def lines(data: Data) -> Lines:
    """Everything answered, one plain line each."""
    items: list[Text | Raw] = [
        T("onboarding.sum_product", product=words.product(data), strength=Raw(str(data.get("strength")))),
        T("onboarding.sum_dose", dose=Raw(_ml(data.get("dose")))),
        T("onboarding.sum_route", route=words.route(data.get("route"))),
        T("onboarding.sum_sites", sites=_sites(data.get("sites") or [])),
    ]
    template = (data.get("regimen") or {}).get("template_id")
    plan = words.regimen(data.get("regimen") or {})
    if template in TEMPLATES:
        items.append(T("onboarding.sum_template", name=T(f"onboarding.tpl_{template}"), plan=plan))
    else:
        items.append(T("onboarding.sum_plan", plan=plan))
    items.append(T("onboarding.sum_anchor", anchor=words.anchor((data.get("regimen") or {}).get("anchor"))))
    if data.get("start"):
        items.append(T("onboarding.sum_start", date=words.day(date.fromisoformat(data["start"]))))
    items.append(T("onboarding.sum_time", time=Raw(str(data.get("time")))))
    items.append(T("onboarding.sum_country", country=Raw(countries.name(str(data.get("country"))))))
    items.append(T("onboarding.sum_tz", tz=Raw(str(data.get("tz")))))
    home = data.get("home_tz")
    if data.get("keep_home", True) and home and home != data.get("tz"):
        items.append(T("onboarding.sum_home", home=Raw(home)))
    return Lines(tuple(items))


def _ml(raw: object) -> str:
    # "1.00" reads better as "1", "0.50" as "0.5".
    value = Decimal(str(raw or 0)).normalize()
    return format(value, "f")


def _sites(codes: list[str]) -> Text | Raw:
    if not codes:
        return Raw("—")
    out: Text = words.site(codes[0])
    for code in codes[1:]:
        out = T("onboarding.comma", a=out, b=words.site(code))
    return out


def notes(data: Data) -> list[Text]:
    """Things worth knowing before saving: an SC warning overridden, a reminder time that clocks skip."""
    out: list[Text] = []
    if data.get("product") == "hydroxocobalamin" and data.get("route") == "sc":
        out.append(T("onboarding.note_sc"))
    if data.get("start"):
        gap = skipped_day(data.get("tz"), data.get("time"), date.fromisoformat(data["start"]))
        if gap is not None:
            out.append(T("onboarding.note_gap", date=words.day(gap), time=Raw(str(data.get("time")))))
    return out


def _ask_confirm(q: Q) -> Message:
    settings = q.data.get("_mode") == "settings"
    intro = T("onboarding.sum_intro_settings" if settings else "onboarding.sum_intro")
    buttons = [
        [q.button(T("onboarding.save_settings" if settings else "onboarding.save"), "yes")],
        [q.button(T("onboarding.change"), "edit")],
    ]
    return Message.say(intro, lines(q.data), *notes(q.data), T("onboarding.sum_cancel"), buttons=buttons)


def _press_confirm(data: Data, value: str, today: date) -> Answer:
    if value == "yes":
        return Answer(data=data, finish=True)
    if value == "edit":
        return ok(data, goto="fix")
    return err(T("onboarding.use_buttons"))


def _ask_fix(q: Q) -> Message:
    buttons = [q.button(T(f"onboarding.group_{g}"), g) for g in GROUPS]
    buttons.append(q.button(T("onboarding.back_to_summary"), "back"))
    return Message.say(T("onboarding.fix_ask"), buttons=rows(buttons, 2))


def _press_fix(data: Data, value: str, today: date) -> Answer:
    if value == "back":
        return ok(data, goto="confirm")
    if value not in GROUPS:
        return err(T("onboarding.use_buttons"))
    new = with_(data, _only=value)
    return ok(new, goto=first_of(value, new))


STEPS = {
    "confirm": StepSpec(_ask_confirm, _press_confirm),
    "fix": StepSpec(_ask_fix, _press_fix),
}
