"""Compact button data for carers, always under 64 bytes; every id is checked again against the presser.

Patient side:  cr:inv new invite · cr:rv:<invite> revoke · cr:ok:<link> / cr:no:<link> confirm or refuse a carer
               cr:l:<link> a carer's settings · cr:p:<link>:<perm> toggle · cr:pri:<link> make primary
               cr:lad ladder timing · cr:lx:<min> / cr:ly:<min> set it · cr:sh symptom sharing · cr:menu overview
Either side:   cr:end:<link> ask to end · cr:endok:<link> end it
Carer side:    cr:acc:<invite> / cr:dec:<invite> answer an invitation · cr:ack:<link>:<dose> "I'm on it"
               cr:giv:<link>:<dose> dose was given · cr:h:<link> history · cr:rep:<link> report symptoms for
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = "cr"
_ID = re.compile(r"^[1-9][0-9]{0,14}$")

# verb → what follows it: "" nothing, "i" one id, "ii" two ids, "ip" an id and a permission key, "m" minutes
SHAPES: dict[str, str] = {
    "inv": "",
    "lad": "",
    "sh": "",
    "menu": "",
    "rv": "i",
    "ok": "i",
    "no": "i",
    "l": "i",
    "pri": "i",
    "end": "i",
    "endok": "i",
    "acc": "i",
    "dec": "i",
    "h": "i",
    "rep": "i",
    "p": "ip",
    "ack": "ii",
    "giv": "ii",
    "lx": "m",
    "ly": "m",
}


@dataclass(frozen=True)
class Pressed:
    """A decoded carer button: the verb, up to two ids, and a permission key or a number of minutes."""

    verb: str
    first: int | None = None
    second: int | None = None
    key: str = ""
    minutes: int | None = None


def make(verb: str, *args: int | str) -> str:
    """Callback data for a verb and its arguments."""
    if verb not in SHAPES:
        raise ValueError(f"unknown carer verb {verb!r}")
    data = ":".join([PREFIX, verb, *(str(a) for a in args)])
    if len(data.encode()) > 64:
        raise ValueError("callback data over 64 bytes")
    return data


def parse(data: str) -> Pressed | None:
    """Decode callback data; None for anything malformed, which the caller answers without changing anything."""
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != PREFIX or parts[1] not in SHAPES:
        return None
    verb, args, shape = parts[1], parts[2:], SHAPES[parts[1]]
    if shape == "":
        return Pressed(verb) if not args else None
    if shape == "i":
        return Pressed(verb, int(args[0])) if len(args) == 1 and _ID.match(args[0]) else None
    if shape == "ii":
        ok = len(args) == 2 and all(_ID.match(a) for a in args)
        return Pressed(verb, int(args[0]), int(args[1])) if ok else None
    if shape == "ip":
        ok = len(args) == 2 and _ID.match(args[0]) and re.match(r"^[a-z]{1,16}$", args[1])
        return Pressed(verb, int(args[0]), key=args[1]) if ok else None
    ok = len(args) == 1 and re.match(r"^(0|[1-9][0-9]{0,3})$", args[0])
    return Pressed(verb, minutes=int(args[0])) if ok else None
