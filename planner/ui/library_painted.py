"""The Library table: a `QTableView` that paints its rows itself, from the filter model's formatted texts.

A keystroke of a search repaints some 160 cells. Painted by Qt, each cell goes through the style's item-view code,
which lays its text out three times (to size it, to elide it, to draw it): 8-14 ms a repaint on this machine kind,
the most of a keystroke. `LibraryTable.paintEvent` draws the same rows in one pass: the backgrounds a row at a time,
each text elided once and kept as a laid-out `QStaticText` (the category, equipment and dose texts repeat from row to
row), the badge, and the focus ring through the style. The geometry (margins, where the badge and text sit) is asked
of the style, so the cells look as Qt's own did.

The view still needs an item model for its rows, selection and keyboard: a plain `QStandardItemModel` (no Python
subclass: a subclass is called back into Python) with as many rows as the filter lets through. Its rows get items
(`PaintedRows.fill`) only while an accessibility client (a screen reader) is listening, since only such a client
reads the cells through the model. The rows, their order and every other role (the exercise, its id, the tooltips)
stay with `ExerciseFilterProxy`, whose row numbers are the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QIcon, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle, QTableView, QToolTip, QWidget

from planner.ui.library_model import HEADERS, ORIGIN_LABELS, Column, ExerciseFilterProxy, origin

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QPixmap, QStaticText
    from PySide6.QtWidgets import QStyleOptionViewItem

# The table is built before the window's first paint, and first paints rows only once the database is open: the Qt
# classes that only painting rows needs (QStaticText, the style options, QAccessible: some 7 ms of type set-up) are
# imported when the first rows are painted.

_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # read-only, like the filter model's cells
_NAME, _DOSE = int(Column.NAME), int(Column.DOSE)
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
ROWS_KEPT = 1000  # painted rows whose cells are kept; scrolling past more drops those out of sight
TEXTS_KEPT = 4000  # laid-out cell texts kept between paints (a few hundred bytes each)
_ELIDE = Qt.TextElideMode.ElideRight
_CENTRE = Qt.AlignmentFlag.AlignCenter
_PLAIN = Qt.TextFormat.PlainText
_TEXT_ROLE, _HIGHLIGHTED_TEXT = QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText
_ALTERNATE_BASE, _HIGHLIGHT = QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Highlight


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
        source.prepare(visible[row] for row in todo)
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


def _accessibility_active() -> bool:
    from PySide6.QtGui import QAccessible

    return QAccessible.isActive()


class CellLayout(NamedTuple):
    """Where a cell of a given size puts its text (x offset, width to elide to, y offset) and its badge."""

    text_x: int
    text_width: int
    text_y: int
    badge: QRect | None


class LibraryTable(QTableView):
    """The Library's table over `PaintedRows`: paints the rows on screen from the filter model, and answers
    tooltips, type-ahead and column widths from it too (the painted model's rows have no cells of their own)."""

    def __init__(self, proxy: ExerciseFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.painted = PaintedRows(proxy, self)
        self.setModel(self.painted.model)
        self._typed = ""
        self._typing = QElapsedTimer()
        self._texts: dict[tuple[str, bool, int], QStaticText | str] = {}  # (text, italic, width) -> elided text
        self._layouts: dict[tuple[int, int, bool], CellLayout] = {}  # (width, height, badge) -> where things go
        self._metrics: dict[bool, QFontMetrics] = {}  # italic -> the metrics of the font cells are drawn in
        self._ascent: dict[bool, int] = {}  # italic -> where a first-seen text's baseline is, below its top
        self.last_painted: list[tuple[int, tuple[str, ...]]] = []  # the rows the last paint drew, and their texts
        self._badges: tuple[tuple, dict] | None = None  # the last paint's badge pixmaps, and what they were made for

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        rows = self.painted.model.rowCount()
        area = event.rect()
        first = self.rowAt(area.top()) if rows else -1
        if first < 0:
            self.last_painted = []
            return  # no rows, or none in the area: the viewport's own background is all there is
        last = self.rowAt(area.bottom())
        last = rows - 1 if last < 0 else last
        header = self.horizontalHeader()
        columns = []  # (column, x, width) of the columns in the area, left to right
        for visual in range(header.count()):
            col = header.logicalIndex(visual)
            x, width = header.sectionViewportPosition(col), header.sectionSize(col)
            if width > 0 and not header.isSectionHidden(col) and x < area.right() + 1 and x + width > area.left():
                columns.append((col, x, width))
        if not columns:
            return
        left = columns[0][1]
        span = columns[-1][1] + columns[-1][2] - left
        height = self.rowHeight(first)
        palette, group = self.palette(), self._colour_group()
        alternate, highlight = palette.brush(group, _ALTERNATE_BASE), palette.brush(group, _HIGHLIGHT)
        pen, highlighted_pen = palette.color(group, _TEXT_ROLE), palette.color(group, _HIGHLIGHTED_TEXT)
        selected = {index.row() for index in self.selectionModel().selectedRows(0)}
        source, visible = self.proxy.source(), self.proxy.visible_rows()
        source.prepare(visible[row] for row in range(first, last + 1))  # their details, in one read
        font = self.font()
        italic_font = QFont(source.italic).resolve(font)
        # Per column: where its text goes, as (column, x, y offset, width to elide to), and where the badge goes.
        cells, badge_at = [], None
        for col, x, width in columns:
            cell = self._cell_layout(width, height, col == _NAME)
            cells.append((col, x + cell.text_x, cell.text_y, cell.text_width))
            if cell.badge is not None:
                badge_at = cell.badge.translated(x, 0)
        badges = self._badge_pixmaps(source, badge_at) if badge_at is not None else None
        zebra = self.alternatingRowColors()
        painted: list[tuple[int, tuple[str, ...]]] = []
        painter = QPainter(self.viewport())
        painter.setFont(font)
        text, listed, row_texts = self._text, source.listed, source.row_texts
        top = self.rowViewportPosition(first)  # rows are all one height (the vertical header is Fixed)
        for row in range(first, last + 1):
            y = top + (row - first) * height
            chosen = row in selected
            if chosen:
                painter.fillRect(left, y, span, height, highlight)
            elif zebra and row & 1:
                painter.fillRect(left, y, span, height, alternate)
            painter.setPen(highlighted_pen if chosen else pen)
            source_row = visible[row]
            ex, texts = listed(source_row), row_texts(source_row)
            for col, x, dy, width in cells:
                italic = col == _DOSE and ex.dose_is_default
                if italic:
                    painter.setFont(italic_font)
                shown = text(texts[col], italic, width)
                if shown.__class__ is str:  # seen for the first time: drawn as is (one layout, none kept)
                    painter.drawText(x, y + dy + self._ascent[italic], shown)
                else:
                    painter.drawStaticText(x, y + dy, shown)
                if italic:
                    painter.setFont(font)
            if badges is not None:
                pixmap, at = badges[origin(ex), chosen]
                painter.drawPixmap(at.x(), y + at.y(), pixmap)
            painted.append((row, texts))
        self._paint_focus(painter, first, last, columns, height, group)
        painter.end()
        self.last_painted = painted

    def _badge_pixmaps(self, source, rect: QRect) -> dict[tuple[str, bool], tuple[QPixmap, QRect]]:
        """The badges as `QIcon.paint` would draw them in `rect` (a row at y 0): by origin and selected. Kept for
        the next paint while the place, pixel ratio and enabled state are the same (a palette change forgets them)."""
        dpr = self.viewport().devicePixelRatioF()
        enabled = self.isEnabled()
        key = (rect.x(), rect.y(), rect.width(), rect.height(), dpr, enabled)
        if self._badges is not None and self._badges[0] == key:
            return self._badges[1]
        found = {}
        for kind in ORIGIN_LABELS:
            icon = source.badge_of(kind)
            for chosen in (False, True):
                mode = (QIcon.Mode.Selected if chosen else QIcon.Mode.Normal) if enabled else QIcon.Mode.Disabled
                pixmap = icon.pixmap(rect.size(), dpr, mode)
                size = pixmap.deviceIndependentSize().toSize()
                found[kind, chosen] = (pixmap, QStyle.alignedRect(self.layoutDirection(), _CENTRE, size, rect))
        self._badges = (key, found)
        return found

    def _colour_group(self) -> QPalette.ColorGroup:
        # As the style's item views choose: disabled, else inactive when the window is not the active one.
        if not self.isEnabled():
            return QPalette.ColorGroup.Disabled
        return QPalette.ColorGroup.Active if self.isActiveWindow() else QPalette.ColorGroup.Inactive

    def _paint_focus(
        self, painter: QPainter, first: int, last: int, columns: list[tuple[int, int, int]], height: int, group
    ) -> None:
        """The focus ring on the current cell while the table has the keyboard, drawn by the style as Qt's item
        views draw it."""
        current = self.currentIndex()
        if not (self.hasFocus() or self.viewport().hasFocus()) or not current.isValid():
            return
        if not first <= current.row() <= last:
            return
        from PySide6.QtWidgets import QStyleOptionFocusRect

        for col, x, width in columns:
            if col != current.column():
                continue
            item = self._item_option(QRect(x, self.rowViewportPosition(current.row()), width, height), col == _NAME)
            ring = QStyleOptionFocusRect()
            ring.initFrom(self)
            ring.rect = self.style().subElementRect(QStyle.SubElement.SE_ItemViewItemFocusRect, item, self)
            ring.state = item.state | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
            ring.state |= QStyle.StateFlag.State_Item
            selected = self.selectionModel().isSelected(current)
            ring.backgroundColor = self.palette().color(group, _HIGHLIGHT if selected else QPalette.ColorRole.Window)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, ring, painter, self)

    def _cell_layout(self, width: int, height: int, badge: bool) -> CellLayout:
        """Where the style puts a cell's text and badge, asked once per cell size."""
        key = (width, height, badge)
        layout = self._layouts.get(key)
        if layout is None:
            style = self.style()
            item = self._item_option(QRect(0, 0, width, height), badge)
            text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, self)
            decoration = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, item, self)
            # The style's item text keeps a margin inside its rectangle and is centred on the font's line height.
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, item, self) + 1
            line = QFontMetrics(self.font()).height()
            layout = CellLayout(
                text_x=text.x() + margin,
                text_width=max(text.width() - 2 * margin, 0),
                text_y=text.y() + (text.height() - line) // 2,
                badge=decoration if badge else None,
            )
            self._layouts[key] = layout
        return layout

    def _item_option(self, rect: QRect, badge: bool, text: str = "Xg") -> QStyleOptionViewItem:
        """A cell as Qt's item delegate describes it to the style: a text, and a badge in the Name column."""
        from PySide6.QtWidgets import QStyleOptionViewItem

        item = QStyleOptionViewItem()
        self.initViewItemOption(item)
        item.rect = rect
        item.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        item.text = text
        if badge:
            item.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            size = self.iconSize()
            item.decorationSize = size if size.isValid() else QSize(16, 16)
        return item

    def _text(self, text: str, italic: bool, width: int) -> QStaticText | str:
        """The cell's text elided to `width`: the elided string the first time it is painted (drawn with one
        layout), then laid out once as a QStaticText when it is painted again (the category, equipment and dose
        texts of most rows, and the rows of a search typed and deleted), kept while it keeps being painted."""
        key = (text, italic, width)
        laid_out = self._texts.get(key)
        if laid_out is None:
            metrics = self._metrics.get(italic)
            if metrics is None:
                font = QFont(self.proxy.source().italic).resolve(self.font()) if italic else self.font()
                metrics = self._metrics[italic] = QFontMetrics(font)
                self._ascent[italic] = metrics.ascent()
            laid_out = metrics.elidedText(text, _ELIDE, width)
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()  # a new set of rows: start the store again rather than sort out the old
            self._texts[key] = laid_out
        elif laid_out.__class__ is str:
            from PySide6.QtGui import QStaticText

            laid_out = self._texts[key] = QStaticText(laid_out)
            laid_out.setTextFormat(_PLAIN)
        return laid_out

    def _forget_layouts(self) -> None:
        self._texts.clear()
        self._layouts.clear()
        self._metrics.clear()
        self._ascent.clear()

    def sizeHintForColumn(self, column: int) -> int:
        # A double-click on a header divider fits the column to the rows on screen, as Qt's does; the painted
        # model has no texts to measure, the filter model has.
        rows = self.painted.model.rowCount()
        first = self.rowAt(0)
        if rows == 0 or first < 0 or not 0 <= column < self.painted.model.columnCount():
            return super().sizeHintForColumn(column)
        last = self.rowAt(self.viewport().height() - 1)
        last = rows - 1 if last < 0 else last
        source, visible = self.proxy.source(), self.proxy.visible_rows()
        source.prepare(visible[row] for row in range(first, last + 1))
        metrics = QFontMetrics(self.font())
        texts = [source.row_texts(visible[row])[column] for row in range(first, last + 1)]
        # The widest text, sized by the style as Qt's item delegate sizes a cell.
        item = self._item_option(QRect(), column == _NAME, max(texts, key=metrics.horizontalAdvance))
        hint = self.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, item, QSize(), self).width()
        return hint + 1 if self.showGrid() else hint

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint:
            if self.painted.model.rowCount() and _accessibility_active():
                self._fill_shown()  # a screen reader reads the cells through the model
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
        kind = event.type()
        if kind == QEvent.Type.PaletteChange:
            self.painted.forget()  # the badges carry the palette's colours
            self._badges = None
            self.viewport().update()
        elif kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._forget_layouts()  # texts laid out in the old font, margins of the old style
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
