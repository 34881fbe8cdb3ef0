"""Pure carer rules: button data, permissions, ladder stages, limits, report cues, and every text renders."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.carers import alert_messages as am
from flows.carers import callbacks as cb
from flows.carers import invite_messages as im
from flows.carers import ladder, limits, report, summary
from flows.carers import manage_messages as mm
from flows.carers import permissions as perms
from flows.carers.views import InviteView, LinkView, Person
from flows.i18n import has_key, render_message
from flows.messages import Message, T

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ids = st.integers(min_value=1, max_value=10**15 - 1)


@given(verb=st.sampled_from(sorted(cb.SHAPES)), a=ids, b=ids, key=st.sampled_from(sorted(perms.TOGGLEABLE)),
       minutes=st.sampled_from(ladder.PRIMARY_CHOICES + ladder.ALL_CHOICES))
def test_callback_data_round_trips_under_64_bytes(verb: str, a: int, b: int, key: str, minutes: int) -> None:
    shape = cb.SHAPES[verb]
    args: tuple[int | str, ...] = {"": (), "i": (a,), "ii": (a, b), "ip": (a, key), "m": (minutes,)}[shape]
    data = cb.make(verb, *args)
    assert len(data.encode()) <= 64
    parsed = cb.parse(data)
    assert parsed is not None and parsed.verb == verb
    if shape in ("i", "ii", "ip"):
        assert parsed.first == a
    if shape == "ii":
        assert parsed.second == b
    if shape == "ip":
        assert parsed.key == key
    if shape == "m":
        assert parsed.minutes == minutes


@given(st.text(max_size=80))
def test_parse_never_crashes_and_rejects_garbage(data: str) -> None:
    parsed = cb.parse(data)
    if parsed is not None:
        assert data.startswith("cr:") and cb.make(parsed.verb, *_args(parsed)) == data


def _args(p: cb.Pressed) -> tuple[int | str, ...]:
    shape = cb.SHAPES[p.verb]
    return {"": (), "i": (p.first,), "ii": (p.first, p.second), "ip": (p.first, p.key), "m": (p.minutes,)}[shape]


def test_permissions_defaults_and_urgent_locked() -> None:
    assert perms.effective({}) == {"reminders": False, "missed": True, "urgent": True, "advice": False,
                                   "proxy": False, "history": False}
    assert perms.effective({"urgent": False, "bogus": True})["urgent"] is True
    assert "bogus" not in perms.effective({"bogus": True})
    assert perms.toggled({}, "proxy")["proxy"] is True
    with pytest.raises(ValueError):
        perms.toggled({}, "urgent")


def _cand(link_id: int, *, primary: bool = False, missed: bool = True, reachable: bool = True, age: int = 0):
    return ladder.Candidate(link_id, primary, missed, reachable, NOW - timedelta(days=age))


def test_ladder_recipients() -> None:
    cands = [_cand(1, age=5), _cand(2, age=9), _cand(3, primary=True, age=1)]
    assert ladder.recipients(ladder.PRIMARY, cands) == [3]
    assert ladder.recipients(ladder.EVERYONE, cands) == [1, 2, 3]
    no_mark = [_cand(1, age=5), _cand(2, age=9)]
    assert ladder.recipients(ladder.PRIMARY, no_mark) == [2]
    blocked = [_cand(3, primary=True, reachable=False), _cand(1), _cand(2, missed=False)]
    assert ladder.recipients(ladder.PRIMARY, blocked) == [1]
    assert ladder.recipients(ladder.EVERYONE, blocked) == [1]
    assert ladder.recipients(ladder.PRIMARY, []) == []


def test_ladder_stage_times_never_put_everyone_before_the_primary() -> None:
    assert ladder.stage_times(NOW, 0, 60) == [(1, NOW), (2, NOW + timedelta(minutes=60))]
    assert ladder.stage_times(NOW, 30, 10)[1][1] == NOW + timedelta(minutes=30)
    assert all(p <= a for p in ladder.PRIMARY_CHOICES for a in ladder.ALL_CHOICES)
    assert ladder.valid_choice("primary", 15) and not ladder.valid_choice("all", 15)


def test_limits() -> None:
    assert not limits.tokens_blocked(4) and limits.tokens_blocked(5)
    assert limits.urgent_allowed(None, NOW)
    assert not limits.urgent_allowed(NOW - timedelta(minutes=9, seconds=59), NOW)
    assert limits.urgent_allowed(NOW - timedelta(minutes=10), NOW)


@pytest.mark.parametrize(
    ("text", "own", "expected"),
    [
        ("she has hives all over", True, True),
        ("My husband's lips are swelling", True, True),
        ("Dad feels faint", False, True),
        ("Pat can't breathe properly", True, True),
        ("lips swelling, hives", False, True),
        ("I have hives", False, False),
        ("my arm is sore", True, False),
        ("lips swelling", True, False),
    ],
)
def test_carer_report_cues(text: str, own: bool, expected: bool) -> None:
    assert report.is_carer_report(text, ["Pat"], has_own_doses=own) is expected


def test_summary_keeps_level_items_in_plain_words_and_caps_them() -> None:
    names = summary.names(["U-HIVES", "E-SORE", "U-ANGIO", "U-NEW-THING"], "URGENT", True)
    assert [n.key for n in names] == ["carers.item.U-HIVES", "carers.item.U-ANGIO", "carers.item.other"]
    assert summary.names(["U-HIVES"], "URGENT", False) == []
    assert summary.level_name("urgent") == "URGENT"


def _every_message() -> list[Message]:
    pat, cara = Person("Pat"), Person("Cara", "cara")
    link = LinkView(3, cara, "active", True, perms.effective({"proxy": True}))
    return [
        im.invite_created("https://t.me/b?start=ci_x", NOW), im.too_many_invites(5), im.no_link_possible(),
        *[im.token_problem(k, pat) for k in im.TOKEN_PROBLEMS], im.join_after_consent(pat), im.invitation(1, pat),
        im.accepted_wait(pat), im.invitation_declined(), im.confirm_carer(2, Person("Cara")),
        im.confirmed_for_carer(pat, perms.effective({})), im.refused_for_patient(cara), im.refused_for_carer(pat),
        mm.overview([link], [link], [InviteView(1, NOW)], [link]), mm.overview([], [], [], []),
        mm.settings(link), mm.settings(LinkView(4, cara, "active")), mm.ladder(0, 60, True), mm.ladder(15, 120, False),
        mm.end_ask(link, True), mm.end_ask(link, False), mm.ended_you(cara), mm.ended_other(pat, True),
        mm.ended_other(cara, False), mm.confirmed_for_patient(link), mm.invite_revoked(), mm.not_allowed(pat),
        am.missed(1, 2, pat, NOW, True), am.missed_taken_over(pat, NOW, True, 1, 2), am.on_it_others(pat, NOW, cara),
        am.already_on_it(cara), am.dose_already_closed(), am.given_carer(pat, NOW), am.given_patient(cara, NOW),
        am.given_others(pat, cara, NOW), am.recorded_by_patient(pat, NOW), am.reminder_copy(1, 2, pat, NOW, True),
        am.urgent(pat, NOW, [T("carers.item.U-HIVES"), T("carers.item.U-BREATH")], "112"),
        am.urgent(pat, NOW, [], None), am.cant_call(pat, NOW, "999"), am.cant_call(pat, NOW, None, cara),
        am.advice(pat, NOW, [T("carers.item.A-FEVER")], "today", None), am.advice(pat, NOW, [], "routine", "911"),
        am.unreachable(cara), am.history(pat, [(NOW, "taken"), (NOW, "scheduled")]), am.history(pat, []),
        am.history_pick([(1, pat)]), am.history_none_allowed(),
        report.pick_patient([(1, pat), (2, Person("Quinn"))]),
        *[report.report_sent(pat, lvl, am.number_text("999")) for lvl in ("URGENT", "EXPECTED")],
    ]


def test_every_message_renders_and_every_button_fits() -> None:
    for message in _every_message():
        text = render_message(message)
        assert text and "{" not in text, text
        for row in message.buttons:
            for button in row:
                assert len(button.data.encode()) <= 64


def test_every_catalogue_key_used_in_the_code_exists() -> None:
    root = Path(__file__).resolve().parents[2]
    sources = [*(root / "flows" / "carers").glob("*.py"), *(root / "bot" / "carers").glob("*.py")]
    keys = {k for p in sources for k in re.findall(r'"(carers\.[a-z_]+)"', p.read_text())}
    assert keys and all(has_key(k) for k in keys), sorted(k for k in keys if not has_key(k))


def test_urgent_alert_carries_the_minimum() -> None:
    text = render_message(am.urgent(Person("Pat"), NOW, [T("carers.item.U-HIVES")], "112"))
    assert "Pat" in text and "08:00" in text and "serious reaction after their B12 injection" in text
    assert "hives" in text and "call 112 now" in text
    assert len(text) < 400


def test_carer_alerts_use_the_triage_engines_emergency_numbers() -> None:
    from bot.carers.emergency import number_for

    assert number_for("GB") == "999" and number_for("ES") == "112"
    assert number_for(None) is None and number_for("XX") is None
