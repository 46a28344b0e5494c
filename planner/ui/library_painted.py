"""The Library table's painted cells, held in a C++ item model so that painting never calls into Python.

A keystroke repaints some 160 cells. Through a Python model each cell is a call from C++ into Python (PySide's
dispatch costs more than the answer): 10 ms a repaint against 4.5 ms for a `QStandardItemModel` holding the same
texts. So the table shows a plain `QStandardItemModel` (no Python subclass: a subclass is called back into Python
again) with as many rows as the filter lets through, and only the rows about to be painted hold items, made from
the filter model's formatted texts when the view asks for them (`fill`, called just before each paint). The rows,
their order and every role a painted cell does not need (the exercise, its id, the tooltips) stay with
`ExerciseFilterProxy`, whose row numbers are the same.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QToolTip, QWidget

from planner.ui.library_model import HEADERS, Column, ExerciseFilterProxy

_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # read-only, like the filter model's cells
_NAME, _DOSE = int(Column.NAME), int(Column.DOSE)
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
ROWS_KEPT = 1000  # painted rows whose cells are kept; scrolling past more drops those out of sight


class PaintedRows(QObject):
    """`model`: as many rows as `proxy` shows, in its order; a row has its cells once it has been painted."""

    def __init__(self, proxy: ExerciseFilterProxy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.model = QStandardItemModel(self)
        self.model.setColumnCount(len(Column))
        self.model.setHorizontalHeaderLabels([HEADERS[c] for c in Column])
        self._cells: dict[int, list[QStandardItem]] = {}  # rows that have items, by row
        self._filled: set[int] = set()  # rows whose items show the filter model's row as it is now
        # The filter model resets when a filter changes and lays out again when sorted: either way every row
        # may show another exercise, so this model resets with it (the view keeps its exercise by id).
        proxy.modelAboutToBeReset.connect(self.model.beginResetModel)
        proxy.modelReset.connect(self._follow)
        proxy.layoutAboutToBeChanged.connect(self.model.beginResetModel)
        proxy.layoutChanged.connect(self._follow)
        self._resize()

    def _follow(self, *_args: object) -> None:
        self._resize()
        self.model.endResetModel()

    def _resize(self) -> None:
        # Inside a reset: the views hear of the new row count once, from endResetModel. The rows that stay keep
        # their items, to be written over when next painted: new items cost a paint more than new texts.
        rows = self.proxy.rowCount()
        blocked = self.model.blockSignals(True)
        try:
            self.model.setRowCount(rows)  # rows past the new end go, with their items
        finally:
            self.model.blockSignals(blocked)
        self._cells = {row: items for row, items in self._cells.items() if row < rows}
        self._filled.clear()

    def fill(self, first: int, last: int) -> None:
        """Give rows `first`..`last` (those about to be painted) the texts of the rows they show now."""
        last = min(last, self.model.rowCount() - 1)
        todo = [row for row in range(max(first, 0), last + 1) if row not in self._filled]
        if not todo:
            return
        if len(self._cells) + len(todo) > ROWS_KEPT:
            self.forget(keep=range(first, last + 1))
        source, model, cells = self.proxy.source(), self.model, self._cells
        visible = self.proxy.visible_rows()
        # Cells written for the paint under way: telling the view (dataChanged) would only ask for another paint.
        blocked = model.blockSignals(True)
        try:
            for row in todo:
                source_row = visible[row]
                ex = source.listed(source_row)
                texts = source.row_texts(source_row)
                items = cells.get(row)
                if items is None:
                    items = cells[row] = [QStandardItem(text) for text in texts]
                    for col, item in enumerate(items):
                        item.setFlags(_FLAGS)
                        model.setItem(row, col, item)
                else:
                    for item, text in zip(items, texts, strict=True):
                        item.setText(text)
                items[_NAME].setIcon(source.badge(ex))
                items[_DOSE].setData(source.italic if ex.dose_is_default else None, _FONT)
                self._filled.add(row)
        finally:
            model.blockSignals(blocked)

    def forget(self, keep: range = range(0)) -> None:
        """Drop the items of rows outside `keep` (the palette changed, or too many rows were painted); they are
        made again when next painted."""
        model = self.model
        blocked = model.blockSignals(True)
        try:
            for row in [r for r in self._cells if r not in keep]:
                for col in range(model.columnCount()):
                    model.takeItem(row, col)
                del self._cells[row]
                self._filled.discard(row)
        finally:
            model.blockSignals(blocked)


class LibraryTable(QTableView):
    """The Library's table over `PaintedRows`: fills the rows it is about to paint, and answers tooltips and
    type-ahead from the filter model (the painted model has only the painted rows' texts)."""

    def __init__(self, proxy: ExerciseFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.painted = PaintedRows(proxy, self)
        self.setModel(self.painted.model)
        self._typed = ""
        self._typing = QElapsedTimer()

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self._fill_shown()
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            tip = self.proxy.index(index.row(), index.column()).data(_TOOLTIP) if index.isValid() else None
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport(), self.visualRect(index))
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _fill_shown(self) -> None:
        rows = self.painted.model.rowCount()
        if rows == 0:
            return
        first = self.rowAt(0)
        if first < 0:
            return  # scrolled past the rows (never, but nothing to fill)
        last = self.rowAt(self.viewport().height() - 1)
        self.painted.fill(first, last if last >= 0 else rows - 1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.painted.forget()  # the badges carry the palette's colours
            self.viewport().update()

    def keyboardSearch(self, search: str) -> None:
        # Qt's type-ahead matches the model's cells, and here only painted rows have cells: match the names.
        if not search:
            self._typed = ""
            return
        if not self._typing.isValid() or self._typing.elapsed() > QApplication.keyboardInputInterval():
            self._typed = ""
        self._typing.start()
        repeat = self._typed == search  # the same letter again: the next name with it, as in Qt
        self._typed = search if repeat else self._typed + search
        typed = self._typed.lower()
        visible = self.proxy.visible_rows()
        source = self.proxy.source()
        current = self.currentIndex().row()
        start = current + 1 if repeat or len(self._typed) == 1 else max(current, 0)
        for offset in range(len(visible)):
            row = (start + offset) % len(visible)
            if source.listed(visible[row]).name.lower().startswith(typed):
                self.setCurrentIndex(self.painted.model.index(row, 0))
                return
