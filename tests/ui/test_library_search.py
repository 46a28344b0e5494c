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
    """The names in the rows on screen, as the table's last paint drew them."""
    view.table.viewport().repaint()
    return [texts[0] for _row, texts in view.table.last_painted]


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


@pytest.fixture
def screen_reader():
    """An accessibility client listening, as a screen reader does: the table's model then carries the cells."""
    from PySide6.QtGui import QAccessible

    was = QAccessible.isActive()
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(was)


def test_rows_scrolled_to_show_their_own_exercises_and_old_cells_are_let_go(qtbot, screen_reader) -> None:
    """With a screen reader listening, the painted rows' cells are in the model (what the reader reads), each
    row with its own exercise, and rows scrolled far away let their cells go."""
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


def test_without_a_screen_reader_the_model_holds_no_cells_and_the_paint_still_shows_the_rows(view) -> None:
    from PySide6.QtGui import QAccessible

    assert not QAccessible.isActive()
    QTest.keyClicks(view.search, "bridge")
    names = painted_names(view)
    assert names and all("bridge" in name.lower() for name in names)
    assert names == listed_names(view)
    assert view.table.model().index(0, 0).data() is None  # no items made: painting reads the filter model


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
    from PySide6.QtGui import QColor

    from planner.ui.colors import app_is_dark, color
    from planner.ui.style import apply_style

    view.table.clearSelection()  # the first row unselected: the badge on the plain row

    def badge_colours() -> set[str]:
        """The colours painted across the first row's badge, a line through its top part."""
        image = view.table.viewport().grab().toImage()
        rect = view.table.visualRect(view.table.model().index(0, 0))
        y = rect.top() + rect.height() // 2 - 5
        return {QColor(image.pixel(x, y)).name() for x in range(rect.left(), rect.left() + 24)}

    def badge_in(dark: bool) -> bool:
        return QColor(color("badge_builtin", dark)).name() in badge_colours()

    app = QApplication.instance()
    was_dark = app_is_dark()
    apply_style(app, dark=False)
    try:
        qtbot.waitUntil(lambda: badge_in(dark=False), timeout=15_000)
        assert not badge_in(dark=True)
        apply_style(app, dark=True)
        qtbot.waitUntil(lambda: badge_in(dark=True), timeout=15_000)
        assert not badge_in(dark=False)
        apply_style(app, dark=False)
        qtbot.waitUntil(lambda: badge_in(dark=False), timeout=15_000)
    finally:
        apply_style(app, dark=was_dark)


def test_the_first_filter_on_details_reads_every_row_once_and_gives_the_cursor_back(view: LibraryView) -> None:
    """A filter by equipment or condition needs every row's details (a file's rows are listed without them): they are
    read once, under a wait cursor that is gone when the rows are shown."""
    assert not view.model.all_prepared()
    view.category.setCurrentIndex(view.category.findData("strength"))
    view.equipment.setCurrentIndex(0)  # "Any equipment": nothing to read
    assert not view.model.all_prepared()
    view.equipment.setCurrentIndex(view.equipment.findData("band"))
    assert view.model.all_prepared()
    assert QApplication.overrideCursor() is None
    rows = view.proxy.visible_rows()
    assert rows
    for row in rows:
        ex = view.model.listed(row)
        assert ex.category.value == "strength" and ("band" in ex.equipment or "band" in ex.optional_equipment)
