"""Running week per week: one week's run of one day changed from the Plan view grid (undoable), and a race dated in
the past named in the athlete editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from planner.domain.athlete import Athlete, DayKind, Priority, Race
from planner.store.athletes import add_athlete, get_athlete, load_plan
from planner.store.database import Database
from planner.store.plans import regenerate_plan
from planner.ui.plan_model import FIRST_DAY_COLUMN, DayCell
from planner.ui.plan_rebuilds import plan_rebuilds

START = dt.date(2027, 1, 4)  # a Monday
WEEKS = 16
CTRL = Qt.KeyboardModifier.ControlModifier
TUESDAY = FIRST_DAY_COLUMN + 1


def runner() -> Athlete:
    marathon = START + dt.timedelta(weeks=WEEKS - 2, days=6)  # a Sunday
    return Athlete(
        name="Zoë Łukasiewicz",
        equipment=frozenset({"band", "step", "dumbbell", "mat", "wall"}),
        races=(
            Race(marathon - dt.timedelta(weeks=6), "City Half", Priority.B),
            Race(marathon, "Spring Marathon", Priority.A),
        ),
    )


@pytest.fixture
def plan_view(qtbot: Any, main_window: Any, db: Database) -> Any:
    athlete_id = add_athlete(db, runner())
    regenerate_plan(db, athlete_id, start=START, weeks=WEEKS)
    main_window.ctx.set_current_athlete(athlete_id)
    main_window.show_view("plan")
    view = main_window.current_view()
    qtbot.waitUntil(view.is_ready)
    return view


def rebuilt(qtbot: Any, view: Any) -> None:
    qtbot.waitUntil(lambda: not plan_rebuilds(view.ctx).pending(view.athlete_id), timeout=20_000)


def choose(view: Any, row: int, column: int, name: str) -> None:
    """What a coach does with the day's context menu: pick one of its entries (the popup itself is not shown)."""
    menu = view.grid.run_menu(view.model.index(row, column))
    assert menu is not None
    menu.findChild(QAction, name).trigger()


def test_one_weeks_tuesday_set_to_rest_moves_the_athlete_and_the_plan_and_ctrl_z_restores_both(
    qtbot: Any, main_window: Any, plan_view: Any, db: Database
) -> None:
    athlete_id = plan_view.athlete_id
    week_3 = load_plan(db, athlete_id).weeks[2]
    usual = get_athlete(db, athlete_id).athlete.week["tue"]
    assert usual is not DayKind.REST and week_3.runs["tue"] == usual.value

    choose(plan_view, 2, TUESDAY, "weekRun_rest")
    rebuilt(qtbot, plan_view)

    assert get_athlete(db, athlete_id).athlete.week_overrides == {week_3.start.isoformat(): {"tue": DayKind.REST}}
    assert load_plan(db, athlete_id).weeks[2].runs["tue"] == "rest"
    assert load_plan(db, athlete_id).weeks[3].runs["tue"] == usual.value  # the next week keeps its usual run
    cell = plan_view.model.index(2, TUESDAY).data()
    assert cell.startswith("Rest (changed this week)")

    qtbot.keyClick(main_window, Qt.Key.Key_Z, CTRL)
    rebuilt(qtbot, plan_view)

    assert get_athlete(db, athlete_id).athlete.week_overrides == {}
    assert load_plan(db, athlete_id).weeks[2].runs["tue"] == usual.value
    assert not plan_view.model.index(2, TUESDAY).data().startswith("Rest")


def test_a_suggested_day_is_marked_and_the_coach_can_keep_the_usual_run(
    qtbot: Any, plan_view: Any, db: Database
) -> None:
    athlete_id = plan_view.athlete_id
    model = plan_view.model
    row, column, cell = next(
        (r, c, model.cell(r, c))
        for r in range(model.rowCount())
        for c in range(FIRST_DAY_COLUMN, FIRST_DAY_COLUMN + 7)
        if isinstance(model.cell(r, c), DayCell) and model.cell(r, c).suggested
    )
    assert "(suggested)" in model.index(row, column).data()
    assert cell.suggested in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)

    choose(plan_view, row, column, "weekRunUsual")
    rebuilt(qtbot, plan_view)

    monday = (cell.date - dt.timedelta(days=cell.date.weekday())).isoformat()
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[cell.date.weekday()]
    assert get_athlete(db, athlete_id).athlete.week_overrides[monday][day].value == cell.usual
    assert load_plan(db, athlete_id).weeks[row].runs[day] == cell.usual
    assert model.cell(row, column).suggested is None


def test_a_race_day_has_no_run_menu(plan_view: Any) -> None:
    model = plan_view.model
    race_cells = [
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(FIRST_DAY_COLUMN, FIRST_DAY_COLUMN + 7)
        if model.cell(r, c).run == "race"
    ]
    assert race_cells and all(plan_view.grid.run_menu(index) is None for index in race_cells)


def editor_with(qtbot: Any, races: tuple[Race, ...]) -> Any:
    from planner.ui.athlete_editor import AthleteEditor

    editor = AthleteEditor()
    qtbot.addWidget(editor)
    editor.set_athlete(Athlete(name="Sam", races=races), athlete_id=1)
    editor.show()
    return editor


def test_a_race_in_the_past_is_named_beside_the_races_table(qtbot: Any) -> None:
    last_year = dt.date.today() - dt.timedelta(days=365)
    editor = editor_with(qtbot, (Race(last_year, "Old Half", Priority.B),))
    assert editor.past_race_label.isVisible()
    assert "Old Half" in editor.past_race_label.text() and "in the past" in editor.past_race_label.text()


def test_correcting_the_past_date_takes_the_message_away(qtbot: Any) -> None:
    last_year = dt.date.today() - dt.timedelta(days=365)
    editor = editor_with(qtbot, (Race(last_year, "Old Half", Priority.B),))
    next_year = dt.date.today() + dt.timedelta(days=365)
    editor.race_date_edit(0).setDate(next_year)
    assert not editor.past_race_label.isVisible()


def test_future_races_show_no_message(qtbot: Any) -> None:
    editor = editor_with(qtbot, (Race(dt.date.today() + dt.timedelta(days=30), "Club 10k", Priority.C),))
    assert not editor.past_race_label.isVisible()
