"""Where features plug in: commands, button prefixes, conversations, text screens, timer tasks, events."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.context import Ctx
from bot.db.models import Task
from flows.events import Event

Handler = Callable[[Ctx, Event], Awaitable[None]]
Screen = Callable[[Ctx, str], Awaitable[bool]]
TaskHandler = Callable[[Ctx, Task], Awaitable[None]]
Listener = Callable[..., Awaitable[None]]


@dataclass
class Registry:
    """Handlers by name; a feature module's `register(reg)` fills it, bot.app wires the features."""

    commands: dict[str, Handler] = field(default_factory=dict)
    presses: dict[str, Handler] = field(default_factory=dict)
    flows: dict[str, Handler] = field(default_factory=dict)
    start_payloads: list[Callable[[Ctx, str], Awaitable[bool]]] = field(default_factory=list)
    screens: list[Screen] = field(default_factory=list)
    after_consent: list[Handler] = field(default_factory=list)
    tasks: dict[str, TaskHandler] = field(default_factory=dict)
    listeners: dict[str, list[Listener]] = field(default_factory=dict)
    pre_consent_presses: set[str] = field(default_factory=set)
    public_commands: set[str] = field(default_factory=lambda: {"start", "help", "cancel"})

    def command(self, name: str, handler: Handler) -> None:
        """Register a /command."""
        self.commands[name] = handler

    def press(self, prefix: str, handler: Handler, *, before_consent: bool = False) -> None:
        """Register a button prefix (callback data up to the first ':')."""
        self.presses[prefix] = handler
        if before_consent:
            self.pre_consent_presses.add(prefix)

    def flow(self, name: str, handler: Handler) -> None:
        """Register the handler of a multi-step conversation."""
        self.flows[name] = handler

    def task(self, kind: str, handler: TaskHandler) -> None:
        """Register what the timer does when a task of this kind falls due."""
        self.tasks[kind] = handler

    def on(self, event: str, listener: Listener) -> None:
        """Subscribe to a domain event (e.g. 'dose.missed', 'triage.decided')."""
        self.listeners.setdefault(event, []).append(listener)

    async def emit(self, event: str, ctx: Ctx, **data: Any) -> None:
        """Call every listener inside the caller's transaction."""
        for listener in self.listeners.get(event, []):
            await listener(ctx, **data)
