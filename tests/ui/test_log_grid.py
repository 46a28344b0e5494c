"""The week's log grid, by keyboard only: it mirrors the sheet, writes the log, is undoable, and the plan follows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.domain.athlete import Athlete
from planner.domain.plan import Change
from planner.paths import resources_dir
from planner.store import athletes
from planner.store.plans import regenerate_plan
from planner.store.training_log import log_entries
from planner.ui.log_grid import DONE, PAIN, SETS_L, LogPanel

START = dt.date(2026, 11, 16)


@pytest.fixture
def zoe(ctx) -> int:
    import json

    data = json.loads((resources_dir() / "examples" / "athlete_zoe.json").read_text(encoding="utf-8"))
    athlete_id = athletes.add_athlete(ctx.db, Athlete.from_dict(data))
    regenerate_plan(ctx.db, athlete_id, start=START, weeks=3)
    return athlete_id


@pytest.fixture
def panel(qtbot, ctx, zoe: int) -> LogPanel:
    widget = LogPanel(ctx)
    qtbot.addWidget(widget)
    widget.show_week(zoe, athletes.load_plan(ctx.db, zoe), 1)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grid.setFocus()
    return widget


class Keyboard:
    """Presses keys on the grid and counts them, as a coach's fingers would."""

    def __init__(self, widget) -> None:
        self.widget, self.presses = widget, 0

    def type(self, *keys: object) -> None:
        for key in keys:
            if isinstance(key, str):
                for ch in key:
                    QTest.keyClick(self.widget, ch)
                    self.presses += 1
            else:
                QTest.keyClick(self.widget, key)
                self.presses += 1


def test_the_grid_follows_the_sheet_sessions_by_day_then_their_exercises(panel: LogPanel) -> None:
    model = panel.model
    titles = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert titles[0] == "Strength A"
    assert titles[1].strip() == "Single-leg calf raise"
    assert [t for t in titles if not t.startswith(" ")] == ["Strength A", "Strength B", "Mobility", "Strength C"]


def test_typing_a_whole_week_by_keyboard_logs_it(panel: LogPanel, ctx, zoe: int, capsys) -> None:
    keys = Keyboard(panel.grid)
    model = panel.model
    for row, item in enumerate(model.rows):
        if item.exercise is None:
            assert (panel.grid.currentIndex().row(), panel.grid.currentIndex().column()) == (row, PAIN)
            keys.type("3", Qt.Key.Key_Tab, "1", Qt.Key.Key_Tab, "6", Qt.Key.Key_Tab)  # pain, next morning, RPE
        else:
            for _side in range(2 if item.exercise.dose.each_side else 1):
                keys.type(Qt.Key.Key_Space)  # every set ticked, on to the next box
    stored = log_entries(ctx.db, zoe)
    expected = sum(2 if item.exercise.dose.each_side else 1 for item in model.rows if item.exercise is not None)
    assert len(stored) == expected
    assert {(e.pain_during, e.pain_next_morning, e.rpe, e.done) for e in stored} == {(3, 1, 6, True)}
    with capsys.disabled():
        print(
            f"\n[log grid] one week ({len(model.rows)} rows, {expected} set boxes) typed in {keys.presses} key presses"
        )


def test_a_typed_cell_shows_ticks_for_the_sets_done(panel: LogPanel) -> None:
    model = panel.model
    row = next(r for r, item in enumerate(model.rows) if item.exercise is not None and item.exercise.dose.sets == 3)
    panel.grid.setCurrentIndex(model.index(row, SETS_L))
    QTest.keyClick(panel.grid, "2")
    QTest.keyClick(panel.grid, Qt.Key.Key_Return)
    assert model.index(row, SETS_L).data() == "☑☑☐"


def test_a_pain_of_10_takes_two_digits(panel: LogPanel, ctx, zoe: int) -> None:
    QTest.keyClicks(panel.grid, "10")
    QTest.keyClick(panel.grid, Qt.Key.Key_Tab)
    assert {e.pain_during for e in log_entries(ctx.db, zoe)} == {10}


def test_every_kept_cell_is_undoable(panel: LogPanel, ctx, zoe: int) -> None:
    QTest.keyClick(panel.grid, "4")
    QTest.keyClick(panel.grid, Qt.Key.Key_Tab)
    QTest.keyClick(panel.grid, "2")
    QTest.keyClick(panel.grid, Qt.Key.Key_Tab)
    assert {e.pain_next_morning for e in log_entries(ctx.db, zoe)} == {2}
    ctx.undo_stack.undo()
    assert {(e.pain_during, e.pain_next_morning) for e in log_entries(ctx.db, zoe)} == {(4, None)}
    ctx.undo_stack.undo()
    assert log_entries(ctx.db, zoe) == ()
    assert panel.model.index(0, PAIN).data() == ""


def test_x_marks_the_session_missed(panel: LogPanel, ctx, zoe: int) -> None:
    QTest.keyClick(panel.grid, "x")
    assert panel.model.index(0, DONE).data() == "✗ missed"
    assert {e.done for e in log_entries(ctx.db, zoe)} == {False}
    assert panel.model.rows[panel.grid.currentIndex().row()].session.title == "Strength B"


def test_the_next_weeks_plan_follows_the_log_with_its_reasons(panel: LogPanel, ctx, zoe: int, qtbot) -> None:
    QTest.keyClick(panel.grid, "7")  # pain 7/10 during Strength A
    QTest.keyClick(panel.grid, Qt.Key.Key_Tab)
    with qtbot.waitSignal(ctx.plan_changed, timeout=15_000):
        pass  # the plan follows once the typing pauses
    plan = athletes.load_plan(ctx.db, zoe)
    backs = [a for a in plan.adjustments if a.week == 2]
    assert backs and {a.change for a in backs} == {Change.BACK}
    assert backs[0].because == "pain 7/10 during on Tue 17 Nov"


def test_the_plan_view_suggests_a_new_symptom_check_after_pain_above_7(qtbot, ctx, zoe: int) -> None:
    from planner.domain.training_log import LogEntry
    from planner.store.training_log import save_entries
    from planner.ui.plan_view import PlanView

    save_entries(ctx.db, zoe, [LogEntry(dt.date(2026, 11, 17), "single-leg-bridge", 3, None, 8, 3)])
    regenerate_plan(ctx.db, zoe, start=START, weeks=3)
    ctx.set_current_athlete(zoe)
    view = PlanView(ctx)
    qtbot.addWidget(view)
    view.load()
    qtbot.waitUntil(view.is_ready)
    assert view.log_banner.isVisibleTo(view)
    assert view.log_banner.headline.text() == "The training log suggests a new symptom check"
    assert "Week 2: pain 8/10 during" in view.log_banner.message.text()


def test_ctrl_l_opens_the_log_of_the_selected_week(qtbot, ctx, zoe: int) -> None:
    from planner.ui.plan_view import PlanView

    ctx.set_current_athlete(zoe)
    view = PlanView(ctx)
    qtbot.addWidget(view)
    view.load()
    qtbot.waitUntil(view.is_ready)
    view.grid.setCurrentIndex(view.model.index(1, 2))
    view.log_action.trigger()
    assert view.log_panel.isVisibleTo(view)
    assert view.log_panel.title.text().startswith("Log of week 2")
