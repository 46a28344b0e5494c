"""The library view: filtering, the detail pane, edits with undo, the exercise dialog and imports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelRoleData, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialogButtonBox

from planner.domain.exercise import Category, Dose, Exercise
from planner.store.database import Database, open_database
from planner.store.exercises import get_exercise, list_exercises
from planner.ui import library_transfer
from planner.ui.context import AppContext
from planner.ui.exercise_dialog import ExerciseDialog
from planner.ui.library_model import ExerciseFilterProxy, ExerciseTableModel
from planner.ui.library_view import BUILTIN_DELETE_REASON, LibraryView
from tests.conftest import FREE_EXERCISE_DB

CUSTOM = Exercise(
    id="banded-monster-march",
    name="Banded monster march",
    category=Category.STRENGTH,
    dose=Dose(sets=2, reps=12, each_side=True, rest_s=30),
    equipment=("band",),
    conditions=("itbs",),
)


@pytest.fixture
def view(library_view: LibraryView) -> LibraryView:
    return library_view  # tests/ui/conftest.py


def shown_names(view: LibraryView) -> list[str]:
    return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]


def answer_dialog_with(monkeypatch: pytest.MonkeyPatch, make) -> None:
    """Replace the dialog's getter: `make(exercise_or_None)` returns what the coach would enter."""
    monkeypatch.setattr(
        ExerciseDialog, "get_exercise", classmethod(lambda _cls, _parent, ex=None, **_kw: (make(ex), True))
    )


def test_typing_clam_shows_only_the_clamshells(view: LibraryView, qtbot) -> None:
    qtbot.keyClicks(view.search, "clam")
    assert sorted(shown_names(view)) == ["Side-lying clamshell", "Standing clamshell"]
    assert view.count.text() == f"2 of {view.model.rowCount()}"


def test_search_matches_ids_and_aliases(view: LibraryView) -> None:
    view.search.setText("RFESS")  # an alias of the Bulgarian split squat
    assert shown_names(view) == ["Bulgarian split squat"]
    view.search.setText("side-lying-clam")  # part of an id
    assert shown_names(view) == ["Side-lying clamshell"]


def test_category_and_condition_filters(view: LibraryView, db: Database) -> None:
    view.category.setCurrentIndex(view.category.findData("foam-roll"))
    expected = sorted(e.name for e in list_exercises(db, category="foam-roll"))
    assert sorted(shown_names(view)) == expected
    view.condition.setCurrentIndex(view.condition.findData("itbs"))
    expected = sorted(e.name for e in list_exercises(db, category="foam-roll", condition="itbs"))
    assert sorted(shown_names(view)) == expected
    assert 0 < len(expected) < view.model.rowCount()
    view.category.setCurrentIndex(0)
    view.condition.setCurrentIndex(0)
    assert view.proxy.rowCount() == view.model.rowCount()


def test_equipment_filter_body_weight_only(view: LibraryView) -> None:
    view.equipment.setCurrentIndex(view.equipment.findData("none"))
    rows = [view.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(view.proxy.rowCount())]
    assert rows
    assert all(not ex.equipment for ex in rows)


def test_models_pass_the_item_model_tester(qtbot, db: Database) -> None:
    model = ExerciseTableModel()
    proxy = ExerciseFilterProxy()
    proxy.setSourceModel(model)
    testers = [QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal) for m in (model, proxy)]
    model.set_exercises(list_exercises(db))
    proxy.set_search("squat")
    proxy.set_category("strength")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    proxy.set_search("")
    model.set_exercises([*list_exercises(db), CUSTOM])
    assert proxy.rowCount() > 0
    assert len(testers) == 2


def test_first_exercise_is_selected_and_shown(view: LibraryView) -> None:
    first = view.proxy.index(0, 0).data()
    assert view.selected_exercise() is not None
    assert view.selected_exercise().name == first
    assert first in view.detail.plain_text()


