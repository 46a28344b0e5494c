"""The Library table paints its rows itself (planner/ui/library_painted.py); these tests hold it to Qt's own
painting of the same cells, pixel for pixel, so the coach sees what the stock table would show: the zebra rows, the
selected row, the badges, the italic default dose, elided texts in narrow columns, the focus ring, both palettes.

The reference is the same view painted by `QTableView.paintEvent` over the painted model with its cells filled
(what the table did before it painted itself)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

from planner.ui import library_view as library_view_module
from planner.ui.library_painted import LibraryTable
from planner.ui.library_view import LibraryView
from planner.ui.style import apply_style
from tests.ui.views import open_library_view


class QtPaintedTable(LibraryTable):
    """The table as Qt paints it: the cells filled before each paint, then QTableView's own paintEvent."""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._fill_shown()
        return super().viewportEvent(event)

    def paintEvent(self, event) -> None:
        QTableView.paintEvent(self, event)


@pytest.fixture(params=["light", "dark"])
def styled(request, qapp: QApplication) -> Iterator[bool]:
    from planner.ui.colors import app_is_dark

    was = app_is_dark()
    dark = request.param == "dark"
    apply_style(qapp, dark=dark)
    yield dark
    apply_style(qapp, dark=was)


def two_views(qtbot, ctx, monkeypatch) -> tuple[LibraryView, LibraryView]:
    views = []
    for table_class in (LibraryTable, QtPaintedTable):
        monkeypatch.setattr(library_view_module, "LibraryTable", table_class)
        views.append(open_library_view(qtbot, ctx))
    assert type(views[0].table) is LibraryTable and type(views[1].table) is QtPaintedTable
    return views[0], views[1]


def both(views: tuple[LibraryView, LibraryView], act) -> None:
    for view in views:
        act(view)
    QApplication.processEvents()


def viewport(view: LibraryView, *, texts_forgotten: bool = False) -> QImage:
    """The table's viewport as painted with its window the active one (focus and colours are the active ones);
    with `texts_forgotten`, painted with none of its texts seen before (grab() paints it once more)."""
    view.activateWindow()
    QTest.qWaitForWindowActive(view, 15_000)
    QApplication.processEvents()
    if texts_forgotten:
        view.table._forget_layouts()
    else:
        view.table.viewport().repaint()
    return view.table.viewport().grab().toImage()


def differing(a: QImage, b: QImage) -> list[tuple[int, int]]:
    assert a.size() == b.size()
    return [(x, y) for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y)]


def assert_same(views: tuple[LibraryView, LibraryView], what: str) -> None:
    """Both ways the table draws a text: as a string the first time it is painted, then laid out and kept."""
    qts = viewport(views[1])
    for how, forgotten in (("texts seen for the first time", True), ("texts seen before", False)):
        diff = differing(viewport(views[0], texts_forgotten=forgotten), qts)
        assert not diff, f"{what}, {how}: {len(diff)} pixels differ from Qt's painting, first at {diff[:5]}"


@pytest.mark.usefixtures("styled")
def test_the_rows_look_as_qt_paints_them(qtbot, ctx, monkeypatch) -> None:
    views = two_views(qtbot, ctx, monkeypatch)
    assert_same(views, "the library as loaded, first row selected")
    both(views, lambda v: QTest.keyClicks(v.search, "bridge"))
    assert_same(views, "a search")
    both(views, lambda v: v.search.clear())
    both(views, lambda v: v.table.setFocus())
    assert_same(views, "the table with the keyboard (focus ring on the current cell)")
    both(views, lambda v: QTest.keyClick(v.table, Qt.Key.Key_Right))
    assert_same(views, "the current cell in the second column")
    both(views, lambda v: v.table.verticalScrollBar().setValue(v.table.verticalScrollBar().maximum()))
    assert_same(views, "scrolled to the end (the selected row out of sight)")
    both(views, lambda v: (v.table.setColumnWidth(0, 90), v.table.setColumnWidth(4, 60)))
    assert_same(views, "narrow columns: names and doses elided")


def test_a_default_dose_is_painted_in_italics_as_qt_would(qtbot, ctx, monkeypatch) -> None:
    from dataclasses import replace

    from planner.store.exercises import get_exercise, update_exercise

    ex = get_exercise(ctx.db, "standing-clamshell")
    update_exercise(ctx.db, replace(ex, dose_is_default=True))
    views = two_views(qtbot, ctx, monkeypatch)
    both(views, lambda v: QTest.keyClicks(v.search, "clamshell"))
    views[0].table.viewport().repaint()
    doses = {texts[0]: texts[4] for _row, texts in views[0].table.last_painted}
    assert doses[ex.name].endswith(" *")  # the dose cell marks a default dose
    assert not doses["Side-lying clamshell"].endswith(" *")
    assert_same(views, "a default dose (italic) beside a dose from the source")


def test_the_table_is_disabled_as_qt_would_grey_it(qtbot, ctx, monkeypatch) -> None:
    views = two_views(qtbot, ctx, monkeypatch)
    both(views, lambda v: v.table.setEnabled(False))
    assert_same(views, "disabled")


def test_fitting_a_column_to_its_contents_gives_qt_s_width(qtbot, ctx, monkeypatch) -> None:
    """A double-click on a header divider fits the column to the rows on screen: the widths Qt's table gives."""
    mine, qts = two_views(qtbot, ctx, monkeypatch)
    qts.table.viewport().repaint()  # the reference measures the cells the paint filled
    for column in range(mine.table.model().columnCount()):
        assert mine.table.sizeHintForColumn(column) == qts.table.sizeHintForColumn(column), column
