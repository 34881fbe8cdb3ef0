"""Dates and times as the patient reads them: local wall time, with weekday and date, through the catalogue."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flows.i18n import has_key
from flows.messages import Raw, T, Text


def clock_time(local: datetime) -> str:
    """24-hour wall time, e.g. 09:00."""
    return local.strftime("%H:%M")


def day(local: datetime) -> Text:
    """Weekday and date, e.g. Monday 2 March."""
    return T(
        "doses.date",
        weekday=T(f"doses.weekday.{local.weekday()}"),
        day=local.day,
        month=T(f"doses.month.{local.month}"),
    )


def when(local: datetime) -> Text:
    """Weekday, date and time, e.g. Monday 2 March at 09:00."""
    return T("doses.when", date=day(local), time=clock_time(local))


def amount(dose_ml: Decimal | float | str) -> str:
    """A volume without trailing zeros: 1.00 → 1, 0.50 → 0.5."""
    value = Decimal(str(dose_ml)).normalize()
    return f"{value:f}"


def product(code: str, name: str | None) -> Text | Raw:
    """The product as the patient knows it: the name they typed, else the catalogue name of the substance."""
    if name:
        return Raw(name)
    key = f"doses.product.{code}"
    return T(key) if has_key(key) else Raw(code)


def route(code: str) -> Text:
    """IM or SC spelled out."""
    return T(f"doses.route.{code.lower()}") if code.lower() in ("im", "sc") else T("doses.route.other", code=code)


def site(code: str) -> Text | Raw:
    """An injection site's name."""
    key = f"doses.site.{code}"
    return T(key) if has_key(key) else Raw(code)
