"""The simulated people of the sandbox: one patient and two carers, with fixed ids the database remembers."""

from __future__ import annotations

from dataclasses import dataclass

from bot.emulator import Emulator


@dataclass(frozen=True)
class Person:
    """Someone the sandbox can chat as."""

    id: int
    name: str
    role: str

    def view(self) -> dict[str, object]:
        """JSON for the page."""
        return {"id": self.id, "name": self.name, "role": self.role}


# Fixed Telegram ids, so a sandbox restarted on the same database meets the same people again.
CAST = (
    Person(710_000_001, "Pat", "patient"),
    Person(710_000_002, "Carla", "carer"),
    Person(710_000_003, "Cody", "carer"),
)


def add_cast(emu: Emulator) -> None:
    """Create every person of the cast in a fresh emulator."""
    for person in CAST:
        emu.user(person.name, username=person.name.lower(), id=person.id)


def person(person_id: int) -> Person:
    """The cast member with this id (KeyError if none)."""
    for member in CAST:
        if member.id == person_id:
            return member
    raise KeyError(person_id)
