"""Whether a carer's free text is about the person they care for (spec §1.4: "she", "my husband", "Dad")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flows.carers import callbacks as cb
from flows.carers.views import Person
from flows.messages import Button, Message, T

_THIRD = re.compile(
    r"\b(she|he|her|hers|him|his|they|them|their|"
    r"(my|our)\s+(wife|husband|partner|mum|mom|mother|mam|dad|father|son|daughter|child|kid|sister|brother|"
    r"gran|grandma|grandmother|granny|grandad|grandpa|grandfather|friend|patient|aunt|uncle|boy|girl)|"
    r"mum|mom|mam|dad|daddy|mummy|mommy|grandma|granny|grandad|grandpa|nan|nana)\b|"
    r"\b(she|he|they)['’](s|re|ve|d|ll)\b",
    re.IGNORECASE,
)
_FIRST = re.compile(r"\b(i|me|my|mine|myself)\b|\bi['’](m|ve|d|ll)\b|\bim\b", re.IGNORECASE)


def about_someone_else(text: str, names: Iterable[str] = ()) -> bool:
    """A third-person cue, or a patient's first name, appears in the text."""
    if _THIRD.search(text):
        return True
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    return any(n and n.lower() in words for n in names)


def speaks_for_self(text: str) -> bool:
    """First-person words: "I", "me", "my" (as in "my arm", not "my husband")."""
    return bool(_FIRST.search(text))


def is_carer_report(text: str, names: Iterable[str], *, has_own_doses: bool) -> bool:
    """Treat symptom text as about the patient unless it reads as the carer speaking about themselves.

    Third-person cues or a patient's name always count. Without them, a carer who injects B12 themselves
    is speaking for themselves, and so is anyone writing in the first person.
    """
    names = list(names)
    if about_someone_else(text, names):
        return True
    return not has_own_doses and not speaks_for_self(text)


def pick_patient(choices: list[tuple[int, Person]]) -> Message:
    """A carer of several people: who is this about? One button per patient."""
    rows = [[Button(p.label(), cb.make("rep", link_id))] for link_id, p in choices]
    return Message.say(T("carers.report_pick"), T("carers.report_pick_hint"), buttons=rows)


def report_sent(patient: Person, level: str, number_text: object) -> Message:
    """What the reporting carer hears when the check-in did not answer them itself (it asks the patient)."""
    key = "carers.report_urgent" if level == "URGENT" else "carers.report_passed_on"
    return Message.say(T(key, name=patient.label(), number=number_text))
