"""A coach's whole flow through the real window, by keyboard where a shortcut exists, checked in the database.

The window is built as `planner.app` builds it (WindowSession), so the database opens after the first
paint and the current athlete is remembered the way the app remembers it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from argparse import Namespace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget, QWizard

from planner.domain.athlete import DayKind, Priority
from planner.domain.plan import SessionKind
from planner.store.athletes import dose_edits, get_athlete, list_athletes, load_plan
from planner.ui.operations import running_operations
from planner.ui.plan_model import FIRST_DAY_COLUMN
from planner.ui.settings import Settings
from planner.ui.wizard_pages import PAGE_RESULT

CTRL = Qt.KeyboardModifier.ControlModifier
NAME = "Zoë Łukasiewicz"
WEEK = {
    "mon": DayKind.EASY,
    "tue": DayKind.QUALITY,
    "wed": DayKind.REST,
    "thu": DayKind.QUALITY,
    "fri": DayKind.REST,
    "sat": DayKind.EASY,
    "sun": DayKind.LONG,
}


def open_app(qtbot: Any, db_path: Path) -> Any:
    """The window of `stride-planner --db db_path`, shown, with its database open."""
    from planner.app import WindowSession

    session = WindowSession(QApplication.instance(), Namespace(db=db_path, screenshot=None, view=None))
    session.window.show()
    qtbot.waitExposed(session.window)
    qtbot.waitUntil(lambda: getattr(session, "db", None) is not None, timeout=20_000)
    session.window.activateWindow()
    return session


def close_app(qtbot: Any, session: Any) -> None:
    session._close()  # what the app does once its event loop ends: close the window, then the database
    qtbot.waitUntil(lambda: not running_operations(), timeout=30_000)
    QApplication.processEvents()


def press(
    qtbot: Any,
    widget: QWidget,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)


def click(qtbot: Any, widget: QWidget) -> None:
    # Near the left edge: a check box stretched across a grid cell only reacts on its box and words.
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def next_page(qtbot: Any, wizard: QWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled)
    click(qtbot, button)


def corrective_sessions(plan: Any) -> int:
    return sum(1 for week in plan.weeks for s in week.sessions if s.kind is SessionKind.CORRECTIVE)


def test_a_coachs_whole_flow_survives_closing_the_app(
    qtbot: Any, tmp_path: Path, db_path: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRIDE_PLANNER_NO_WELCOME", "1")
    Settings().set("first_run_done", True)  # no demo athlete: this coach starts from an empty roster
    app = open_app(qtbot, db_path)
    window, ctx = app.window, app.ctx
    db = ctx.db

    # The Athletes view (Ctrl+2), a new athlete (Ctrl+Shift+N) named by typing.
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    athletes = window.current_view()
    assert window.current_view_name == "athletes"
    qtbot.waitUntil(athletes.is_ready)
    press(qtbot, athletes.empty_add_button, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    athlete_id = ctx.current_athlete_id
    assert [a.id for a in list_athletes(db)] == [athlete_id]
    editor = athletes.editor
    assert editor.name_edit.hasFocus()
    editor.name_edit.insert(NAME)  # as an input method types it: QTest only types Latin-1 keys
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    assert get_athlete(db, athlete_id).athlete.name == NAME

    # The running week with the seven drop-downs, a race with the date picker.
    for day, kind in WEEK.items():
        combo = editor.day_combos[day]
        combo.setCurrentIndex(combo.findData(kind.value))
    assert get_athlete(db, athlete_id).athlete.week == WEEK
    qtbot.mouseClick(editor.add_race_button, Qt.MouseButton.LeftButton)
    race_day = dt.date.today() + dt.timedelta(weeks=12)
    race_day += dt.timedelta(days=6 - race_day.weekday())
    editor.race_date_edit(0).setDate(QDate(race_day.year, race_day.month, race_day.day))
    name_edit = editor.race_name_edit(0)
    name_edit.selectAll()
    qtbot.keyClicks(name_edit, "Spring Half")
    qtbot.keyClick(name_edit, Qt.Key.Key_Return)
    priority = editor.race_priority_combo(0)
    priority.setCurrentIndex(priority.findData("A"))
    [race] = get_athlete(db, athlete_id).athlete.races
    assert (race.date, race.name, race.priority) == (race_day, "Spring Half", Priority.A)

    # The Plan view (Ctrl+3): regenerate (F5), open a strength session (Enter), one more set (Up, Return).
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    plan_view = window.current_view()
    qtbot.waitUntil(plan_view.is_ready)
    press(qtbot, plan_view.grid, Qt.Key.Key_F5)
    # Built off the UI thread: on the undo stack once the new plan is saved.
    qtbot.waitUntil(lambda: ctx.undo_stack.undoText() == "Regenerate plan", timeout=20_000)
    plan = load_plan(db, athlete_id)
    assert plan is not None and plan.weeks[-1].end >= race_day
    row, session = next(
        (r, s)
        for r, w in enumerate(plan.weeks)
        for s in w.sessions
        if s.kind is SessionKind.STRENGTH and w.sessions_on(s.date)[0] == s
    )
    plan_view.grid.setCurrentIndex(plan_view.model.index(row, FIRST_DAY_COLUMN + session.date.weekday()))
    press(qtbot, plan_view.grid, Qt.Key.Key_Return)
    assert plan_view.panel.session.key == session.key
    sets = plan_view.panel.rows[0].spins["sets"]
    before = sets.value()
    press(qtbot, sets, Qt.Key.Key_Up)
    qtbot.keyClick(sets, Qt.Key.Key_Return)
    exercise_id = session.exercises[0].id
    assert dose_edits(db, athlete_id)[(session.key, exercise_id)].dose.sets == before + 1

    # Undo (Ctrl+Z on the window) takes the dose back in the database.
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert dose_edits(db, athlete_id) == {}
    saved = next(s for w in load_plan(db, athlete_id).weeks for s in w.sessions if s.key == session.key)
    assert saved.exercises[0].dose.sets == before
    assert plan_view.panel.rows[0].spins["sets"].value() == before

    # Symptom check… from the athlete (Ctrl+2, the button): a fresh check for them in the Wizard view.
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    qtbot.mouseClick(editor.wizard_button, Qt.MouseButton.LeftButton)
    assert window.current_view_name == "wizard"
    wizard = window.current_view().wizard
    assert wizard.currentId() == 0
    click(qtbot, wizard.red_flag_page.none_box.box)
    next_page(qtbot, wizard)
    diagram = wizard.where_page.diagram
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=diagram.region_rect("knee_outside").center())
    next_page(qtbot, wizard)
    for value in ("downhill", "set_distance_into_run"):
        click(qtbot, wizard.feel_page.aggravators[value])
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)  # about the runner (age, sex, context): nothing to add here
    click(qtbot, wizard.form_page.skip)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT)
    add = wizard.result_page.add_button
    assert add.text() == f"Add to {NAME}'s plan"
    click(qtbot, add)
    qtbot.waitUntil(lambda: corrective_sessions(load_plan(db, athlete_id)) > 0, timeout=20_000)
    stored = get_athlete(db, athlete_id).athlete
    assert stored.wizard_answers["pain_regions"] == ["knee_outside"]
    assert stored.wizard_answers["aggravators"] == ["downhill", "set_distance_into_run"]
    with_routine = load_plan(db, athlete_id)
    assert corrective_sessions(with_routine) > 0

    # The Export view (Ctrl+5): save the PDF (Ctrl+S) where the file dialog says.
    pdf = tmp_path / "zoe-season.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), "PDF files (*.pdf)"))
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    export = window.current_view()
    qtbot.waitUntil(lambda: export.is_current() and export.is_ready(), timeout=30_000)
    press(qtbot, export.preview, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: pdf.exists() and not running_operations(), timeout=30_000)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert NAME in text
    assert "Spring Half" in text

    # Close the app and open it again on the same file: everything is back, on the same athlete.
    close_app(qtbot, app)
    app = open_app(qtbot, db_path)
    try:
        ctx = app.ctx
        assert ctx.current_athlete_id == athlete_id
        stored = get_athlete(ctx.db, athlete_id).athlete
        assert (stored.name, stored.week, stored.races) == (NAME, WEEK, (race,))
        assert stored.wizard_answers["pain_regions"] == ["knee_outside"]
        assert load_plan(ctx.db, athlete_id) == with_routine
        assert corrective_sessions(load_plan(ctx.db, athlete_id)) > 0
        assert dose_edits(ctx.db, athlete_id) == {}
        assert app.window.current_view_name == "export"  # the view the coach left
        # Let its preview finish: the Export view's preview build and ink check outlive a closed window.
        reopened = app.window.current_view()
        qtbot.waitUntil(lambda: reopened.is_current() and reopened.is_ready(), timeout=30_000)
        assert app.window.athlete_status.text() == f"Athlete: {NAME}"
    finally:
        close_app(qtbot, app)
