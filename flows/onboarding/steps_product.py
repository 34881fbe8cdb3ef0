"""What is injected and how: product, strength, dose volume, route, and the sites the patient was trained on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flows.messages import Message, Raw, T
from flows.onboarding import inputs, words
from flows.onboarding.model import Answer, Data, err, ok, stay, with_
from flows.onboarding.spec import Q, StepSpec, rows

STRENGTHS = {"1mg": "1 mg/mL", "1000mcg": "1000 mcg/mL", "100mcg": "100 mcg/mL"}
# Deltoid (upper arm) is not for more than 1 mL (regimens.md).
UPPER_ARM_MAX_ML = Decimal(1)


def dose(data: Data) -> Decimal | None:
    """The dose volume chosen so far."""
    raw = data.get("dose")
    return Decimal(raw) if raw else None


def sites_offered(data: Data) -> tuple[str, ...]:
    """The sites to offer: the upper arm only for doses up to 1 mL."""
    volume = dose(data)
    big = volume is not None and volume > UPPER_ARM_MAX_ML
    return tuple(s for s in words.SITES if not (s == "upper_arm" and big))


def sites_valid(data: Data) -> bool:
    """At least one site, every one of them offered for this dose."""
    chosen = data.get("sites") or []
    return bool(chosen) and all(s in sites_offered(data) for s in chosen)


def sc_warning_due(data: Data) -> bool:
    """Hydroxocobalamin is labelled IM only: SC needs an explicit "my prescriber said so"."""
    return data.get("product") == "hydroxocobalamin" and data.get("route") == "sc" and not data.get("sc_ack")


def _ask_product(q: Q) -> Message:
    buttons = [q.button(T(f"onboarding.product_btn_{k}"), k) for k in words.PRODUCTS]
    return Message.say(T("onboarding.product_ask"), buttons=rows(buttons))


def _press_product(data: Data, value: str, today: date) -> Answer:
    if value not in words.PRODUCTS:
        return err(T("onboarding.use_buttons"))
    product = words.PRODUCTS[value]
    new = with_(data, product=product, sc_ack=False)
    if product != "other":
        new["product_name"] = None
    return ok(new)


def _ask_pname(q: Q) -> Message:
    return Message.say(T("onboarding.pname_ask"))


def _text_pname(data: Data, text: str, today: date) -> Answer:
    try:
        return ok(with_(data, product_name=inputs.product_name(text)))
    except inputs.Invalid as exc:
        return err(exc.text)


def _ask_strength(q: Q) -> Message:
    buttons = [q.button(Raw(label), key) for key, label in STRENGTHS.items()]
    buttons.append(q.button(T("onboarding.strength_other"), "other"))
    return Message.say(T("onboarding.strength_ask"), buttons=rows(buttons, 3))


def _press_strength(data: Data, value: str, today: date) -> Answer:
    if value == "other":
        return ok(with_(data, strength_other=True))
    if value not in STRENGTHS:
        return err(T("onboarding.use_buttons"))
    return ok(with_(data, strength=STRENGTHS[value], strength_other=False))


def _ask_strength_typed(q: Q) -> Message:
    return Message.say(T("onboarding.strt_ask"))


def _text_strength(data: Data, text: str, today: date) -> Answer:
    try:
        return ok(with_(data, strength=inputs.strength(text)))
    except inputs.Invalid as exc:
        return err(exc.text)


def _ask_dose(q: Q) -> Message:
    return Message.say(T("onboarding.dose_ask"))


def _text_dose(data: Data, text: str, today: date) -> Answer:
    try:
        volume = inputs.dose_ml(text)
    except inputs.Invalid as exc:
        return err(exc.text)
    new = with_(data, dose=str(volume))
    sites = list(data.get("sites") or [])
    if volume > UPPER_ARM_MAX_ML and "upper_arm" in sites:
        sites.remove("upper_arm")
        return ok(with_(new, sites=sites), note=T("onboarding.arm_dropped"))
    return ok(new)


def _ask_route(q: Q) -> Message:
    buttons = [q.button(T(f"onboarding.route_btn_{r}"), r) for r in words.ROUTES]
    return Message.say(T("onboarding.route_ask"), buttons=rows(buttons))


def _press_route(data: Data, value: str, today: date) -> Answer:
    if value not in words.ROUTES:
        return err(T("onboarding.use_buttons"))
    return ok(with_(data, route=value, sc_ack=False))


def _ask_route_warning(q: Q) -> Message:
    return Message.say(
        T("onboarding.sc_warning"),
        buttons=[[q.button(T("onboarding.sc_keep"), "keep")], [q.button(T("onboarding.sc_change"), "im")]],
    )


def _press_route_warning(data: Data, value: str, today: date) -> Answer:
    if value == "keep":
        return ok(with_(data, sc_ack=True))
    if value == "im":
        return ok(with_(data, route="im", sc_ack=False))
    return err(T("onboarding.use_buttons"))


def _ask_sites(q: Q) -> Message:
    chosen = q.data.get("sites") or []
    buttons = []
    for site in sites_offered(q.data):
        mark = "onboarding.toggle_on" if site in chosen else "onboarding.toggle_off"
        buttons.append(q.button(T(mark, label=words.site(site)), site))
    buttons.append(q.button(T("onboarding.done"), "done"))
    return Message.say(T("onboarding.sites_ask"), buttons=rows(buttons))


def _press_sites(data: Data, value: str, today: date) -> Answer:
    chosen = [s for s in (data.get("sites") or []) if s in sites_offered(data)]
    if value == "done":
        return ok(with_(data, sites=chosen)) if chosen else err(T("onboarding.sites_err"))
    if value not in sites_offered(data):
        return err(T("onboarding.use_buttons"))
    chosen = [s for s in chosen if s != value] if value in chosen else [*chosen, value]
    # Keep the catalogue order so the summary reads the same however they were tapped.
    return stay(with_(data, sites=[s for s in words.SITES if s in chosen]))


STEPS = {
    "prod": StepSpec(_ask_product, _press_product),
    "pname": StepSpec(_ask_pname, text=_text_pname),
    "str": StepSpec(_ask_strength, _press_strength, _text_strength),
    "strt": StepSpec(_ask_strength_typed, text=_text_strength),
    "dose": StepSpec(_ask_dose, text=_text_dose),
    "route": StepSpec(_ask_route, _press_route),
    "rwarn": StepSpec(_ask_route_warning, _press_route_warning),
    "sites": StepSpec(_ask_sites, _press_sites),
}
