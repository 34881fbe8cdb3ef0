"""Turning finished conversation data into a PrescriptionDraft, and finding what is still missing."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal, InvalidOperation

from flows.onboarding import countries, words
from flows.onboarding.model import Data, PrescriptionDraft
from flows.onboarding.steps_product import sc_warning_due, sites_valid
from flows.regimen import Regimen, RegimenError


def _regimen_ok(data: Data) -> bool:
    try:
        Regimen.from_dict(data.get("regimen") or {})
    except (RegimenError, TypeError):
        return False
    return True


def _dose_ok(data: Data) -> bool:
    try:
        return Decimal(data.get("dose") or "0") > 0
    except InvalidOperation:
        return False


def _date_ok(raw: object) -> bool:
    try:
        date.fromisoformat(str(raw))
    except ValueError:
        return False
    return True


def _time_ok(raw: object) -> bool:
    try:
        time.fromisoformat(str(raw))
    except ValueError:
        return False
    return len(str(raw)) == 5


def missing(data: Data) -> str | None:
    """The first question whose answer is missing or unsafe; None when the draft is complete."""
    checks = (
        ("country", countries.is_code(data.get("country"))),
        ("tz", bool(data.get("tz"))),
        ("prod", data.get("product") in words.PRODUCTS.values()),
        ("pname", data.get("product") != "other" or bool(data.get("product_name"))),
        ("str", bool(data.get("strength"))),
        ("dose", _dose_ok(data)),
        ("route", data.get("route") in words.ROUTES),
        ("rwarn", not sc_warning_due(data)),
        ("sites", sites_valid(data)),
        ("reg", _regimen_ok(data)),
        ("start", _date_ok(data.get("start"))),
        ("time", _time_ok(data.get("time"))),
    )
    return next((state for state, fine in checks if not fine), None)


def to_draft(data: Data) -> PrescriptionDraft:
    """The prescription as confirmed; call only when `missing(data)` is None."""
    keep_home = data.get("keep_home", True)
    return PrescriptionDraft(
        product=data["product"],
        product_name=data.get("product_name") if data["product"] == "other" else None,
        strength=data["strength"],
        dose_ml=Decimal(data["dose"]),
        route=data["route"],
        sites=tuple(data["sites"]),
        regimen=Regimen.from_dict(data["regimen"]).to_dict(),
        start_date=date.fromisoformat(data["start"]),
        reminder_time=data["time"],
        country=data["country"],
        timezone=data["tz"],
        home_timezone=(data.get("home_tz") or data["tz"]) if keep_home else None,
        review_done=bool(data.get("_review")),
    )
