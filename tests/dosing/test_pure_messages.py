"""Pure dose messages: callback data, site rules, typed answers, and every text rendering from the catalogue."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from flows.dosing import callbacks as cb
from flows.dosing import checklist, reminder, schedule, sites, skip, supplies, taking, when
from flows.dosing.view import DoseView
from flows.i18n import render, render_message
from flows.messages import Message
from flows.regimen import to_local

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
VIEW = DoseView(7, when.product("hydroxocobalamin", None), "1 mg/1 mL", "1", "IM",
                to_local(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), "Europe/London"))


def labels(message: Message) -> list[str]:
    return [render(b.label) for row in message.buttons for b in row]


def datas(message: Message) -> list[str]:
    return [b.data for row in message.buttons for b in row]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("d:t:12", cb.Pressed("t", 12)),
        ("d:z:12:15", cb.Pressed("z", 12, value="15")),
        ("d:s:12", cb.Pressed("s", 12)),
        ("d:s:12:unwell", cb.Pressed("s", 12, value="unwell")),
        ("d:k:12:3", cb.Pressed("k", 12, value="3")),
        ("d:e:12", cb.Pressed("e", 12)),
        ("d:u:12", cb.Pressed("u", 12)),
        ("d:ko", cb.Pressed("ko")),
        ("d:l", cb.Pressed("l")),
        ("d:f:m:site:thigh", cb.Pressed("f", None, "m", "site", "thigh")),
        ("d:f:12:time:now", cb.Pressed("f", 12, "12", "time", "now")),
    ],
)
def test_callback_data_round_trips(data: str, expected: cb.Pressed) -> None:
    assert cb.parse(data) == expected


@pytest.mark.parametrize(
    "data", ["d", "d:t", "d:t:abc", "d:t:-1", "d:t:1:2", "d:z:1:x", "d:k:1", "x:t:1", "d:t:" + "9" * 16, "d:f:x:s:v"]
)
def test_garbled_or_forged_callback_data_is_refused(data: str) -> None:
    assert cb.parse(data) is None


def test_callback_data_stays_under_64_bytes_for_huge_ids() -> None:
    big = 10**15 - 1
    datas = (cb.taken(big), cb.snooze(big, 60), cb.skip(big, "no_supplies"), cb.step(str(big), "site", "outer_hip"))
    for data in datas:
        assert len(data.encode()) <= 64


def test_suggested_site_is_the_one_rested_longest() -> None:
    trained = ["thigh", "outer_hip", "upper_arm"]
    assert sites.suggest(trained, {}, "1") == "thigh"
    used = {"thigh": NOW, "outer_hip": datetime(2026, 1, 1, tzinfo=UTC), "upper_arm": datetime(2026, 2, 1, tzinfo=UTC)}
    assert sites.suggest(trained, used, "1") == "outer_hip"
    assert sites.suggest(trained, {"thigh": NOW}, "1") == "outer_hip"


def test_upper_arm_is_never_suggested_above_1_ml_and_buttock_only_as_last_resort() -> None:
    assert sites.suggest(["upper_arm", "thigh"], {"thigh": NOW}, Decimal("1.5")) == "thigh"
    assert sites.suggest(["buttock", "thigh"], {"thigh": NOW}, "1") == "thigh"
    assert sites.suggest(["buttock"], {}, "1") == "buttock"
    assert sites.check("upper_arm", "1.5") == "too_much_for_arm"
    assert sites.check("upper_arm", "1") == "ok"
    assert sites.check("buttock", "1") == "professional_only"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("08:30", datetime(2026, 3, 2, 8, 30, tzinfo=UTC)), ("yesterday 21:15", datetime(2026, 3, 1, 21, 15, tzinfo=UTC)),
     ("9am", datetime(2026, 3, 2, 9, 0, tzinfo=UTC)), ("today at 11.45", datetime(2026, 3, 2, 11, 45, tzinfo=UTC)),
     ("at 7am", datetime(2026, 3, 2, 7, 0, tzinfo=UTC)), ("yesterday at 7pm", datetime(2026, 3, 1, 19, 0, tzinfo=UTC))],
)
def test_typed_dose_times_are_read_in_local_time(typed: str, expected: datetime) -> None:
    assert taking.parse_taken_time(typed, now=NOW, tz="Europe/London", previous=None) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [("half past", "doses.time_bad"), ("25:00", "doses.time_bad"), ("13:00", "doses.time_future"),
     ("yesterday 09:00", "doses.time_before_previous"), ("", "doses.time_bad")],
)
def test_bad_dose_times_are_refused_with_a_reason(typed: str, key: str) -> None:
    previous = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    with pytest.raises(taking.TimeProblem) as err:
        taking.parse_taken_time(typed, now=NOW, tz="Europe/London", previous=previous)
    assert err.value.key == key
    assert render(err.value.text())


def test_a_time_inside_the_spring_forward_gap_is_refused() -> None:
    now = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)
    with pytest.raises(taking.TimeProblem) as err:
        taking.parse_taken_time("01:30", now=now, tz="Europe/London", previous=None)
    assert err.value.key == "doses.time_gap"
    assert "clocks went forward" in render(err.value.text())


def test_batch_numbers() -> None:
    assert taking.parse_batch("  AB 1234 ") == "AB 1234"
    assert taking.parse_batch("lot/22-3.b") == "lot/22-3.b"
    for bad in ("", "!!!", "x" * 41, "<script>"):
        assert taking.parse_batch(bad) is None


def test_supply_counts() -> None:
    assert supplies.parse_count(" 5 ") == 5
    for bad in ("five", "-1", "1.5", "1000", ""):
        assert supplies.parse_count(bad) is None


def test_reminder_names_dose_route_site_and_offers_the_four_choices() -> None:
    msg = reminder.reminder(VIEW, suggested_site="thigh", late=False, checklist=True)
    text = render_message(msg)
    assert "Hydroxocobalamin 1 mg/1 mL, 1 mL, into the muscle (IM)" in text
    assert "Suggested site: Thigh" in text
    assert "was due" not in text
    assert labels(msg) == ["Taken", "Snooze 15 min", "Snooze 1 hour", "Skip", "Checklist"]
    assert datas(msg) == ["d:t:7", "d:z:7:15", "d:z:7:60", "d:s:7", "d:k:7:0"]


def test_a_late_reminder_says_when_it_was_due_and_checklist_can_be_off() -> None:
    msg = reminder.reminder(VIEW, suggested_site=None, late=True, checklist=False)
    assert "it was due at Monday 2 March at 09:00" in render_message(msg)
    assert "Checklist" not in labels(msg)


def test_missed_guidance_never_doubles_up() -> None:
    text = render_message(reminder.missed(VIEW))
    assert "Do not double up" in text and "ask your prescriber" in text and "do not change your schedule" in text


def test_checklist_walks_the_seven_steps_then_offers_taken() -> None:
    texts = [render_message(checklist.step(7, i, route="IM", ml="1")) for i in range(len(checklist.STEPS))]
    assert "Wash your hands" in texts[0]
    assert "into the muscle (IM)" in texts[1] and "1 mL" in texts[1]
    assert "Never recap or reuse" in texts[-1]
    done = checklist.step(7, len(checklist.STEPS), route="IM", ml="1")
    assert datas(done)[0] == "d:t:7"


def test_route_mismatch_is_advice_without_repeating_the_dose() -> None:
    text = " ".join(render(t) for t in taking.route_mismatch("IM", "SC"))
    assert "under the skin (SC)" in text and "into the muscle (IM)" in text
    assert "contact your prescriber" in text and "Do not repeat the dose" in text


def test_every_message_renders_from_the_catalogue() -> None:
    local = VIEW.due_local
    messages = [
        reminder.again(VIEW, suggested_site="outer_hip", checklist=True),
        reminder.review_paused(VIEW),
        reminder.heads_up(VIEW, ampoules=3),
        reminder.snoozed(15, "09:15"),
        skip.ask_reason(7),
        *(skip.skipped(r, when.when(local)) for r in skip.REASONS),
        checklist.turned_off(),
        taking.ask_site("7", ["thigh", "outer_hip", "upper_arm", "buttock"], "thigh"),
        taking.site_refused("7", ["thigh", "upper_arm"], "thigh"),
        taking.ask_route("7", "IM", site_warning=True),
        taking.ask_batch("7", again=True),
        taking.ask_time("7"),
        taking.ask_earlier(),
        taking.ask_guard("7", local),
        taking.logged(7, taken_local=local, site="thigh", route="IM", batch=None),
        taking.logged(7, taken_local=local, site="thigh", route="SC", batch="AB1", corrected=True),
        taking.guard_declined(),
        taking.undone(local),
        taking.too_late_to_change(),
        schedule.next_dose(VIEW, tz="Europe/London", overdue=False, paused=True, review=False),
        schedule.next_dose(VIEW, tz="Europe/London", overdue=True, paused=False, review=True),
        schedule.next_dose(None, tz="Europe/London", overdue=False, paused=False, review=False),
        schedule.no_prescription(),
        schedule.upcoming([local, local], tz="Europe/London", paused=False, review=False),
        schedule.paused(),
        schedule.already_paused(),
        schedule.resumed(when.when(local), review=True),
        supplies.ask_count(again=True),
        supplies.saved(4),
        supplies.low_stock(2),
    ]
    for message in messages:
        assert render_message(message)
        assert all(render(label) for label in labels(message))
