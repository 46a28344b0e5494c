"""The calendar export: a re-import updates events instead of duplicating them (parsed back with icalendar)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from icalendar import Calendar

from planner.cli import main
from planner.domain.athlete import Phase
from planner.domain.exercise import Dose
from planner.domain.plan import Hold, Plan, PlannedExercise, Session, SessionKind, Week
from planner.export.calendar import build_calendar, read_sent
from planner.paths import resources_dir

MONDAY = dt.date(2027, 1, 4)
NOW = dt.datetime(2027, 1, 1, 9, 30, tzinfo=dt.UTC)


def session(day: int, title: str, reps: int = 10) -> Session:
    bridge = PlannedExercise("single-leg-bridge", "Single-leg bridge", Dose(sets=3, reps=reps, each_side=True))
    return Session(MONDAY + dt.timedelta(days=day), SessionKind.STRENGTH, title, "After the easy run", (bridge,))


def plan_of(*sessions: Session) -> Plan:
    week = Week(index=1, start=MONDAY, phase=Phase.OFF_SEASON, sessions=sessions)
    return Plan(athlete="Ann", start=MONDAY, weeks=(week,))


def events(data: bytes) -> dict[str, dict]:
    cal = Calendar.from_ical(data)
    return {
        str(e["uid"]): {
            "sequence": int(e.get("sequence", 0)),
            "status": str(e["status"]),
            "summary": str(e["summary"]),
            "start": e.decoded("dtstart"),
            "description": str(e["description"]),
            "stamp": e.decoded("dtstamp"),
        }
        for e in cal.walk("VEVENT")
    }


def export_twice(first: Plan, second: Plan, tmp_path: Path) -> tuple[dict, dict]:
    path = tmp_path / "ann.ics"
    data, _sent = build_calendar(first, now=NOW)
    path.write_bytes(data)
    again, _sent = build_calendar(second, previous=read_sent(path), now=NOW)
    return events(data), events(again)


def test_one_all_day_event_per_session_with_exercises_and_doses() -> None:
    data, _sent = build_calendar(plan_of(session(1, "Strength A"), session(3, "Strength B")), now=NOW)
    found = sorted(events(data).values(), key=lambda e: e["start"])
    assert [(e["start"], e["summary"]) for e in found] == [
        (dt.date(2027, 1, 5), "Strength A – Ann"),
        (dt.date(2027, 1, 7), "Strength B – Ann"),
    ]
    assert "Single-leg bridge: 3 × 10, each side" in found[0]["description"]
    assert "does not diagnose" in found[0]["description"]


def test_dtstamp_is_in_utc() -> None:
    data, _sent = build_calendar(plan_of(session(1, "Strength A")), now=NOW)
    assert b"DTSTAMP:20270101T093000Z" in data


def test_a_dose_change_keeps_every_uid_and_raises_sequence_only_there(tmp_path: Path) -> None:
    before = plan_of(session(1, "Strength A"), session(3, "Strength B"))
    after = plan_of(session(1, "Strength A", reps=12), session(3, "Strength B"))
    first, second = export_twice(before, after, tmp_path)
    assert set(first) == set(second)
    changed = {uid for uid in second if second[uid]["sequence"] != first[uid]["sequence"]}
    [a_uid] = [uid for uid, e in second.items() if e["summary"].startswith("Strength A")]
    assert changed == {a_uid}
    assert second[a_uid]["sequence"] == 1


def test_an_unchanged_plan_exported_again_changes_no_sequence(tmp_path: Path) -> None:
    plan = plan_of(session(1, "Strength A"), session(3, "Strength B"))
    first, second = export_twice(plan, plan, tmp_path)
    assert {u: e["sequence"] for u, e in second.items()} == {u: e["sequence"] for u, e in first.items()}


def test_a_session_no_longer_planned_is_sent_cancelled_with_a_higher_sequence(tmp_path: Path) -> None:
    first, second = export_twice(
        plan_of(session(1, "Strength A"), session(3, "Strength B")), plan_of(session(1, "Strength A")), tmp_path
    )
    [b_uid] = [uid for uid, e in first.items() if e["summary"].startswith("Strength B")]
    assert (second[b_uid]["status"], second[b_uid]["sequence"]) == ("CANCELLED", 1)


def test_a_hold_cancels_the_held_sessions(tmp_path: Path) -> None:
    planned = plan_of(session(1, "Strength A"), session(3, "Strength B"))
    held = replace(plan_of(), hold=Hold(triage="urgent", message="See a doctor today.", since=MONDAY))
    _first, second = export_twice(planned, held, tmp_path)
    assert {e["status"] for e in second.values()} == {"CANCELLED"}


def test_the_uid_ignores_the_dose_but_not_the_day() -> None:
    one, _ = build_calendar(plan_of(session(1, "Strength A", reps=8)), now=NOW)
    other, _ = build_calendar(plan_of(session(1, "Strength A", reps=14)), now=NOW)
    moved, _ = build_calendar(plan_of(session(2, "Strength A", reps=8)), now=NOW)
    assert set(events(one)) == set(events(other))
    assert set(events(one)).isdisjoint(events(moved))


def test_export_ics_updates_the_file_it_replaces(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    zoe = json.loads((resources_dir() / "examples" / "athlete_zoe.json").read_text(encoding="utf-8"))
    athlete = tmp_path / "zoe.json"
    athlete.write_text(json.dumps(zoe), encoding="utf-8")
    out = tmp_path / "zoe.ics"
    args = ["export-ics", "--athlete", str(athlete), "--out", str(out), "--start", "2026-11-16", "--weeks", "2"]
    assert main(args) == 0
    first = events(out.read_bytes())
    log = {"date": "2026-11-17", "exercise": "single-leg-bridge", "sets_done": 3, "side": None, "pain_during": 7}
    athlete.write_text(json.dumps(zoe | {"log": [log]}), encoding="utf-8")
    assert main(args) == 0
    second = events(out.read_bytes())
    out_text = capsys.readouterr().out.splitlines()[-1]
    assert set(second) == set(first)
    changed = sorted(str(second[u]["start"]) for u in second if second[u]["sequence"] > first[u]["sequence"])
    assert changed == ["2026-11-24"]  # only week 2's Strength A holds the bridge stepped back
    assert out_text == f"Wrote 8 sessions to {out} (1 changed, 0 cancelled since the last export)"


def test_a_file_that_is_not_a_calendar_is_refused_untouched(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "notes.ics"
    out.write_text("my shopping list\n", encoding="utf-8")
    athlete = resources_dir() / "examples" / "athlete_zoe.json"
    assert main(["export-ics", "--athlete", str(athlete), "--out", str(out), "--weeks", "1"]) == 2
    assert "is not a calendar file that can be updated" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "my shopping list\n"
