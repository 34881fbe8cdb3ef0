"""A cursor over a regimen's planned doses: which phase, which dose, which date, and what comes next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flows.regimen.intervals import first_dose_after, first_on_or_after, minimum_gap, step
from flows.regimen.model import Phase, Regimen


@dataclass(frozen=True)
class PlannedDose:
    """One planned dose: its date, phase index, 1-based number within the phase and overall."""

    date: date
    phase: int
    number_in_phase: int
    number: int


@dataclass(frozen=True)
class Slot:
    """The cursor: a planned dose plus what is needed to compute the ones after it."""

    phase: int
    k: int  # 0-based dose index within the phase
    n: int  # 0-based dose index overall
    date: date
    anchor: date  # a dose date of this phase from which later dates are computed (never chained)
    anchor_k: int
    phase_start: date  # the phase's first dose date; duration ends count from it

    @property
    def planned(self) -> PlannedDose:
        """The public view of this slot."""
        return PlannedDose(self.date, self.phase, self.k + 1, self.n + 1)


def first_slot(regimen: Regimen, start: date) -> Slot:
    """The first planned dose of a regimen started on `start`."""
    first = first_on_or_after(regimen.phases[0], start)
    return Slot(0, 0, 0, first, first, 0, first)


def following(regimen: Regimen, slot: Slot, taken_on: date | None = None) -> Slot | None:
    """The planned dose after `slot` once closed (taken on `taken_on`, or skipped/missed); None at the end."""
    # Only a last_taken regimen uses `taken_on`: the doses after it are counted from that date, not the plan.
    phase = regimen.phases[slot.phase]
    # A dose taken on its planned date changes nothing, and keeping the old anchor keeps a 31st-of-the-month
    # series on the 31st after February.
    if taken_on is not None and taken_on != slot.date and regimen.anchor == "last_taken":
        nxt, anchor, anchor_k, last = _reanchored(phase, slot, taken_on)
        phase_start = taken_on if slot.k == 0 else slot.phase_start
    else:
        nxt = step(phase, slot.anchor, slot.k + 1 - slot.anchor_k)
        anchor, anchor_k, last, phase_start = slot.anchor, slot.anchor_k, slot.date, slot.phase_start
    candidate = Slot(slot.phase, slot.k + 1, slot.n + 1, nxt, anchor, anchor_k, phase_start)
    if _within(phase, candidate):
        return candidate
    if slot.phase + 1 >= len(regimen.phases):
        return None
    new_phase = regimen.phases[slot.phase + 1]
    first = first_dose_after(new_phase, last)
    return Slot(slot.phase + 1, 0, slot.n + 1, first, first, 0, first)


def _reanchored(phase: Phase, slot: Slot, taken_on: date) -> tuple[date, date, int, date]:
    if phase.kind == "interval":
        return step(phase, taken_on, 1), taken_on, slot.k, taken_on
    # A weekdays phase keeps to its weekdays: the next one at least the minimum gap after the actual dose.
    nxt = first_on_or_after(phase, taken_on + minimum_gap(phase))
    return nxt, nxt, slot.k + 1, taken_on


def _within(phase: Phase, slot: Slot) -> bool:
    end = phase.end
    if end.kind == "count":
        return slot.k < (end.count or 0)
    if end.kind == "duration":
        return slot.date < slot.phase_start + timedelta(days=end.days or 0)
    return True
