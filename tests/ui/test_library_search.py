"""Searching the library as a coach does: the chosen exercise stays chosen while typing, the detail pane follows the
current row, the keyboard moves through the rows, and the painted table shows what the filter lets through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from planner.ui.library_model import ExerciseIdRole
from planner.ui.library_view import LibraryView


@pytest.fixture
def view(library_view: LibraryView) -> LibraryView:
    return library_view  # tests/ui/conftest.py


def current_id(view: LibraryView) -> str | None:
    index = view.table.currentIndex()
    return view.proxy.index(index.row(), 0).data(ExerciseIdRole) if index.isValid() else None


def shown_in_detail(view: LibraryView, exercise_id: str) -> bool:
    ex = view.model.exercise(view.model.row_of(exercise_id))
    return (
        view.detail.exercise is not None
        and view.detail.exercise.id == exercise_id
        and ex.name in view.detail.plain_text()
    )


def painted_names(view: LibraryView) -> list[str]:
    """The names in the rows on screen, as painted (each row gets its cells when it is painted)."""
    view.table.viewport().repaint()
    first, last = view.table.rowAt(0), view.table.rowAt(view.table.viewport().height() - 1)
    last = view.table.model().rowCount() - 1 if last < 0 else last
    return [view.table.model().index(r, 0).data() for r in range(first, last + 1)] if first >= 0 else []


def listed_names(view: LibraryView) -> list[str]:
    """The names the filter lets through, in the rows on screen."""
    first, last = view.table.rowAt(0), view.table.rowAt(view.table.viewport().height() - 1)
    last = view.proxy.rowCount() - 1 if last < 0 else last
    return [view.proxy.index(r, 0).data() for r in range(first, last + 1)] if first >= 0 else []


def test_the_chosen_exercise_stays_chosen_while_typing_a_search_it_matches(view: LibraryView, qtbot) -> None:
    assert view.select_exercise("standing-clamshell")
    for key in "clam":
        QTest.keyClicks(view.search, key)
        assert current_id(view) == "standing-clamshell"
    qtbot.waitUntil(lambda: shown_in_detail(view, "standing-clamshell"), timeout=15_000)


def test_the_detail_pane_shows_the_first_match_after_typing(view: LibraryView, qtbot) -> None:
    assert view.select_exercise("standing-clamshell")
    QTest.keyClicks(view.search, "bridge")
    first = view.proxy.index(0, 0).data(ExerciseIdRole)
    assert "bridge" in first
    assert current_id(view) == first
    qtbot.waitUntil(lambda: shown_in_detail(view, first), timeout=15_000)


def test_deleting_the_search_keeps_the_exercise_found_with_it(view: LibraryView, qtbot) -> None:
    QTest.keyClicks(view.search, "side-lying-clam")
    assert current_id(view) == "side-lying-clamshell"
    for _ in range(len("side-lying-clam")):
        QTest.keyClick(view.search, Qt.Key.Key_Backspace)
    assert view.search.text() == ""
    assert current_id(view) == "side-lying-clamshell"
    assert view.count.text() == f"{view.model.rowCount()} exercises"
    qtbot.waitUntil(lambda: shown_in_detail(view, "side-lying-clamshell"), timeout=15_000)


def test_the_table_shows_the_rows_the_search_lets_through(view: LibraryView) -> None:
    QTest.keyClicks(view.search, "clam")
    assert painted_names(view) == listed_names(view)
    assert sorted(painted_names(view)) == ["Side-lying clamshell", "Standing clamshell"]


def test_arrow_keys_move_the_current_exercise_and_the_detail_follows(view: LibraryView, qtbot) -> None:
    view.table.setFocus()
    first, second = (view.proxy.index(r, 0).data(ExerciseIdRole) for r in (0, 1))
    assert current_id(view) == first
    QTest.keyClick(view.table, Qt.Key.Key_Down)
    assert current_id(view) == second
    qtbot.waitUntil(lambda: shown_in_detail(view, second), timeout=15_000)
    QTest.keyClick(view.table, Qt.Key.Key_Up)
    assert current_id(view) == first
    qtbot.waitUntil(lambda: shown_in_detail(view, first), timeout=15_000)


def test_typing_in_the_table_jumps_to_a_name_starting_with_it(view: LibraryView) -> None:
    view.table.setFocus()
    QTest.keyClicks(view.table, "standing c")
    assert view.proxy.index(view.table.currentIndex().row(), 0).data() == "Standing clamshell"


def test_clicking_the_name_header_sorts_descending_and_keeps_the_exercise(view: LibraryView, qtbot) -> None:
    assert view.select_exercise("standing-clamshell")
    names = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    header = view.table.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(0) + 5, 5))
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == sorted(
        names, key=str.lower, reverse=True
    )
    assert painted_names(view) == listed_names(view)
    assert current_id(view) == "standing-clamshell"


def test_a_cell_tooltip_comes_from_the_exercise(view: LibraryView, qtbot) -> None:
    QTest.keyClicks(view.search, "standing clam")
    viewport = view.table.viewport()
    rect = view.table.visualRect(view.table.model().index(0, 0))
    event = QHelpEvent(QHelpEvent.Type.ToolTip, rect.center(), viewport.mapToGlobal(rect.center()))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: QToolTip.text() != "", timeout=15_000)
    assert QToolTip.text() == "Standing clamshell — Built-in"
    QToolTip.hideText()


def test_rows_scrolled_to_show_their_own_exercises_and_old_cells_are_let_go(qtbot) -> None:
    from dataclasses import replace

    from planner.domain.exercise import Category, Dose, Exercise
    from planner.ui.library_model import ExerciseFilterProxy, ExerciseTableModel
    from planner.ui.library_painted import ROWS_KEPT, LibraryTable

    base = Exercise(id="x", name="x", category=Category.STRENGTH, dose=Dose(sets=2, reps=10))
    model, proxy = ExerciseTableModel(), ExerciseFilterProxy()
    proxy.setSourceModel(model)
    model.set_exercises([replace(base, id=f"exercise-{i:05}", name=f"Exercise {i:05}") for i in range(3 * ROWS_KEPT)])
    table = LibraryTable(proxy)
    qtbot.addWidget(table)
    table.resize(600, 400)
    table.show()
    qtbot.waitExposed(table)
    shown = table.viewport().height() // table.rowHeight(0)
    for row in range(0, proxy.rowCount(), shown):
        table.scrollTo(table.model().index(row, 0), table.ScrollHint.PositionAtTop)
        qtbot.waitUntil(lambda row=row: table.model().index(row, 0).data() is not None, timeout=15_000)
        assert table.model().index(row, 0).data() == f"Exercise {row:05}"
    assert len(table.painted._cells) <= ROWS_KEPT
    table.scrollToTop()
    qtbot.waitUntil(lambda: table.model().index(0, 0).data() is not None, timeout=15_000)
    assert table.model().index(0, 0).data() == "Exercise 00000"  # let go, and made again when painted


def test_a_key_that_keeps_the_same_rows_leaves_the_table_as_it_is(view: LibraryView, qtbot) -> None:
    QTest.keyClicks(view.search, "clam")
    view.select_exercise("standing-clamshell")
    with qtbot.assertNotEmitted(view.table.model().modelAboutToBeReset):
        QTest.keyClicks(view.search, "s")  # "clams": the same two clamshells
    assert view.count.text() == f"2 of {view.model.rowCount()}"
    assert current_id(view) == "standing-clamshell"


def test_the_painted_model_passes_the_item_model_tester(view: LibraryView) -> None:
    from PySide6.QtTest import QAbstractItemModelTester

    tester = QAbstractItemModelTester(view.table.model(), QAbstractItemModelTester.FailureReportingMode.Fatal)
    for text in ("b", "br", "bridge", "bridgex", "bridge", ""):
        view.search.setText(text)
        view.table.viewport().repaint()
    view.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    view.table.viewport().repaint()
    assert tester is not None


def test_the_badges_follow_a_palette_change(view: LibraryView, qtbot) -> None:
    """View ▸ Dark mode (apply_style: palette and style sheet together) repaints the badges in the other colours,
    whatever style an earlier test left on the application."""
    from PySide6.QtGui import QIcon

    from planner.ui.colors import app_is_dark
    from planner.ui.style import apply_style

    def badge() -> int:
        view.table.viewport().repaint()  # the painted rows get their cells (and badges) when painted
        icon = view.table.model().index(0, 0).data(Qt.ItemDataRole.DecorationRole)
        return icon.cacheKey() if isinstance(icon, QIcon) else 0

    app = QApplication.instance()
    was_dark = app_is_dark()
    apply_style(app, dark=False)
    try:
        light = badge()
        assert light != 0
        apply_style(app, dark=True)
        qtbot.waitUntil(lambda: badge() not in (0, light), timeout=15_000)
        apply_style(app, dark=False)
        qtbot.waitUntil(lambda: badge() not in (0,), timeout=15_000)
        assert not app_is_dark()
    finally:
        apply_style(app, dark=was_dark)