def test_detail_pane_numbers_steps_and_flags_default_doses(view: LibraryView, ctx: AppContext) -> None:
    from planner.store.exercises import write_exercises

    placeholder = replace(
        CUSTOM,
        id="imported-lunge",
        name="Imported lunge",
        dose_is_default=True,
        instructions=("Step forward.", "Come back."),
    )
    write_exercises(ctx.db, [placeholder])
    ctx.library_changed.emit()
    assert view.select_exercise("imported-lunge")
    html = view.detail.toHtml()
    text = view.detail.plain_text()
    assert "Default dose — not from the source" in text
    assert "<ol" in html
    assert "Step forward." in text
    assert "2 × 12, each side, rest 30 s" in text


def test_builtins_cannot_be_deleted_and_the_button_says_why(view: LibraryView) -> None:
    assert view.select_exercise("side-lying-clamshell")
    assert not view.delete_action.isEnabled()
    assert view.delete_action.toolTip() == BUILTIN_DELETE_REASON
    assert view.edit_action.isEnabled()


def test_dose_edit_survives_reopening_the_database(
    view: LibraryView, ctx: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    view.select_exercise("side-lying-clamshell")
    answer_dialog_with(monkeypatch, lambda ex: ex.with_dose(Dose(sets=4, reps=20, each_side=True, rest_s=30)))
    view.edit_action.trigger()
    assert "4 × 20" in view.detail.plain_text()
    path = db.path
    db.close()
    again = open_database(path)
    try:
        stored = get_exercise(again, "side-lying-clamshell")
        assert stored.dose == Dose(sets=4, reps=20, each_side=True, rest_s=30)
        assert stored.edited
    finally:
        again.close()


def test_add_duplicate_delete_and_undo_redo(
    view: LibraryView, ctx: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = view.model.rowCount()
    answer_dialog_with(monkeypatch, lambda ex: ex if ex is not None else CUSTOM)
    view.add_action.trigger()
    assert view.model.rowCount() == before + 1
    assert view.selected_exercise().name == "Banded monster march"
    assert view.delete_action.isEnabled()

    view.duplicate_action.trigger()
    assert view.model.rowCount() == before + 2
    copy = view.selected_exercise()
    assert copy.name == "Banded monster march (copy)"
    assert not copy.builtin

    view.delete_action.trigger()
    assert get_exercise(db, copy.id) is None
    ctx.undo_stack.undo()  # the delete
    assert get_exercise(db, copy.id) == copy
    ctx.undo_stack.undo()  # the duplicate
    ctx.undo_stack.undo()  # the add
    assert view.model.rowCount() == before
    assert get_exercise(db, "banded-monster-march") is None
    ctx.undo_stack.redo()
    assert get_exercise(db, "banded-monster-march") is not None
    assert view.model.rowCount() == before + 1


def test_undo_of_an_edit_restores_the_builtin_exactly(
    view: LibraryView, ctx: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = get_exercise(db, "side-lying-clamshell")
    view.select_exercise(original.id)
    answer_dialog_with(monkeypatch, lambda ex: replace(ex, name="Clams"))
    view.edit_action.trigger()
    assert get_exercise(db, original.id).name == "Clams"
    ctx.undo_stack.undo()
    assert get_exercise(db, original.id) == original
    ctx.undo_stack.redo()
    assert get_exercise(db, original.id).name == "Clams"


def test_invalid_dose_cannot_be_saved(qtbot) -> None:
    dialog = ExerciseDialog(CUSTOM)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.reps.setValue(dialog.reps.minimum())  # reps: none, and no hold or duration either
    assert not ok.isEnabled()
    assert dialog.problem.text() == "Give reps, a hold or a duration."
    dialog.hold.setValue(30)
    assert ok.isEnabled()
    assert dialog.exercise().dose.hold_s == 30
    dialog.name.clear()
    assert not ok.isEnabled()
    assert "name" in dialog.problem.text()


def test_dialog_spin_boxes_keep_the_dose_limits(qtbot) -> None:
    dialog = ExerciseDialog()
    qtbot.addWidget(dialog)
    assert (dialog.sets.minimum(), dialog.sets.maximum()) == (1, 20)
    assert dialog.reps.maximum() == 200
    assert dialog.hold.maximum() == 600
    assert dialog.rest.maximum() == 600
    dialog.reps.setValue(500)
    assert dialog.reps.value() == 200


def test_dialog_round_trips_an_exercise(qtbot) -> None:
    full = replace(
        CUSTOM,
        aliases=("monster walk",),
        targets=("glute_med",),
        instructions=("One.", "Two."),
        cues=("Knees out.",),
        easier="Lighter band.",
        harder="Heavier band.",
    )
    dialog = ExerciseDialog(full)
    qtbot.addWidget(dialog)
    assert dialog.exercise() == full


def test_import_free_exercise_db_in_the_background(view: LibraryView, ctx: AppContext, db: Database, qtbot) -> None:
    # The result is told in the status bar, never in a modal box (the conftest guard fails the test if one opens):
    # a modal from a background completion is what hung this test forever on a clone without the data.
    said: list[str] = []
    ctx.status_message.connect(said.append)
    before = view.model.rowCount()
    library_transfer.start_import(view, ctx, FREE_EXERCISE_DB)
    qtbot.waitUntil(lambda: any("873 added" in message for message in said), timeout=60_000)
    assert any("exercises.json" in message and "0 updated, 0 skipped" in message for message in said), said
    qtbot.waitUntil(lambda: view.model.rowCount() == before + 873, timeout=10_000)
    assert len(list_exercises(db)) == before + 873


def test_import_of_a_bad_file_writes_nothing(
    view: LibraryView, ctx: AppContext, db: Database, tmp_path: Path, qtbot
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "stride-planner-library", "exercises": [{"id": "x", "name": ""}]}', encoding="utf-8")
    errors: list[str] = []
    ctx.status_message.connect(errors.append)  # told in the status bar, never in a dialog
    before = len(list_exercises(db))
    library_transfer.start_import(view, ctx, bad)
    qtbot.waitUntil(lambda: errors != [], timeout=10_000)
    assert "bad.json" in errors[0]
    assert "name" in errors[0]
    assert len(list_exercises(db)) == before


def test_cancelled_import_leaves_the_library_as_it_was(view: LibraryView, ctx: AppContext, db: Database, qtbot) -> None:
    errors: list[str] = []
    ctx.status_message.connect(errors.append)  # told in the status bar, never in a dialog
    before = len(list_exercises(db))
    task = library_transfer.start_import(view, ctx, FREE_EXERCISE_DB)
    task.cancel()
    qtbot.waitUntil(lambda: errors != [], timeout=30_000)
    assert "cancelled" in errors[0]
    assert len(list_exercises(db)) == before


def test_filtering_ten_thousand_rows_follows_every_keystroke(qtbot) -> None:
    # Speed is the benchmark's job (bench/run.py, search_keystroke_p95); here: the right rows each time.
    many = [
        replace(
            CUSTOM,
            id=f"exercise-{i}",
            name=f"Exercise {i} {'clam' if i % 50 == 0 else 'squat'}",
            aliases=(f"alias {i}",),
        )
        for i in range(10_000)
    ]
    model = ExerciseTableModel()
    proxy = ExerciseFilterProxy()
    proxy.setSourceModel(model)
    model.set_exercises(many)
    assert proxy.rowCount() == 10_000
    expected = {"c": 10_000, "cl": 200, "cla": 200, "clam": 200, "clamx": 0, "alias 9999": 1, "": 10_000}
    for text, rows in expected.items():
        proxy.set_search(text)
        assert proxy.rowCount() == rows, text


def test_a_painted_cell_shows_only_its_own_roles(view: LibraryView) -> None:
    # The delegate reuses one role span from cell to cell: the built-in badge of the Name cell must not
    # show in the next column's cell, which has no badge of its own.
    span = [QModelRoleData(int(Qt.ItemDataRole.DecorationRole)), QModelRoleData(int(Qt.ItemDataRole.DisplayRole))]
    view.proxy.multiData(view.proxy.index(0, 0), span)
    assert span[0].data() is not None  # a built-in: the badge
    view.proxy.multiData(view.proxy.index(0, 1), span)
    assert span[0].data() is None
    assert span[1].data() == view.proxy.index(0, 1).data()
