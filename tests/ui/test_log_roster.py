"""The roster shows each athlete's last week from the training log: the share of sets done and the highest pain."""

from __future__ import annotations

import datetime as dt

from planner.domain.athlete import Athlete
from planner.domain.dates import monday_of
from planner.domain.training_log import LogEntry
from planner.store import athletes
from planner.store.plans import regenerate_plan
from planner.store.training_log import save_entries
from planner.ui.athlete_model import LAST_WEEK
from planner.ui.athletes_view import AthletesView


def row_text(view: AthletesView, name: str) -> str:
    model = view.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    return model.index(row, LAST_WEEK).data()


def test_the_roster_shows_last_weeks_adherence_and_highest_pain(qtbot, ctx) -> None:
    last_monday = monday_of(dt.date.today()) - dt.timedelta(days=7)
    ann = athletes.add_athlete(ctx.db, Athlete(name="Ann"))
    athletes.add_athlete(ctx.db, Athlete(name="Ben"))
    plan = regenerate_plan(ctx.db, ann, start=last_monday, weeks=2)
    first = plan.weeks[0].sessions[0]
    entries = [
        LogEntry(first.date, ex.id, ex.dose.sets, None, 4, 2, 6)  # no side: both sides, every set
        for ex in first.exercises
    ]
    save_entries(ctx.db, ann, entries)
    view = AthletesView(ctx)
    qtbot.addWidget(view)
    view.load()
    qtbot.waitUntil(view.is_ready)
    shown = row_text(view, "Ann")
    prescribed = sum(
        ex.dose.sets * (2 if ex.dose.each_side else 1) for s in plan.weeks[0].sessions for ex in s.exercises
    )
    logged = sum(ex.dose.sets * (2 if ex.dose.each_side else 1) for ex in first.exercises)
    assert shown == f"{round(100 * logged / prescribed)} % · 4/10"
    assert row_text(view, "Ben") == "—"
