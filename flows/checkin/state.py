"""What one check-in episode has gathered so far, stored as JSON on the episode and rebuilt into a decision."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from flows.triage import Decision, Level, Reason, combine, resolve_check, rules_version, triage_answers

# Blocks in the order they are asked (spec §2): red flags → site → technique → whole body → timing.
RF, SITE, TECH, BODY, TIME = "RF", "SITE", "TECH", "BODY", "TIME"
BLOCKS = (RF, SITE, TECH, BODY, TIME)


@dataclass(frozen=True)
class State:
    """Answers of one episode: structured answers, concrete checks, free-text decisions, finished blocks."""

    number: int = 0
    seq: int = 0
    answers: dict[str, str] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)
    extra: tuple[dict[str, Any], ...] = ()
    done: tuple[str, ...] = ()
    picked: tuple[str, ...] = ()
    unsure: bool = False
    tech_gate: str | None = None
    reported: bool = False
    mode: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> State:
        """Rebuild from the episode's JSON; unknown or damaged parts are dropped, never guessed."""
        data = data or {}

        def strs(value: Any) -> dict[str, str]:
            return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

        def seq(value: Any) -> tuple[Any, ...]:
            return tuple(value) if isinstance(value, list | tuple) else ()

        gate = data.get("tech_gate")
        return cls(
            number=_int(data.get("n")),
            seq=_int(data.get("seq")),
            answers=strs(data.get("a")),
            checks=strs(data.get("checks")),
            extra=tuple(t for t in seq(data.get("extra")) if isinstance(t, dict)),
            done=tuple(str(b) for b in seq(data.get("done"))),
            picked=tuple(str(q) for q in seq(data.get("picked"))),
            unsure=bool(data.get("unsure", False)),
            tech_gate=str(gate) if gate else None,
            reported=bool(data.get("reported", False)),
            mode=str(data.get("mode") or ""),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON for the episode row."""
        return {
            "n": self.number,
            "seq": self.seq,
            "a": dict(self.answers),
            "checks": dict(self.checks),
            "extra": [dict(t) for t in self.extra],
            "done": list(self.done),
            "picked": list(self.picked),
            "unsure": self.unsure,
            "tech_gate": self.tech_gate,
            "reported": self.reported,
            "mode": self.mode,
        }

    def answer(self, question: str, value: str) -> State:
        """Record one structured answer (a later answer to the same question replaces the earlier one)."""
        return replace(self, answers={**self.answers, question: value}, unsure=False)

    def answer_missing(self, questions: tuple[str, ...], value: str) -> State:
        """Answer every question of `questions` not answered yet ("None of these")."""
        filled = {q: value for q in questions if q not in self.answers}
        return replace(self, answers={**self.answers, **filled}, unsure=False)

    def forget(self, questions: tuple[str, ...], values: tuple[str, ...]) -> State:
        """Drop answers with these values so the questions are asked again (new red-flag talk, a re-ask)."""
        kept = {q: v for q, v in self.answers.items() if q not in questions or v not in values}
        return replace(self, answers=kept)

    def check(self, rf: str, value: str) -> State:
        """Record the result of a concrete check for a red flag."""
        return replace(self, checks={**self.checks, rf: value})

    def add(self, decision: Decision) -> State:
        """Keep a decision made outside the structured answers: free text (its reasons carry the evidence, not the
        whole text), or a silence timer."""
        return replace(self, extra=(*self.extra, decision.to_dict()))

    def next_seq(self) -> State:
        """A new step is shown: buttons of earlier steps become stale."""
        return replace(self, seq=self.seq + 1)

    def with_mode(self, mode: str) -> State:
        """Empty for a check-in or report; "reask" for the red-flag re-ask after an unsure hives answer."""
        return replace(self, mode=mode)

    def mark_reported(self) -> State:
        """Something was reported in this episode (the 72-hour check-in depends on it)."""
        return replace(self, reported=True)

    def finish(self, block: str) -> State:
        """Mark a block as answered."""
        return self if block in self.done else replace(self, done=(*self.done, block))

    def reopen(self, block: str) -> State:
        """Ask a block again (new symptoms mean the red-flag list is shown again)."""
        return replace(self, done=tuple(b for b in self.done if b != block))

    def pick(self, question: str) -> State:
        """A list item was tapped; its detail question comes next."""
        return self if question in self.picked else replace(self, picked=(*self.picked, question))

    def with_unsure(self, unsure: bool) -> State:
        """Whether the red-flag list is showing "which one are you not sure about?"."""
        return replace(self, unsure=unsure)

    def with_tech_gate(self, value: str) -> State:
        """The answer to "did it go as you were trained?"."""
        return replace(self, tech_gate=value)


def decision_from_dict(data: dict[str, Any]) -> Decision:
    """Rebuild a stored decision (the inverse of Decision.to_dict)."""
    reasons = tuple(
        Reason(str(r["item"]), str(r["rule"]), str(r.get("evidence", "")), Level[str(r["level"])])
        for r in data.get("reasons", [])
    )
    return Decision(
        level=Level[str(data["level"])],
        timing=data.get("timing"),
        asks=tuple(str(a) for a in data.get("asks", [])),
        reasons=reasons,
        rules_version=str(data.get("rules_version", "")),
        items=tuple(str(i) for i in data.get("items", [])),
    )


def silence_decision(rf: str) -> Decision:
    """URGENT because the patient went quiet in the red-flag block after a red flag came up (spec §4.3)."""
    reason = Reason(rf, "silence", "no reply", Level.URGENT)
    return Decision(Level.URGENT, None, (), (reason,), rules_version(), (rf,))


def decide(state: State, hours_since_dose: float | None) -> Decision:
    """The episode's decision: structured answers, concrete checks and every free-text decision combined."""
    parts = [triage_answers(state.answers, hours_since_dose=hours_since_dose)]
    parts += [resolve_check(rf, value) for rf, value in state.checks.items()]
    parts += [decision_from_dict(t) for t in state.extra]
    return combine(*parts)


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
