"""Named regimen templates from /work/shared/clinical/regimens.md; the prescriber's instructions always win."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from flows.regimen.model import End, Phase, Regimen

# Choices made where the sources give a range or leave something open:
# - "3 times a week" is Monday/Wednesday/Friday by default; the patient can pick other weekdays.
# - Where a source gives a range, a template takes the end with fewer, further-apart injections (US label:
#   daily for 6 doses, not 7; every 4 days, not 3; for 2 weeks, not 3). The bot then never prompts an
#   injection that the prescriber's own range might not include; a patient told "7 days" or "every 3 days"
#   builds a custom regimen (same phases, other numbers).
# - "Every other day for 2 weeks" is a 14-day duration from the phase's first dose (doses on days 0–12, 7 doses).
# - The UK neurological loading phase is open-ended: the bot keeps reminding every other day until the patient
#   reports that the clinician moved them on (see Regimen.from_phase and first_dose_after).
# - Every template counts from the calendar; whether to count from the last dose taken is the prescriber's
#   call, so the patient switches `anchor` when told to.

Substance = Literal["hydroxocobalamin", "cyanocobalamin"]
Route = Literal["im", "sc"]

# The routes each substance is labelled for (regimens.md: hydroxocobalamin IM only; cyanocobalamin IM or deep SC).
LABELLED_ROUTES: dict[Substance, tuple[Route, ...]] = {
    "hydroxocobalamin": ("im",),
    "cyanocobalamin": ("im", "sc"),
}


@dataclass(frozen=True)
class Template:
    """A named starting regimen with the product and route it usually goes with."""

    id: str
    regimen: Regimen
    substance: Substance
    strength_mcg: int
    routes: tuple[Route, ...]  # the usual route first

    @property
    def label_key(self) -> str:
        """Catalogue key of the template's name, e.g. regimen.template.uk_neuro."""
        return f"regimen.template.{self.id}"


def route_warning_key(substance: Substance, route: Route) -> str | None:
    """Catalogue key of a "check with your prescriber" warning for an off-label route, else None."""
    if route in LABELLED_ROUTES[substance]:
        return None
    return f"regimen.warning.{substance}_{route}"


def _mwf_times(count: int) -> Phase:
    return Phase.on_weekdays((0, 2, 4), End.after_doses(count))


def _every(n: int, unit: Literal["day", "week", "month"], end: End | None = None) -> Phase:
    return Phase.interval(n, unit, end or End.open())


def _template(
    tid: str, phases: tuple[Phase, ...], substance: Substance, mcg: int, routes: tuple[Route, ...]
) -> Template:
    return Template(tid, Regimen(phases, "calendar", tid), substance, mcg, routes)


_UK_LOADING_MWF = _mwf_times(6)  # 3 times a week for 2 weeks = 6 doses
_UK_LOADING_ALT_DAYS = _every(2, "day", End.after_days(14))  # every other day for 2 weeks

_ALL = (
    _template("uk_no_neuro_2m", (_UK_LOADING_MWF, _every(2, "month")), "hydroxocobalamin", 1000, ("im",)),
    _template("uk_no_neuro_3m", (_UK_LOADING_MWF, _every(3, "month")), "hydroxocobalamin", 1000, ("im",)),
    _template("uk_neuro", (_every(2, "day"), _every(2, "month")), "hydroxocobalamin", 1000, ("im",)),
    _template("uk_nhs_page", (_UK_LOADING_ALT_DAYS, _every(3, "month")), "hydroxocobalamin", 1000, ("im",)),
    _template("uk_nhs_page_diet", (_UK_LOADING_ALT_DAYS, _every(6, "month")), "hydroxocobalamin", 1000, ("im",)),
    _template(
        "us_label",
        (
            _every(1, "day", End.after_doses(6)),
            _every(2, "day", End.after_doses(7)),
            _every(4, "day", End.after_days(14)),
            _every(1, "month"),
        ),
        "cyanocobalamin",
        100,
        ("im", "sc"),
    ),
    # CDC as quoted: 1,000 mcg, SC suggested to reduce burning, so SC is listed first.
    _template(
        "us_cdc", (_every(1, "week", End.after_doses(8)), _every(1, "month")), "cyanocobalamin", 1000, ("sc", "im")
    ),
)

TEMPLATES: dict[str, Template] = {t.id: t for t in _ALL}


def template_regimen(template_id: str, *, anchor: Literal["calendar", "last_taken"] = "calendar") -> Regimen:
    """The regimen of a template, with the anchor the prescriber chose; KeyError for an unknown id."""
    return replace(TEMPLATES[template_id].regimen, anchor=anchor)
