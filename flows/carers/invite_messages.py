"""Invites: the link for the patient, the invitation for the carer, and the patient's confirmation."""

from __future__ import annotations

from datetime import datetime

from flows.carers import callbacks as cb
from flows.carers import permissions as perms
from flows.carers.views import Person, when
from flows.messages import Button, Lines, Message, Raw, T

TOKEN_PROBLEMS = ("unknown", "expired", "used", "revoked", "limited", "own", "linked", "pending")


def invite_created(url: str, expires_local: datetime) -> Message:
    """The one-time link to pass on, with when it stops working."""
    return Message.say(
        T("carers.invite_created", when=when(expires_local)),
        Raw(url),
        T("carers.invite_next"),
    )


def too_many_invites(count: int) -> Message:
    """The patient already has the maximum number of unused links."""
    return Message.say(T("carers.too_many_invites", count=count))


def no_link_possible() -> Message:
    """The bot does not know its own username yet."""
    return Message.say(T("carers.no_link_possible"))


def token_problem(kind: str, patient: Person | None = None) -> Message:
    """Why an invite link did nothing."""
    if kind not in TOKEN_PROBLEMS:
        kind = "unknown"
    name = patient.label() if patient else Raw("")
    return Message.say(T(f"carers.token_{kind}", name=name))


def _receives(patient: Person, permissions: dict[str, bool] | None) -> Lines:
    """What a carer gets: every possible alert (for an invitation), or the ones switched on."""
    keys = [k for k in perms.ORDER if permissions is None or permissions.get(k)]
    return Lines(tuple(T(f"carers.gets.{k}", name=patient.label()) for k in keys))


def join_after_consent(patient: Person) -> Message:
    """Before the terms are agreed: say an invitation is waiting, shown right after agreeing."""
    return Message.say(T("carers.join_after_consent", name=patient.label()))


def invitation(invite_id: int, patient: Person) -> Message:
    """Whose carer they are about to become, what they may receive, and Accept / No."""
    return Message.say(
        T("carers.invitation", name=patient.label()),
        T("carers.invitation_gets", name=patient.label()),
        _receives(patient, None),
        T("carers.invitation_control", name=patient.label()),
        T("carers.invitation_ask", name=patient.label()),
        buttons=[
            [Button(T("carers.btn_accept"), cb.make("acc", invite_id))],
            [Button(T("carers.btn_decline"), cb.make("dec", invite_id))],
        ],
    )


def accepted_wait(patient: Person) -> Message:
    """The carer accepted; now the patient must confirm."""
    return Message.say(T("carers.accepted_wait", name=patient.label()), edit_last=True)


def invitation_declined() -> Message:
    """The carer said no; nothing changed."""
    return Message.say(T("carers.invitation_declined"), edit_last=True)


def confirm_carer(link_id: int, carer: Person) -> Message:
    """Ask the patient to confirm this specific person, name and @username shown."""
    return Message.say(
        T("carers.confirm_ask", carer=carer.label(), handle=carer.handle()),
        T("carers.confirm_hint"),
        buttons=[
            [Button(T("carers.btn_confirm"), cb.make("ok", link_id))],
            [Button(T("carers.btn_refuse"), cb.make("no", link_id))],
        ],
    )


def confirmed_for_carer(patient: Person, permissions: dict[str, bool]) -> Message:
    """The patient confirmed: the link is active; here is what the carer receives now."""
    return Message.say(
        T("carers.confirmed_carer", name=patient.label()),
        _receives(patient, permissions),
        T("carers.confirmed_carer_control", name=patient.label()),
    )


def refused_for_patient(carer: Person) -> Message:
    """The patient said this is not the person they meant."""
    return Message.say(T("carers.refused_patient", carer=carer.label()), edit_last=True)


def refused_for_carer(patient: Person) -> Message:
    """The carer hears the patient did not confirm."""
    return Message.say(T("carers.refused_carer", name=patient.label()))
