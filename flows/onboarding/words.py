"""Plain-words pieces shared by the questions and the summary: dates, products, sites, regimens."""

from __future__ import annotations

from datetime import date
from typing import Any

from flows.messages import Raw, T, Text
from flows.regimen import Phase, Regimen, RegimenError

PRODUCTS = {"cyano": "cyanocobalamin", "hydroxo": "hydroxocobalamin", "other": "other"}
SITES = ("thigh", "outer_hip", "upper_arm", "buttock")
ROUTES = ("im", "sc")


def day(d: date) -> Text:
    """A date as "Mon 2 Mar 2026"."""
    weekday, month = T(f"onboarding.wd{d.weekday()}"), T(f"onboarding.m{d.month}")
    return T("onboarding.date", wd=weekday, day=d.day, month=month, year=d.year)


def typed_day(d: date) -> Text:
    """A date the way a patient could type it back, "9 Mar" (parse_date reads it)."""
    return T("onboarding.date_typed", day=d.day, month=T(f"onboarding.m{d.month}"))


def product(data: dict[str, Any]) -> Text | Raw:
    """The product in words: the substance, or the name typed for another product."""
    if data.get("product") == "other":
        return Raw(str(data.get("product_name") or ""))
    return T(f"onboarding.product_{data.get('product')}")


def route(code: str | None) -> Text:
    """IM or SC in words."""
    return T(f"onboarding.route_{code}")


def site(code: str) -> Text:
    """An injection site in words."""
    return T(f"onboarding.site_{code}")


def weekdays(days: list[int] | tuple[int, ...]) -> Text:
    """Weekday numbers (0 = Monday) as "Mon, Wed, Fri"."""
    return _join([T(f"onboarding.wd{d}") for d in days])


def _join(items: list[Text]) -> Text:
    # Joined by a catalogue separator so a language can choose its own.
    out = items[0]
    for item in items[1:]:
        out = T("onboarding.comma", a=out, b=item)
    return out


def phase(p: Phase) -> Text:
    """How often one phase doses, e.g. "every 2 months" or "on Mon, Wed, Fri"."""
    if p.kind == "weekdays":
        return T("onboarding.on_days", days=weekdays(p.weekdays))
    if p.every == 1:
        return T(f"onboarding.every_{p.unit}")
    if p.every == 2 and p.unit == "day":
        return T("onboarding.every_other_day")
    return T(f"onboarding.every_n_{p.unit}s", n=p.every)


def _phase_with_end(p: Phase, last: bool, only: bool) -> Text:
    how = phase(p)
    end = p.end
    if end.kind == "count":
        return T("onboarding.end_count_one" if end.count == 1 else "onboarding.end_count", phase=how, n=end.count)
    if end.kind == "duration":
        days = end.days or 0
        if days % 7 == 0:
            key = "onboarding.end_week" if days == 7 else "onboarding.end_weeks"
            return T(key, phase=how, n=days // 7)
        return T("onboarding.end_days", phase=how, n=days)
    key = "onboarding.end_open_only" if only else "onboarding.end_open_last" if last else "onboarding.end_open_next"
    return T(key, phase=how)


def regimen(data: dict[str, Any]) -> Text:
    """A whole regimen in one sentence: "3 times a week … for 6 doses, then every 2 months, ongoing"."""
    try:
        reg = Regimen.from_dict(data)
    except RegimenError:
        return T("onboarding.regimen_unknown")
    count = len(reg.phases)
    parts = [_phase_with_end(p, i == count - 1, count == 1) for i, p in enumerate(reg.phases)]
    out = parts[0]
    for part in parts[1:]:
        out = T("onboarding.then", a=out, b=part)
    return out


def anchor(code: str | None) -> Text:
    """How the next dose is counted, in words."""
    return T("onboarding.anchor_last_words" if code == "last_taken" else "onboarding.anchor_calendar_words")
