"""The Athletes view: roster model, editing through the form, undo, search and athlete files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from planner.domain.athlete import Athlete, DayKind, Priority, Race
from planner.store.athletes import add_athlete, get_athlete, list_athletes
from planner.store.database import Database
from planner.ui.athlete_model import AthleteListModel
from planner.ui.athletes_view import AthletesView
from planner.ui.context import AppContext


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> AthletesView:
    widget = AthletesView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.load()
    qtbot.waitUntil(widget.is_ready)
    return widget


def zoe() -> Athlete:
    return Athlete(
        name="Zoë Łukasiewicz",
        equipment=frozenset({"band", "mat"}),
        races=(Race(dt.date(2027, 4, 18), "Spring Marathon", Priority.A),),
    )


def test_roster_model_passes_the_model_tester(qtbot: Any, db: Database) -> None:
    add_athlete(db, zoe())
    add_athlete(db, Athlete(name="Amos Otieno"))
    model = AthleteListModel(today=dt.date(2027, 1, 4))
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_athletes(list_athletes(db))
    assert model.index(1, 0).data() == "Zoë Łukasiewicz"
    assert model.index(1, 2).data() == "Spring Marathon (A) · 18 Apr · in 14 wk"
    assert model.rowCount() == 2


def test_no_athletes_shows_an_add_button(view: AthletesView) -> None:
    assert view.stack.currentIndex() == 0
    assert view.empty_add_button.isVisible()


def test_adding_an_athlete_through_the_form_stores_week_and_race(
    qtbot: Any, view: AthletesView, ctx: AppContext
) -> None:
    view.empty_add_button.click()
    athlete_id = ctx.current_athlete_id
    assert athlete_id is not None
    editor = view.editor
    editor.name_edit.setText("Zoë Łukasiewicz")
    editor.name_edit.editingFinished.emit()
    editor.day_combos["mon"].setCurrentIndex(editor.day_combos["mon"].findData("easy"))
    editor.day_combos["sat"].setCurrentIndex(editor.day_combos["sat"].findData("long"))
    editor.add_race_button.click()
    editor.race_date_edit(0).setDate(QDate(2027, 4, 18))
    qtbot.waitUntil(lambda: get_athlete(ctx.db, athlete_id).athlete.races[0].date == dt.date(2027, 4, 18))
    stored = get_athlete(ctx.db, athlete_id).athlete
    assert stored.name == "Zoë Łukasiewicz"
    assert stored.week["mon"] is DayKind.EASY
    assert stored.week["sat"] is DayKind.LONG
    assert view.model.rowCount() == 1


def test_undo_removes_the_new_athlete_and_redo_restores_it(view: AthletesView, ctx: AppContext) -> None:
    view.add_athlete()
    athlete_id = ctx.current_athlete_id
    ctx.undo_stack.undo()
    assert list_athletes(ctx.db) == []
    assert view.stack.currentIndex() == 0
    ctx.undo_stack.redo()
    assert [a.id for a in list_athletes(ctx.db)] == [athlete_id]


def test_undo_of_an_edit_restores_the_old_week(view: AthletesView, ctx: AppContext) -> None:
    athlete_id = add_athlete(ctx.db, zoe())
    ctx.athletes_changed.emit()
    ctx.set_current_athlete(athlete_id)
    combo = view.editor.day_combos["fri"]
    combo.setCurrentIndex(combo.findData("easy"))
    assert get_athlete(ctx.db, athlete_id).athlete.week["fri"] is DayKind.EASY
    ctx.undo_stack.undo()
    assert get_athlete(ctx.db, athlete_id).athlete.week["fri"] is DayKind.REST
    assert combo.currentData() == "rest"


def test_delete_then_undo_brings_the_athlete_back_under_the_same_id(view: AthletesView, ctx: AppContext) -> None:
    athlete_id = add_athlete(ctx.db, zoe())
    ctx.athletes_changed.emit()
    ctx.set_current_athlete(athlete_id)
    view.delete_action.trigger()
    assert list_athletes(ctx.db) == []
    ctx.undo_stack.undo()
    assert get_athlete(ctx.db, athlete_id).athlete == zoe()


def test_duplicate_adds_a_copy(view: AthletesView, ctx: AppContext) -> None:
    athlete_id = add_athlete(ctx.db, zoe())
    ctx.athletes_changed.emit()
    ctx.set_current_athlete(athlete_id)
    view.duplicate_action.trigger()
    names = [a.athlete.name for a in list_athletes(ctx.db)]
    assert names == ["Zoë Łukasiewicz", "Zoë Łukasiewicz (copy)"]


def test_search_filters_the_roster_as_you_type(qtbot: Any, view: AthletesView, ctx: AppContext) -> None:
    add_athlete(ctx.db, zoe())
    add_athlete(ctx.db, Athlete(name="Amos Otieno"))
    ctx.athletes_changed.emit()
    qtbot.keyClicks(view.search_edit, "zoe")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data() == "Zoë Łukasiewicz"
    view.search_edit.clear()
    assert view.proxy.rowCount() == 2


def test_malformed_athlete_file_is_explained_and_nothing_stored(
    view: AthletesView, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "X", "races": [{"date": "2027-02-30", "name": "R"}]}), encoding="utf-8")
    assert view.import_file(bad) is None
    assert len(shown) == 1
    assert "races[0].date" in shown[0]
    assert list_athletes(ctx.db) == []


def test_export_then_import_round_trips(view: AthletesView, ctx: AppContext, tmp_path: Path) -> None:
    athlete_id = add_athlete(ctx.db, zoe())
    out = tmp_path / "zoe.json"
    view.export_file(out, athlete_id)
    assert json.loads(out.read_text(encoding="utf-8"))["races"][0]["name"] == "Spring Marathon"
    new_id = view.import_file(out)
    assert new_id is not None
    assert get_athlete(ctx.db, new_id).athlete == zoe()


def test_bad_mileage_is_not_saved(view: AthletesView, ctx: AppContext) -> None:
    athlete_id = add_athlete(ctx.db, zoe())
    ctx.athletes_changed.emit()
    ctx.set_current_athlete(athlete_id)
    view.editor.mileage_edit.setText("40, lots, 48")
    view.editor.mileage_edit.editingFinished.emit()
    assert get_athlete(ctx.db, athlete_id).athlete.mileage is None
    assert "entry 2" in view.editor.mileage_error.text()
    view.editor.mileage_edit.setText("40, 44, 48")
    view.editor.mileage_edit.editingFinished.emit()
    assert get_athlete(ctx.db, athlete_id).athlete.mileage.weekly_km == (40, 44, 48)


def test_symptom_check_asks_for_the_wizard_of_the_selected_athlete(
    qtbot: Any, view: AthletesView, ctx: AppContext
) -> None:
    athlete_id = add_athlete(ctx.db, zoe())
    ctx.athletes_changed.emit()
    ctx.set_current_athlete(athlete_id)
    with qtbot.waitSignal(view.wizard_requested) as blocker:
        view.editor.wizard_button.click()
    assert blocker.args == [athlete_id]


def test_symptom_check_in_the_window_opens_the_wizard_view(qtbot: Any, ctx: AppContext) -> None:
    from planner.ui.main_window import MainWindow

    athlete_id = add_athlete(ctx.db, zoe())
    ctx.set_current_athlete(athlete_id)
    window = MainWindow(ctx, ctx.settings)
    qtbot.addWidget(window)
    view = window.show_view("athletes")  # the window loads it: the database is open
    qtbot.waitUntil(view.is_ready)
    view.editor.wizard_button.click()
    assert window.current_view_name == "wizard"


def test_keyboard_new_duplicate_delete(qtbot: Any, view: AthletesView, ctx: AppContext) -> None:
    view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [a.athlete.name for a in list_athletes(ctx.db)] == ["New athlete"]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(list_athletes(ctx.db)) == 2
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(list_athletes(ctx.db)) == 1


def test_symptom_check_starts_a_fresh_check_for_that_athlete(qtbot: Any, ctx: AppContext) -> None:
    from planner.ui.main_window import MainWindow

    first = add_athlete(ctx.db, Athlete(name="Amos Otieno"))
    athlete_id = add_athlete(ctx.db, zoe())
    ctx.set_current_athlete(first)
    window = MainWindow(ctx, ctx.settings)
    qtbot.addWidget(window)
    wizard_view = window.show_view("wizard")
    qtbot.waitUntil(wizard_view.is_ready)
    wizard_view.wizard.red_flag_page.none_box.box.setChecked(True)  # an earlier check, answered
    wizard_view.wizard.next()
    view = window.show_view("athletes")
    qtbot.waitUntil(view.is_ready)
    ctx.set_current_athlete(athlete_id)
    with qtbot.waitSignal(ctx.wizard_requested) as blocker:
        view.editor.wizard_button.click()
    assert blocker.args == [athlete_id]
    assert window.current_view_name == "wizard"
    assert ctx.current_athlete_id == athlete_id
    assert wizard_view.wizard.currentId() == 0
    assert not wizard_view.wizard.red_flag_page.none_box.box.isChecked()
    assert "Zoë Łukasiewicz" in wizard_view.athlete_label.text()


def test_open_wizard_for_makes_the_athlete_current(qtbot: Any, ctx: AppContext) -> None:
    from planner.ui.main_window import MainWindow

    athlete_id = add_athlete(ctx.db, zoe())
    window = MainWindow(ctx, ctx.settings)
    qtbot.addWidget(window)
    ctx.open_wizard_for(athlete_id)
    assert ctx.current_athlete_id == athlete_id
    assert window.current_view_name == "wizard"
    assert window.athlete_status.text() == "Athlete: Zoë Łukasiewicz"


def test_undo_and_redo_of_a_new_race_go_back_to_the_database(view: AthletesView, ctx: AppContext) -> None:
    athlete_id = add_athlete(ctx.db, zoe())
    ctx.athletes_changed.emit()
    ctx.set_current_athlete(athlete_id)
    view.editor.add_race_button.click()
    assert {r.name for r in get_athlete(ctx.db, athlete_id).athlete.races} == {"Spring Marathon", "New race"}
    ctx.undo_stack.undo()
    assert get_athlete(ctx.db, athlete_id).athlete.races == zoe().races
    assert view.editor.races_table.rowCount() == 1
    ctx.undo_stack.redo()
    assert len(get_athlete(ctx.db, athlete_id).athlete.races) == 2
    assert view.editor.races_table.rowCount() == 2


def test_redo_of_an_edit_writes_it_again(view: AthletesView, ctx: AppContext) -> None:
    athlete_id = add_athlete(ctx.db, zoe())
    ctx.athletes_changed.emit()
    ctx.set_current_athlete(athlete_id)
    view.editor.name_edit.setText("Zoë Ł.")
    view.editor.name_edit.editingFinished.emit()
    ctx.undo_stack.undo()
    assert get_athlete(ctx.db, athlete_id).athlete.name == "Zoë Łukasiewicz"
    ctx.undo_stack.redo()
    assert get_athlete(ctx.db, athlete_id).athlete.name == "Zoë Ł."
    assert view.editor.name_edit.text() == "Zoë Ł."
