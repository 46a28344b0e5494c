"""File ▸ Export calendar…: the window remembers its last export in the database, so any file it saves updates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog

from planner.domain.athlete import Athlete
from planner.domain.training_log import LogEntry
from planner.store import athletes
from planner.store.plans import regenerate_plan
from planner.store.training_log import save_entries
from planner.ui.calendar_export import ask_export_calendar, export_calendar

START = dt.date(2027, 1, 4)


def sequences(path: Path) -> dict[str, tuple[int, str]]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): (int(e["sequence"]), str(e["status"])) for e in cal.walk("VEVENT")}


def test_a_second_export_to_a_new_file_updates_the_first(ctx, tmp_path: Path) -> None:
    athlete_id = athletes.add_athlete(ctx.db, Athlete(name="Ann"))
    plan = regenerate_plan(ctx.db, athlete_id, start=START, weeks=2)
    export_calendar(ctx, athlete_id, tmp_path / "first.ics")
    first = sequences(tmp_path / "first.ics")
    session = plan.weeks[0].sessions[0]
    save_entries(
        ctx.db, athlete_id, [LogEntry(session.date, ex.id, ex.dose.sets, None, 7, 3) for ex in session.exercises]
    )
    regenerate_plan(ctx.db, athlete_id, start=START, weeks=2)
    export_calendar(ctx, athlete_id, tmp_path / "second.ics")
    second = sequences(tmp_path / "second.ics")
    assert set(second) == set(first)
    raised = {uid for uid in second if second[uid][0] > first[uid][0]}
    assert raised and raised != set(second)  # only the sessions the log changed


def test_the_menu_asks_for_a_file_and_writes_it(ctx, tmp_path: Path, monkeypatch) -> None:
    athlete_id = athletes.add_athlete(ctx.db, Athlete(name="Zoë Łukasiewicz"))
    regenerate_plan(ctx.db, athlete_id, start=START, weeks=1)
    ctx.set_current_athlete(athlete_id)
    asked: list[str] = []

    def answer(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(tmp_path / "zoe"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    written = ask_export_calendar(None, ctx)
    assert written == tmp_path / "zoe.ics"
    assert Path(asked[0]).suffix == ".ics"
    assert {status for _seq, status in sequences(written).values()} == {"CONFIRMED"}
