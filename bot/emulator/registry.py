"""The table of Bot API method handlers, keyed by lower-cased method name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .params import Params

if TYPE_CHECKING:
    from .emulator import Emulator

Handler = Callable[["Emulator", Params], Awaitable[Any]]
METHODS: dict[str, Handler] = {}


def api(*names: str) -> Callable[[Handler], Handler]:
    """Register a handler under case-insensitive Bot API method names."""
    def register(fn: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = fn
        return fn
    return register
