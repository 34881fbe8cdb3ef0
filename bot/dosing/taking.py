"""The conversation after Taken, /log or Correct: site → route → batch → time → (guard) → logged."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from bot import conversations
from bot.context import Ctx
from bot.db.models import DoseEvent, Prescription, User
from bot.dosing import history, record
from bot.dosing.access import Target
from flows.dosing import callbacks as cb
from flows.dosing import sites as site_rules
from flows.dosing import taking, when
from flows.dosing.callbacks import Pressed
from flows.dosing.guard import needs_confirmation
from flows.events import Event, TextIn
from flows.messages import Message, T, Text
from flows.regimen import Regimen, RegimenError, local_date, to_local

FLOW = "dose"
DEFAULT_SITES = ("thigh", "outer_hip", "upper_arm", "buttock")


def _sites(prescription: Prescription) -> list[str]:
    return [str(s) for s in prescription.sites] if prescription.sites else list(DEFAULT_SITES)


async def _ask_site(ctx: Ctx, data: dict[str, Any], prescription: Prescription) -> None:
    await conversations.begin(ctx, FLOW, "site", data)
    used = await history.site_last_used(ctx.session, data["patient"])
    suggested = site_rules.suggest(_sites(prescription), used, prescription.dose_ml)
    ctx.reply(taking.ask_site(data["ref"], _sites(prescription), suggested))


async def start_take(ctx: Ctx, target: Target) -> None:
    """Taken was pressed on a reminder (or on the missed note)."""
    assert target.prescription is not None
    data = {"mode": "take", "ref": str(target.event.id), "dose": target.event.id, "patient": target.patient.id}
    await _ask_site(ctx, data, target.prescription)


async def start_manual(ctx: Ctx) -> None:
    """/log: a dose taken without a reminder."""
    prescription = await history.active_prescription(ctx.session, ctx.user.id)
    if prescription is None:
        ctx.reply(Message.say(T("doses.manual_none")))
        return
    data = {"mode": "manual", "ref": cb.MANUAL, "dose": None, "patient": ctx.user.id}
    await _ask_site(ctx, data, prescription)


async def start_correct(ctx: Ctx, target: Target) -> None:
    """Correct was pressed: the same questions again for the last logged dose."""
    if target.prescription is None or not await record.changeable(ctx, target.event):
        ctx.reply(taking.too_late_to_change())
        return
    data = {"mode": "correct", "ref": str(target.event.id), "dose": target.event.id, "patient": target.patient.id}
    await _ask_site(ctx, data, target.prescription)


async def _context(ctx: Ctx, data: dict[str, Any]) -> tuple[Prescription, User, DoseEvent | None] | None:
    """The prescription, patient and dose of a conversation, if they still allow it to go on."""
    patient = await ctx.session.get(User, data["patient"])
    prescription = await history.active_prescription(ctx.session, data["patient"]) if patient else None
    event = await ctx.session.get(DoseEvent, data["dose"]) if data.get("dose") else None
    if patient is None or prescription is None:
        return None
    if data["mode"] == "take" and (event is None or event.status not in ("scheduled", "reminded", "missed")):
        return None
    if data["mode"] == "correct" and (event is None or event.status != "taken"):
        return None
    if event is not None and event.prescription_id not in (None, prescription.id):
        return None
    return prescription, patient, event


async def on_press(ctx: Ctx, pressed: Pressed) -> None:
    """A button answering the current question; anything else (an old question) is refused."""
    conv = await conversations.current(ctx)
    if conv is None or conv.flow != FLOW or conv.data.get("ref") != pressed.ref or conv.state != pressed.step:
        ctx.reply(Message.say(T("doses.flow_expired")))
        return
    data = dict(conv.data)
    found = await _context(ctx, data)
    if found is None:
        await conversations.end(ctx)
        ctx.reply(Message.say(T("doses.plan_changed")))
        return
    prescription, _patient, _event = found
    ref, value = data["ref"], pressed.value
    if pressed.step == "site" and value in _sites(prescription):
        verdict = site_rules.check(value, prescription.dose_ml)
        if verdict == "too_much_for_arm":
            used = await history.site_last_used(ctx.session, data["patient"])
            suggested = site_rules.suggest(_sites(prescription), used, prescription.dose_ml)
            ctx.reply(taking.site_refused(ref, _sites(prescription), suggested))
            return
        data["site"] = value
        await conversations.save(ctx, conv, "route", data)
        ctx.reply(taking.ask_route(ref, prescription.route, site_warning=verdict == "professional_only"))
    elif pressed.step == "route" and value in taking.ROUTES:
        data["route"] = value
        await conversations.save(ctx, conv, "batch", data)
        ctx.reply(taking.ask_batch(ref))
    elif pressed.step == "batch" and value == "-":
        data["batch"] = None
        await conversations.save(ctx, conv, "time", data)
        ctx.reply(taking.ask_time(ref))
    elif pressed.step == "time" and value == "now":
        data["at"] = ctx.now.isoformat()
        await _finish(ctx, conv, data)
    elif pressed.step == "time" and value == "earlier":
        await conversations.save(ctx, conv, "earlier", data)
        ctx.reply(taking.ask_earlier())
    elif pressed.step == "guard" and value == "yes":
        data["confirmed"] = True
        await _finish(ctx, conv, data)
    elif pressed.step == "guard" and value == "no":
        await conversations.end(ctx)
        ctx.reply(taking.guard_declined())
    else:
        ctx.reply(Message.say(T("doses.flow_expired")))


async def on_text(ctx: Ctx, event: Event) -> None:
    """Typed answers: the batch number or the earlier time; anything else re-asks, storing nothing."""
    conv = await conversations.current(ctx)
    if conv is None:
        return
    data = dict(conv.data)
    found = await _context(ctx, data)
    if found is None:
        await conversations.end(ctx)
        ctx.reply(Message.say(T("doses.plan_changed")))
        return
    _prescription, patient, dose = found
    text = event.text if isinstance(event, TextIn) else ""
    if conv.state == "batch":
        batch = taking.parse_batch(text)
        if batch is None:
            ctx.reply(taking.ask_batch(data["ref"], again=True))
            return
        data["batch"] = batch
        await conversations.save(ctx, conv, "time", data)
        ctx.reply(taking.ask_time(data["ref"]))
    elif conv.state == "earlier":
        tz = history.effective_tz(patient, ctx.rt.settings)
        exclude = dose.id if data["mode"] == "correct" and dose is not None else None
        previous = await history.last_taken(ctx.session, patient.id, exclude=exclude)
        try:
            at = taking.parse_taken_time(text, now=ctx.now, tz=tz, previous=previous.taken_at if previous else None)
        except taking.TimeProblem as problem:
            ctx.reply(taking.ask_earlier(problem))
            return
        data["at"] = at.isoformat()
        await _finish(ctx, conv, data)
    else:
        ctx.reply(Message.say(T("doses.use_buttons")))


async def _finish(ctx: Ctx, conv: Any, data: dict[str, Any]) -> None:
    found = await _context(ctx, data)
    assert found is not None
    prescription, patient, event = found
    tz = history.effective_tz(patient, ctx.rt.settings)
    entry = record.Entry(datetime.fromisoformat(data["at"]), data["site"], data["route"], data.get("batch"))
    if not data.get("confirmed"):
        earliest = await _guard(ctx, prescription, patient, event if data["mode"] == "correct" else None, entry, tz)
        if earliest is not None:
            await conversations.save(ctx, conv, "guard", data)
            ctx.reply(taking.ask_guard(data["ref"], datetime.combine(earliest, time(12))))
            return
    await conversations.end(ctx)
    extra: list[Text] = []
    if entry.route != prescription.route.upper():
        extra.extend(taking.route_mismatch(prescription.route, entry.route))
    if data["mode"] == "correct" and event is not None:
        await record.corrected(ctx, prescription, event, entry)
    else:
        event = await record.taken(ctx, prescription, patient, entry, event=event, manual=data["mode"] == "manual")
    following = await _following(ctx, patient.id, tz)
    if following is not None:
        extra.append(T("doses.next_line", when=when.when(following)))
    ctx.reply(taking.logged(event.id, taken_local=to_local(entry.taken_at, tz), site=entry.site, route=entry.route,
                            batch=entry.batch, corrected=data["mode"] == "correct", extra=extra))


async def _guard(
    ctx: Ctx, prescription: Prescription, patient: User, correcting: DoseEvent | None, entry: record.Entry, tz: str
) -> date | None:
    try:
        regimen = Regimen.from_dict(prescription.regimen)
    except RegimenError:
        return None
    exclude = correcting.id if correcting is not None else None
    taken, closed = await history.log_dates(ctx.session, patient.id, prescription.id, tz, exclude=exclude)
    on = local_date(entry.taken_at, tz)
    return needs_confirmation(regimen, prescription.start_date, taken=taken, skipped=closed, on=on)


async def _following(ctx: Ctx, patient_id: int, tz: str) -> datetime | None:
    events = [e for e in await history.open_events(ctx.session, patient_id) if e.due_at is not None]
    return to_local(events[0].due_at, events[0].timezone or tz) if events else None
