"""The regimen model: phases with an end, a regimen of phases, validation and JSON round-trip."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from flows.regimen.errors import RegimenError

Unit = Literal["day", "week", "month"]
PhaseKind = Literal["interval", "weekdays"]
EndKind = Literal["count", "duration", "open"]
Anchor = Literal["calendar", "last_taken"]

UNITS: tuple[Unit, ...] = ("day", "week", "month")
ANCHORS: tuple[Anchor, ...] = ("calendar", "last_taken")
# Generous sanity limits: they catch typos (every 300 months) without second-guessing a prescriber.
MAX_EVERY: dict[str, int] = {"day": 366, "week": 104, "month": 24}
MAX_COUNT = 1000
MAX_DAYS = 3660
MAX_PHASES = 12
FORMAT_VERSION = 1


def _is_int(value: object) -> bool:
    # bool is a subclass of int, and JSON true must not pass as a dose count.
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class End:
    """When a phase ends: after `count` doses, after `days` days from its first dose, or never ("open")."""

    kind: EndKind = "open"
    count: int | None = None
    days: int | None = None

    def __post_init__(self) -> None:
        if problems := end_problems(self):
            raise RegimenError(problems)

    @classmethod
    def after_doses(cls, count: int) -> End:
        """End after `count` doses."""
        return cls("count", count=count)

    @classmethod
    def after_days(cls, days: int) -> End:
        """End `days` days after the phase's first dose (doses on day 0 … days-1)."""
        return cls("duration", days=days)

    @classmethod
    def open(cls) -> End:
        """Never end on its own: only a clinician's change of plan ends it."""
        return cls("open")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "count":
            out["count"] = self.count
        elif self.kind == "duration":
            out["days"] = self.days
        return out


def end_problems(end: End, where: str = "end") -> list[str]:
    """Every reason an End is invalid (empty if valid)."""
    if end.kind == "count":
        if end.days is not None:
            return [f"{where}: a count end takes no days"]
        if not _is_int(end.count) or not 1 <= cast(int, end.count) <= MAX_COUNT:
            return [f"{where}.count must be a whole number from 1 to {MAX_COUNT}"]
    elif end.kind == "duration":
        if end.count is not None:
            return [f"{where}: a duration end takes no count"]
        if not _is_int(end.days) or not 1 <= cast(int, end.days) <= MAX_DAYS:
            return [f"{where}.days must be a whole number from 1 to {MAX_DAYS}"]
    elif end.kind == "open":
        if end.count is not None or end.days is not None:
            return [f"{where}: an open end takes no count or days"]
    else:
        return [f"{where}.kind must be 'count', 'duration' or 'open', not {end.kind!r}"]
    return []


@dataclass(frozen=True)
class Phase:
    """One stretch of a regimen: every N days/weeks/months, or on chosen weekdays (0=Mon), until its end."""

    kind: PhaseKind
    every: int | None = None
    unit: Unit | None = None
    weekdays: tuple[int, ...] = ()
    end: End = field(default_factory=End)

    def __post_init__(self) -> None:
        if isinstance(self.weekdays, list | tuple | set | frozenset) and all(map(_is_int, self.weekdays)):
            # Normalise so that equal phases compare (and serialise) equal whatever order was typed.
            object.__setattr__(self, "weekdays", tuple(sorted(self.weekdays)))
        if problems := phase_problems(self):
            raise RegimenError(problems)

    @classmethod
    def interval(cls, every: int, unit: Unit, end: End | None = None) -> Phase:
        """Every `every` days, weeks or months."""
        return cls("interval", every=every, unit=unit, end=end or End())

    @classmethod
    def on_weekdays(cls, weekdays: tuple[int, ...] | list[int], end: End | None = None) -> Phase:
        """On the given weekdays (0=Monday … 6=Sunday) of every week."""
        return cls("weekdays", weekdays=tuple(sorted(weekdays)), end=end or End())

    @property
    def open_ended(self) -> bool:
        """Whether only a clinician's change of plan ends this phase."""
        return self.end.kind == "open"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        if self.kind == "interval":
            return {"kind": "interval", "every": self.every, "unit": self.unit, "end": self.end.to_dict()}
        return {"kind": "weekdays", "weekdays": list(self.weekdays), "end": self.end.to_dict()}


def phase_problems(phase: Phase, where: str = "phase") -> list[str]:
    """Every reason a Phase is invalid (empty if valid)."""
    problems: list[str] = []
    if phase.kind == "interval":
        if phase.unit not in UNITS:
            problems.append(f"{where}.unit must be 'day', 'week' or 'month', not {phase.unit!r}")
        else:
            top = MAX_EVERY[phase.unit]
            if not _is_int(phase.every) or not 1 <= cast(int, phase.every) <= top:
                problems.append(f"{where}.every must be a whole number from 1 to {top} for unit {phase.unit!r}")
        if phase.weekdays:
            problems.append(f"{where}: an interval phase takes no weekdays")
    elif phase.kind == "weekdays":
        days = phase.weekdays
        if not days:
            problems.append(f"{where}.weekdays must name at least one weekday")
        elif not all(_is_int(d) and 0 <= d <= 6 for d in days):
            problems.append(f"{where}.weekdays must be numbers 0 (Monday) to 6 (Sunday)")
        elif len(set(days)) != len(days):
            problems.append(f"{where}.weekdays must not repeat a day")
        if phase.every is not None or phase.unit is not None:
            problems.append(f"{where}: a weekdays phase takes no every/unit")
    else:
        problems.append(f"{where}.kind must be 'interval' or 'weekdays', not {phase.kind!r}")
    if not isinstance(phase.end, End):
        problems.append(f"{where}.end must be an End")
    return problems


