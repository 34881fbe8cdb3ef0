"""/carers: the patient's carers, invites and settings, and the people a carer helps."""

from __future__ import annotations

from collections.abc import Sequence

from flows.carers import callbacks as cb
from flows.carers import permissions as perms
from flows.carers.ladder import ALL_CHOICES, PRIMARY_CHOICES
from flows.carers.views import InviteView, LinkView, Person, when
from flows.messages import Button, Lines, Message, T, Text


def overview(
    carers: Sequence[LinkView],
    waiting: Sequence[LinkView],
    invites: Sequence[InviteView],
    helping: Sequence[LinkView],
    *,
    edit: bool = False,
) -> Message:
    """Everything about carers in one message: my carers, people waiting for my OK, my links, people I help."""
    parts: list[Text | Lines] = []
    rows: list[list[Button]] = []
    if carers:
        parts.append(T("carers.your_carers"))
        parts.append(Lines(tuple(_carer_line(c) for c in carers)))
        rows += [[Button(T("carers.btn_settings", carer=c.other.label()), cb.make("l", c.link_id))] for c in carers]
    else:
        parts.append(T("carers.no_carers"))
    for w in waiting:
        parts.append(T("carers.waiting_line", carer=w.other.label(), handle=w.other.handle()))
        rows.append([
            Button(T("carers.btn_confirm_named", carer=w.other.label()), cb.make("ok", w.link_id)),
            Button(T("carers.btn_refuse_short"), cb.make("no", w.link_id)),
        ])
    if invites:
        parts.append(T("carers.open_invites", count=len(invites)))
        rows += [
            [Button(T("carers.btn_revoke", when=when(i.expires_local)), cb.make("rv", i.invite_id))] for i in invites
        ]
    rows.append([Button(T("carers.btn_invite"), cb.make("inv"))])
    if carers:
        rows.append([Button(T("carers.btn_ladder"), cb.make("lad"))])
    if helping:
        parts.append(T("carers.helping"))
        parts.append(Lines(tuple(T("carers.helping_line", name=h.other.label()) for h in helping)))
        for h in helping:
            row = [Button(T("carers.btn_stop", name=h.other.label()), cb.make("end", h.link_id))]
            if h.permissions.get(perms.HISTORY):
                row.insert(0, Button(T("carers.btn_history", name=h.other.label()), cb.make("h", h.link_id)))
            rows.append(row)
    return Message.say(*parts, buttons=rows, edit_last=edit)


def _carer_line(link: LinkView) -> Text:
    key = "carers.carer_line_primary" if link.is_primary else "carers.carer_line"
    return T(key, carer=link.other.label())


def settings(link: LinkView, *, edit: bool = True) -> Message:
    """One carer's permissions as toggle buttons; urgent alerts are shown locked on."""
    rows: list[list[Button]] = []
    for key in perms.ORDER:
        label = T(f"carers.perm.{key}")
        if key not in perms.TOGGLEABLE:
            rows.append([Button(T("carers.locked", label=label), cb.make("l", link.link_id))])
            continue
        mark = "carers.on" if link.permissions.get(key) else "carers.off"
        rows.append([Button(T(mark, label=label), cb.make("p", link.link_id, key))])
    if not link.is_primary:
        rows.append([Button(T("carers.btn_primary", carer=link.other.label()), cb.make("pri", link.link_id))])
    rows.append([Button(T("carers.btn_remove", carer=link.other.label()), cb.make("end", link.link_id))])
    rows.append([Button(T("carers.btn_back"), cb.make("menu"))])
    parts: list[Text] = [T("carers.settings_title", carer=link.other.label())]
    if link.is_primary:
        parts.append(T("carers.is_primary", carer=link.other.label()))
    parts.append(T("carers.settings_hint"))
    return Message.say(*parts, buttons=rows, edit_last=edit)


def _minutes(minutes: int) -> Text:
    if minutes == 0:
        return T("carers.at_once")
    if minutes % 60 == 0:
        return T("carers.after_hours", hours=minutes // 60)
    return T("carers.after_minutes", minutes=minutes)


def ladder(primary_after: int, all_after: int, share_symptoms: bool, *, edit: bool = True) -> Message:
    """The missed-dose timing and symptom-sharing choices, current ones ticked."""
    first = [
        Button(T("carers.chosen" if m == primary_after else "carers.choice", label=_minutes(m)), cb.make("lx", m))
        for m in PRIMARY_CHOICES
    ]
    everyone = [
        Button(T("carers.chosen" if m == all_after else "carers.choice", label=_minutes(m)), cb.make("ly", m))
        for m in ALL_CHOICES
    ]
    share = T("carers.btn_share_on" if share_symptoms else "carers.btn_share_off")
    return Message.say(
        T("carers.ladder_now", first=_minutes(primary_after), everyone=_minutes(all_after)),
        T("carers.ladder_first"),
        T("carers.ladder_everyone"),
        T("carers.share_on" if share_symptoms else "carers.share_off"),
        buttons=[first, everyone, [Button(share, cb.make("sh"))], [Button(T("carers.btn_back"), cb.make("menu"))]],
        edit_last=edit,
    )


def end_ask(link: LinkView, as_patient: bool) -> Message:
    """Ask before ending a link, from either side."""
    key = "carers.end_ask_patient" if as_patient else "carers.end_ask_carer"
    return Message.say(
        T(key, name=link.other.label()),
        buttons=[
            [Button(T("carers.btn_end_yes"), cb.make("endok", link.link_id))],
            [Button(T("carers.btn_keep"), cb.make("menu"))],
        ],
        edit_last=True,
    )


def ended_you(other: Person) -> Message:
    """Confirmation to the one who ended the link."""
    return Message.say(T("carers.ended_you", name=other.label()), edit_last=True)


def ended_other(by: Person, by_patient: bool) -> Message:
    """The other side hears at once that the link has ended."""
    return Message.say(T("carers.ended_by_patient" if by_patient else "carers.ended_by_carer", name=by.label()))


def confirmed_for_patient(link: LinkView) -> Message:
    """After confirming: the new carer's settings, to adjust straight away."""
    settings_msg = settings(link, edit=True)
    return Message(
        (T("carers.confirmed_patient", carer=link.other.label()), *settings_msg.parts),
        settings_msg.buttons,
        edit_last=True,
    )


def invite_revoked() -> Message:
    """The invite link no longer works."""
    return Message.say(T("carers.invite_revoked"))


def not_allowed(patient: Person) -> Message:
    """A carer pressed something the patient has not allowed (or no longer allows)."""
    return Message.say(T("carers.not_allowed", name=patient.label()))
