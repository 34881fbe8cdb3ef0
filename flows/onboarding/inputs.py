"""Reading typed answers: a dose in mL, a strength, a product name, a whole number, a duration."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flows.messages import T, Text

MAX_DOSE_ML = Decimal(5)
# Longer than any answer we ask for; a pasted paragraph is refused before we try to read it.
MAX_TYPED = 80
_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)?|[.,]\d+)\s*(?:ml|millilitres?|milliliters?)?\.?$", re.IGNORECASE)
_STRENGTH = re.compile(
    r"^(\d+(?:[.,]\d+)?)\s*(mcg|µg|μg|ug|micrograms?|mg|milligrams?)\s*(?:/|per|in)\s*(\d+(?:[.,]\d+)?)?\s*ml$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^(\d{1,4})\s*(days?|d|weeks?|wks?|w)$", re.IGNORECASE)


class Invalid(ValueError):
    """A typed answer we cannot use; `text` says why, with an example."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.key)
        self.text = text


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


def dose_ml(text: str) -> Decimal:
    """A dose volume such as "1", "0.5", "0,5 ml"; more than 0, at most 5 mL, at most two decimals."""
    raw = _clean(text)
    match = _NUMBER.match(raw) if len(raw) <= MAX_TYPED else None
    if match is None:
        if raw.startswith("-"):
            raise Invalid(T("onboarding.dose_err_positive"))
        raise Invalid(T("onboarding.dose_err_number"))
    try:
        value = Decimal(match[1].replace(",", "."))
    except InvalidOperation:
        raise Invalid(T("onboarding.dose_err_number")) from None
    if value <= 0:
        raise Invalid(T("onboarding.dose_err_positive"))
    if value > MAX_DOSE_ML:
        raise Invalid(T("onboarding.dose_err_big", most=str(MAX_DOSE_ML)))
    if value != value.quantize(Decimal("0.01")):
        raise Invalid(T("onboarding.dose_err_precise"))
    return value.quantize(Decimal("0.01"))


def strength(text: str) -> str:
    """A strength such as "500 mcg/mL", "1mg/ml" or "1 mg/2 mL", normalised to "500 mcg/mL"."""
    raw = _clean(text)
    match = _STRENGTH.match(raw) if len(raw) <= MAX_TYPED else None
    if match is None:
        raise Invalid(T("onboarding.strength_err"))
    amount, unit, volume = match[1].replace(",", "."), match[2].lower(), match[3]
    if Decimal(amount) <= 0 or (volume is not None and Decimal(volume.replace(",", ".")) <= 0):
        raise Invalid(T("onboarding.strength_err"))
    unit = "mg" if unit.startswith(("mg", "milli")) else "mcg"
    per = f"{volume.replace(',', '.')} mL" if volume and volume not in ("1", "1.0") else "mL"
    return f"{amount} {unit}/{per}"[:40]


def product_name(text: str) -> str:
    """A product name as typed: one short line with at least one letter."""
    raw = _clean(text)
    if not raw or len(raw) > MAX_TYPED or not any(c.isalpha() for c in raw):
        raise Invalid(T("onboarding.pname_err"))
    return raw


def whole(text: str, low: int, high: int, error: str) -> int:
    """A whole number from `low` to `high`; `error` is the catalogue key said otherwise."""
    raw = _clean(text)
    if not re.fullmatch(r"\d{1,6}", raw) or not low <= int(raw) <= high:
        raise Invalid(T(error, low=low, high=high))
    return int(raw)


def duration_days(text: str, high: int) -> int:
    """A duration such as "2 weeks" or "10 days", in days (1 … high)."""
    match = _DURATION.match(_clean(text)) if len(text) <= MAX_TYPED else None
    if match is None:
        raise Invalid(T("onboarding.cdays_err"))
    days = int(match[1]) * (7 if match[2].lower().startswith("w") else 1)
    if not 1 <= days <= high:
        raise Invalid(T("onboarding.cdays_err"))
    return days
