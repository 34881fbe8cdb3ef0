"""Errors raised by the regimen engine, each carrying a message-catalogue key for the user-facing text."""

from __future__ import annotations


class RegimenError(ValueError):
    """A regimen (or its stored JSON) is not valid; `problems` lists every reason found."""

    key = "regimen.error.invalid"

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid regimen: " + "; ".join(problems))


class ParseError(ValueError):
    """Typed input (a time, date or time zone) could not be understood; `key` names the catalogue text."""

    def __init__(self, message: str, key: str) -> None:
        self.key = key
        super().__init__(message)
