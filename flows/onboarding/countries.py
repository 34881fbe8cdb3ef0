"""Countries: the common ones offered as buttons, and a typed name or ISO code resolved with pycountry."""

from __future__ import annotations

import re

import pycountry

from flows.messages import T
from flows.onboarding.inputs import MAX_TYPED, Invalid

# Where most of our users live (regimens.md covers UK and US guidance); anyone else types their country.
COMMON: tuple[str, ...] = ("GB", "IE", "US", "CA", "AU", "IN")
MAX_SUGGESTIONS = 6
# Names people type that ISO does not know.
ALIASES = {
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "america": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "holland": "NL",
    "turkey": "TR",
    "deutschland": "DE",
    "espana": "ES",
    "españa": "ES",
    "ivory coast": "CI",
    "south korea": "KR",
    "north korea": "KP",
}


def name(code: str) -> str:
    """The everyday English name of a country code ("GB" → "United Kingdom")."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def is_code(code: object) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code we know."""
    return isinstance(code, str) and len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


def resolve(text: str) -> str | list[str]:
    """The ISO alpha-2 code for a typed country, or a short list of candidates to choose from.

    Raises Invalid when nothing plausible matches.
    """
    raw = re.sub(r"\s+", " ", text.strip())
    if not raw or len(raw) > MAX_TYPED:
        raise Invalid(T("onboarding.country_err"))
    if raw.lower() in ALIASES:
        return ALIASES[raw.lower()]
    try:
        return pycountry.countries.lookup(raw).alpha_2
    except LookupError:
        pass
    if len(raw) < 3:
        raise Invalid(T("onboarding.country_err"))
    try:
        found = pycountry.countries.search_fuzzy(raw)
    except LookupError:
        raise Invalid(T("onboarding.country_err")) from None
    codes = [c.alpha_2 for c in found if hasattr(c, "alpha_2")]
    if not codes or len(codes) > MAX_SUGGESTIONS:
        raise Invalid(T("onboarding.country_err"))
    return codes
