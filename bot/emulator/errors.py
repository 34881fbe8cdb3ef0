"""The Bot API reply envelope: errors with status and description, and described successes."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API failure with Telegram's HTTP status, description and optional parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        """Return the JSON body Telegram sends for this error."""
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    """Build a 400 with Telegram's 'Bad Request: ' prefix."""
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    """Build a 403 with Telegram's 'Forbidden: ' prefix."""
    return ApiError(403, f"Forbidden: {detail}")


class Described:
    """A successful result that also carries Telegram's optional top-level description."""

    def __init__(self, result: Any, description: str) -> None:
        self.result = result
        self.description = description
