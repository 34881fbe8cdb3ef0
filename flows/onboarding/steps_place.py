"""Where the patient lives: country (ISO code) and time zone (IANA name), and travelling vs moving."""

from __future__ import annotations

from datetime import date

from flows.messages import Message, Raw, T
from flows.onboarding import countries
from flows.onboarding.inputs import Invalid
from flows.onboarding.model import Answer, Data, err, ok, with_
from flows.onboarding.spec import Q, StepSpec, rows
from flows.regimen import ParseError, parse_tz, tz_name, zones_for_country

MAX_ZONE_BUTTONS = 6


def zones(country: str | None) -> list[str]:
    """The IANA zones of a country, or none if we do not know the country."""
    try:
        return zones_for_country(country or "")
    except ParseError:
        return []


def zone_label(zone: str) -> Raw:
    """A zone button label: its city ("America/New_York" → "New York")."""
    return Raw(zone.rsplit("/", 1)[-1].replace("_", " "))


def _ask_country(q: Q) -> Message:
    candidates = q.data.get("_cands") or []
    current = q.data.get("country")
    own = [current] if current and current not in countries.COMMON else []
    codes = candidates or [*own, *countries.COMMON]
    buttons = [q.button(Raw(countries.name(c)), c) for c in codes]
    text = T("onboarding.country_pick") if candidates else T("onboarding.country_ask")
    return Message.say(text, buttons=rows(buttons, 2))


def _country(data: Data, code: str) -> Answer:
    code = code.upper()
    if not countries.is_code(code):
        return err(T("onboarding.country_err"))
    new = with_(data, country=code, _cands=None)
    if data.get("tz") and data.get("country") != code and data["tz"] not in zones(code):
        new["tz"] = None
    return ok(new)


def _press_country(data: Data, value: str, today: date) -> Answer:
    return _country(data, value)


def _text_country(data: Data, text: str, today: date) -> Answer:
    try:
        found = countries.resolve(text)
    except Invalid as exc:
        return err(exc.text)
    if isinstance(found, str):
        return _country(data, found)
    return ok(with_(data, _cands=found), goto="country")


def _ask_tz(q: Q) -> Message:
    options = zones(q.data.get("country"))
    name = Raw(countries.name(q.data.get("country") or ""))
    if 0 < len(options) <= MAX_ZONE_BUTTONS:
        buttons = [q.button(zone_label(z), z) for z in options]
        return Message.say(T("onboarding.tz_pick", country=name), buttons=rows(buttons, 2))
    example = zone_label(options[0]) if options else Raw("London")
    return Message.say(T("onboarding.tz_type", country=name, example=example))


def _tz(data: Data, text: str) -> Answer:
    try:
        zone = tz_name(parse_tz(text[:80]))
    except (ParseError, ValueError):
        options = zones(data.get("country"))
        return err(T("onboarding.tz_err", example=zone_label(options[0]) if options else Raw("London")))
    return ok(with_(data, tz=zone))


def _press_tz(data: Data, value: str, today: date) -> Answer:
    if value not in zones(data.get("country")):
        return err(T("onboarding.tz_err", example=Raw("London")))
    return _tz(data, value)


def _text_tz(data: Data, text: str, today: date) -> Answer:
    return _tz(data, text)


def _ask_travel(q: Q) -> Message:
    return Message.say(
        T("onboarding.travel_ask", home=Raw(str(q.data.get("home_tz"))), zone=Raw(str(q.data.get("tz")))),
        buttons=[[q.button(T("onboarding.travel_keep"), "keep")], [q.button(T("onboarding.travel_move"), "move")]],
    )


def _press_travel(data: Data, value: str, today: date) -> Answer:
    if value == "keep":
        return ok(data)
    if value == "move":
        return ok(with_(data, home_tz=data.get("tz")))
    return err(T("onboarding.use_buttons"))


def needs_travel_question(data: Data) -> bool:
    """A new zone while "keep home time" is on: travelling (keep home time) or moved (new home)?"""
    return bool(data.get("keep_home") and data.get("home_tz") and data.get("home_tz") != data.get("tz"))


STEPS = {
    "country": StepSpec(_ask_country, _press_country, _text_country),
    "tz": StepSpec(_ask_tz, _press_tz, _text_tz),
    "travel": StepSpec(_ask_travel, _press_travel),
}
