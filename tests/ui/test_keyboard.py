"""Keyboard everywhere: Tab reaches every control of every view and dialog and leaves every widget; Ctrl+Z
works whatever has the focus; dialog buttons answer to Alt+letter; Enter presses the default button."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QPushButton,
    QScrollArea,
    QWidget,
)

from planner.ui.keyboard import mnemonic
from planner.ui.main_window_views import VIEW_NAMES

MAX_STEPS = 400


def _tab_stops(root: QWidget) -> list[QWidget]:
    """Every enabled, visible control under `root` that Tab should reach."""
    stops = []
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the field's own line edit: the field is the stop
        if isinstance(widget, QScrollArea):
            continue  # a scroll area follows the focus of what is inside it
        stops.append(widget)
    return stops


def _walk(start: QWidget, until: QWidget | None = None) -> list[QWidget]:
    """Press Tab from `start` until the focus comes back round (or reaches `until`); every widget passed."""
    app = QApplication.instance()
    seen: list[QWidget] = []
    focus = start
    stay = 0
    for _ in range(MAX_STEPS):
        QTest.keyClick(focus, Qt.Key.Key_Tab)
        after = app.focusWidget()
        assert after is not None, f"Tab from {type(focus).__name__} left nothing with the focus"
        if after is focus and isinstance(focus, QAbstractItemView):
            stay += 1  # an editable table moves from cell to cell, and leaves after its last one
            assert stay < 200, f"Tab never left {type(focus).__name__} {focus.objectName()!r}"
            continue
        assert after is not focus, f"Tab did not leave {type(focus).__name__} {focus.objectName()!r}"
        stay = 0
        seen.append(after)
        if after is (until or start) or after in seen[:-1]:
            break
        focus = after
    return seen


def _reached(stop: QWidget, seen: list[QWidget]) -> bool:
    if stop in seen:
        return True
    # A table with editors in its cells is reached through them.
    return isinstance(stop, QAbstractItemView) and any(stop.isAncestorOf(w) for w in seen)


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_tab_reaches_every_control_of_each_view_and_comes_back(main_window, qtbot: Any, name: str) -> None:
    from planner.export.demo import demo_athlete
    from planner.store.athletes import add_athlete
    from planner.store.plans import regenerate_plan

    athlete_id = add_athlete(main_window.ctx.db, demo_athlete())
    regenerate_plan(main_window.ctx.db, athlete_id)
    main_window.ctx.set_current_athlete(athlete_id)
    view = main_window.show_view(name)
    qtbot.waitUntil(view.is_ready, timeout=15_000)
    main_window.activateWindow()
    main_window.sidebar.setFocus()
    qtbot.waitUntil(main_window.sidebar.hasFocus)
    seen = _walk(main_window.sidebar)
    assert seen[-1] is main_window.sidebar, f"Tab never came back to the sidebar: {[type(w).__name__ for w in seen]}"
    missed = [f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()}" for w in _tab_stops(view)]
    missed = [m for w, m in zip(_tab_stops(view), missed, strict=True) if not _reached(w, seen)]
    assert not missed, f"Tab never reached: {missed}"


def test_tab_in_the_athlete_note_moves_on_instead_of_typing_a_tab(main_window, qtbot: Any) -> None:
    from planner.domain.athlete import Athlete
    from planner.store.athletes import add_athlete

    main_window.ctx.set_current_athlete(add_athlete(main_window.ctx.db, Athlete(name="Ada")))
    view = main_window.show_view("athletes")
    qtbot.waitUntil(view.is_ready)
    note = view.editor.note_edit
    note.setFocus()
    QTest.keyClick(note, Qt.Key.Key_Tab)
    assert "\t" not in note.toPlainText()
    assert not note.hasFocus()


def test_shift_tab_through_the_roster_keeps_the_athlete(main_window, qtbot: Any) -> None:
    from planner.domain.athlete import Athlete
    from planner.store.athletes import add_athlete

    first = add_athlete(main_window.ctx.db, Athlete(name="Ada"))
    add_athlete(main_window.ctx.db, Athlete(name="Ben"))
    main_window.ctx.set_current_athlete(first)
    view = main_window.show_view("athletes")
    qtbot.waitUntil(view.is_ready)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.instance().focusWidget(), Qt.Key.Key_Backtab)
    QTest.keyClick(QApplication.instance().focusWidget(), Qt.Key.Key_Backtab)
    assert main_window.ctx.current_athlete_id == first


class _Marker(QUndoCommand):
    def __init__(self, log: list[str]) -> None:
        super().__init__("Change dose")
        self.log = log

    def redo(self) -> None:
        self.log.append("done")

    def undo(self) -> None:
        self.log.append("undone")


def test_ctrl_z_undoes_while_a_spin_box_has_the_focus(main_window, qtbot: Any) -> None:
    view = main_window.show_view("plan")
    log: list[str] = []
    main_window.ctx.undo_stack.push(_Marker(log))
    view.weeks_spin.setEnabled(True)
    view.weeks_spin.show()
    view.weeks_spin.setFocus()
    QTest.keyClick(view.weeks_spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert log == ["done", "undone"]
    QTest.keyClick(
        view.weeks_spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert log == ["done", "undone", "done"]


def test_a_text_field_keeps_ctrl_z_for_its_own_typing(main_window, qtbot: Any) -> None:
    view = main_window.show_view("library")
    qtbot.waitUntil(view.is_ready)
    log: list[str] = []
    main_window.ctx.undo_stack.push(_Marker(log))
    search = view.search
    search.setFocus()
    QTest.keyClicks(search, "squat")
    QTest.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert log == ["done"]
    assert search.text() != "squat"


def _dialogs(qtbot: Any, ctx: Any, settings: Any) -> list[QDialog]:
    from planner.ui.about_dialog import AboutDialog
    from planner.ui.exercise_dialog import ExerciseDialog
    from planner.ui.preferences_dialog import PreferencesDialog
    from planner.ui.shortcuts import ShortcutsDialog

    made = [PreferencesDialog(settings), ShortcutsDialog(), AboutDialog(), ExerciseDialog()]
    for dialog in made:
        qtbot.addWidget(dialog)
    return made


def test_every_dialog_button_has_its_own_accelerator(qtbot: Any, ctx: Any, settings: Any) -> None:
    for dialog in _dialogs(qtbot, ctx, settings):
        dialog.show()
        QApplication.processEvents()
        buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text()]
        letters = [mnemonic(b.text()) for b in buttons]
        assert None not in letters, f"{type(dialog).__name__}: {[b.text() for b in buttons]}"
        assert len(set(letters)) == len(letters), f"{type(dialog).__name__}: {[b.text() for b in buttons]}"
        dialog.close()


def test_tab_reaches_every_control_of_each_dialog(qtbot: Any, ctx: Any, settings: Any) -> None:
    for dialog in _dialogs(qtbot, ctx, settings):
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.instance().focusWidget() is not None and d.isActiveWindow())
        start = QApplication.instance().focusWidget()
        seen = _walk(start)
        missed = [type(w).__name__ for w in _tab_stops(dialog) if not _reached(w, seen)]
        assert not missed, f"{type(dialog).__name__}: Tab never reached {missed}"
        dialog.close()


def test_the_database_label_shows_its_accelerator_not_an_ampersand(qtbot: Any, settings: Any) -> None:
    from PySide6.QtWidgets import QLabel

    from planner.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    label = next(w for w in dialog.findChildren(QLabel) if "database" in w.text())
    assert label.buddy() is dialog.database


def test_see_the_result_has_an_accelerator_and_is_what_enter_presses(qtbot: Any, ctx: Any) -> None:
    from PySide6.QtWidgets import QWizard

    from planner.ui.wizard_window import SymptomWizard

    wizard = SymptomWizard(ctx)
    qtbot.addWidget(wizard)
    text = wizard.form_page.buttonText(QWizard.WizardButton.NextButton)
    assert mnemonic(text) == "s"
    assert not wizard.form_page.skip.autoDefault()


def test_dialog_buttons_are_buttons_a_keyboard_reaches(qtbot: Any, ctx: Any, settings: Any) -> None:
    for dialog in _dialogs(qtbot, ctx, settings):
        for button in dialog.findChildren(QAbstractButton):
            if button.objectName().startswith("qt_"):
                continue  # Qt's own parts (a table's corner button) that are not focus stops by design
            assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{type(dialog).__name__}: {button.text()}"
