"""The regimen engine: B12 injection plans, their dose schedules, and local wall time for reminders. Pure."""

from flows.regimen.cursor import PlannedDose
from flows.regimen.errors import ParseError, RegimenError
from flows.regimen.intervals import add_months, first_dose_after, minimum_gap
from flows.regimen.localtime import local_date, to_local, to_utc
from flows.regimen.model import End, Phase, Regimen, validate
from flows.regimen.parse import parse_date, parse_time
from flows.regimen.schedule import (
    ClosedDose,
    Reconciliation,
    dose_dates,
    earliest_allowed,
    next_dose,
    reconcile,
    upcoming,
)
from flows.regimen.templates import TEMPLATES, Template, route_warning_key, template_regimen
from flows.regimen.timezones import parse_tz, tz_name, zones_for_country

__all__ = [
    "TEMPLATES",
    "ClosedDose",
    "End",
    "ParseError",
    "Phase",
    "PlannedDose",
    "Reconciliation",
    "Regimen",
    "RegimenError",
    "Template",
    "add_months",
    "dose_dates",
    "earliest_allowed",
    "first_dose_after",
    "local_date",
    "minimum_gap",
    "next_dose",
    "parse_date",
    "parse_time",
    "parse_tz",
    "reconcile",
    "route_warning_key",
    "template_regimen",
    "to_local",
    "to_utc",
    "tz_name",
    "upcoming",
    "validate",
    "zones_for_country",
]