@dataclass(frozen=True)
class Regimen:
    """A prescribed plan: phases in order, how the next dose is counted, and the template it came from."""

    phases: tuple[Phase, ...]
    anchor: Anchor = "calendar"
    template_id: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.phases, list):
            object.__setattr__(self, "phases", tuple(self.phases))
        if problems := regimen_problems(self):
            raise RegimenError(problems)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, stored in the database."""
        return {
            "version": FORMAT_VERSION,
            "phases": [p.to_dict() for p in self.phases],
            "anchor": self.anchor,
            "template_id": self.template_id,
        }

    def from_phase(self, index: int) -> Regimen:
        """The plan from phase `index` on: what "my clinician moved me to the next phase" stores."""
        if not 0 <= index < len(self.phases):
            raise RegimenError([f"there is no phase {index}"])
        return Regimen(self.phases[index:], self.anchor, self.template_id)

    def with_phase(self, index: int, phase: Phase) -> Regimen:
        """The same plan with one phase replaced (e.g. other weekdays); template_id stays as provenance."""
        if not 0 <= index < len(self.phases):
            raise RegimenError([f"there is no phase {index}"])
        return Regimen((*self.phases[:index], phase, *self.phases[index + 1 :]), self.anchor, self.template_id)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Regimen:
        """Rebuild from stored JSON; raises RegimenError listing every problem."""
        problems = validate(data)
        if problems:
            raise RegimenError(problems)
        return cls(
            phases=tuple(_phase_from(p) for p in data["phases"]),
            anchor=data.get("anchor", "calendar"),
            template_id=data.get("template_id"),
        )


def regimen_problems(regimen: Regimen) -> list[str]:
    """Every reason a Regimen is invalid (empty if valid)."""
    problems: list[str] = []
    if not regimen.phases:
        problems.append("a regimen needs at least one phase")
    if len(regimen.phases) > MAX_PHASES:
        problems.append(f"a regimen has at most {MAX_PHASES} phases")
    if not all(isinstance(p, Phase) for p in regimen.phases):
        problems.append("phases must be Phase objects")
    if regimen.anchor not in ANCHORS:
        problems.append(f"anchor must be 'calendar' or 'last_taken', not {regimen.anchor!r}")
    if regimen.template_id is not None and not isinstance(regimen.template_id, str):
        problems.append("template_id must be text or null")
    return problems


def validate(data: Mapping[str, Any]) -> list[str]:
    """Check a regimen in its JSON form; return every problem found (empty if it is valid)."""
    if not isinstance(data, Mapping):
        return ["a regimen must be a JSON object"]
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        return [f"unsupported regimen format version {version!r}"]
    phases = data.get("phases")
    if not isinstance(phases, list) or not phases:
        return ["phases must be a non-empty list"]
    problems: list[str] = []
    for i, raw in enumerate(phases):
        try:
            _phase_from(raw, f"phases[{i}]")
        except RegimenError as exc:
            problems.extend(exc.problems)
    if len(phases) > MAX_PHASES:
        problems.append(f"a regimen has at most {MAX_PHASES} phases")
    if data.get("anchor", "calendar") not in ANCHORS:
        problems.append(f"anchor must be 'calendar' or 'last_taken', not {data.get('anchor')!r}")
    template_id = data.get("template_id")
    if template_id is not None and not isinstance(template_id, str):
        problems.append("template_id must be text or null")
    return problems


def _unchecked(cls: type, **values: object) -> Any:
    # Build without __post_init__ so problems can carry the JSON path instead of a bare "phase".
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


def _phase_from(raw: object, where: str = "phase") -> Phase:
    if not isinstance(raw, Mapping):
        raise RegimenError([f"{where} must be a JSON object"])
    end_raw = raw.get("end", {"kind": "open"})
    if not isinstance(end_raw, Mapping):
        raise RegimenError([f"{where}.end must be a JSON object"])
    end = _unchecked(End, kind=end_raw.get("kind"), count=end_raw.get("count"), days=end_raw.get("days"))
    weekdays = raw.get("weekdays", [])
    if not isinstance(weekdays, list | tuple):
        raise RegimenError([f"{where}.weekdays must be a list"])
    fields = {"kind": raw.get("kind"), "every": raw.get("every"), "unit": raw.get("unit")}
    phase = _unchecked(Phase, **fields, weekdays=tuple(weekdays), end=end)
    problems = end_problems(end, f"{where}.end") + phase_problems(phase, where)
    if problems:
        raise RegimenError(problems)
    return Phase(phase.kind, phase.every, phase.unit, phase.weekdays, End(end.kind, end.count, end.days))
