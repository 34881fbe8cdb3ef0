"""Which question comes next, derived from the answers so far (so a restart resumes at the right place).

```mermaid
flowchart LR
    open[How are you? + red-flag list] -->|None of these| site[Injection spot list]
    open -->|an item| urgent[URGENT]
    open -->|Not sure| unsure[Which one?] --> check[Concrete check, 90 s] -->|No| open
    check -->|Yes / Still not sure / silence| urgent
    site --> detail[Detail question] --> site
    site -->|Nothing| tech[Went as trained?] --> body[Whole-body list] --> time[Better / same / worse] --> done[Outcome]
```
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flows.checkin.state import BODY, RF, SITE, TECH, State
from flows.triage import Decision, Level, Question, questions

RF_IDS = ("RF1", "RF2", "RF3", "RF4", "RF5", "RF6", "RF7", "RF8")
SITE_IDS = ("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10")
TECH_IDS = ("T1", "T2", "T3", "T4")
BODY_IDS = ("Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Y8", "Y9", "Y10")
NOTHING = ("none", "no")

# Step kinds.
RF_LIST, RF_UNSURE, CHECK, QUESTION, SITE_LIST, TECH_GATE, BODY_LIST, DONE = (
    "rf",
    "rf_unsure",
    "check",
    "question",
    "site",
    "tech",
    "body",
    "done",
)
LISTS = {SITE: (SITE_LIST, SITE_IDS), BODY: (BODY_LIST, BODY_IDS)}


@dataclass(frozen=True)
class Step:
    """What to show next: a kind, and for a question or check, which one."""

    kind: str
    question: str = ""


@cache
def catalogue() -> dict[str, Question]:
    """The engine's questions by ID."""
    return {q.id: q for q in questions()}


def yes_on_pick(qid: str) -> bool:
    """Tapping this item on a list already answers it ("Feels hot" means yes); others need a detail question."""
    options = catalogue()[qid].options
    return "yes" in options and options[0] == "yes"


def finished(state: State, qid: str) -> bool:
    """Whether a question needs nothing more (a multi-choice one is finished only when the person says so)."""
    if qid not in state.answers:
        return False
    return not catalogue()[qid].multi or qid in state.done


def rf_open(state: State) -> tuple[str, ...]:
    """Red flags still shown on the list: everything not already answered yes."""
    return tuple(rf for rf in RF_IDS if state.answers.get(rf) != "yes")


def site_reported(state: State) -> bool:
    """Whether any injection-site symptom was reported."""
    return any(state.answers.get(q) not in (None, *NOTHING) for q in SITE_IDS)


def next_step(state: State, decision: Decision, *, dose_time_known: bool) -> Step:
    """The next question, or DONE. URGENT always ends the questions (spec §1.3)."""
    if decision.level == Level.URGENT:
        return Step(DONE)
    checks = [a.removeprefix("CHECK-") for a in decision.asks if a.startswith("CHECK-")]
    if checks:
        return Step(CHECK, checks[0])
    if "SEPSIS" in decision.asks:
        return Step(QUESTION, "SEPSIS")
    if RF not in state.done or any(a in RF_IDS for a in decision.asks):
        return Step(RF_UNSURE if state.unsure else RF_LIST)
    if state.mode == "reask":
        return Step(DONE)
    for block in (SITE, TECH, BODY):
        step = _block_step(state, block)
        if step is not None:
            return step
    if site_reported(state):
        if "D3" not in state.answers:
            return Step(QUESTION, "D3")
        if not dose_time_known and "D4" not in state.answers:
            return Step(QUESTION, "D4")
    return Step(DONE)


def _block_step(state: State, block: str) -> Step | None:
    if block == TECH:
        if state.tech_gate is None:
            return Step(TECH_GATE)
        if state.tech_gate == "yes":
            return None
        pending = [q for q in TECH_IDS if not finished(state, q)]
        return Step(QUESTION, pending[0]) if pending else None
    kind, ids = LISTS[block]
    pending = [q for q in state.picked if q in ids and not finished(state, q)]
    if pending:
        return Step(QUESTION, pending[0])
    return None if block in state.done else Step(kind)


def list_items(state: State, block: str) -> tuple[str, ...]:
    """Items of the site or body list not yet answered."""
    return tuple(q for q in LISTS[block][1] if q not in state.answers and q not in state.picked)


def multi_values(state: State, qid: str) -> tuple[str, ...]:
    """The options already ticked on a multi-choice question."""
    raw = state.answers.get(qid, "")
    return tuple(v for v in raw.split(",") if v and v != "none")
