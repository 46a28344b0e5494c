"""The season grid: weeks as rows, days as columns, sessions drawn as small cards.

A QTableView with one painting delegate, so scrolling, keyboard moves and accessibility come from
Qt; the delegate only draws. Every colour has a word beside it so the grid also reads in greyscale.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QActionGroup,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from planner.domain.athlete import DayKind
from planner.domain.plan import Session
from planner.ui.colors import color, phase_band, phase_chip_text, phase_color, run_color, session_color
from planner.ui.phase_colors import RUN_LABELS, RUN_SHORT
from planner.ui.plan_model import (
    CELL_ROLE,
    FIRST_DAY_COLUMN,
    WARNINGS_COLUMN,
    WEEK_COLUMN,
    DayCell,
    PlanModel,
    WeekCell,
    week_dates,
)

PAD = 4
RUN_LINE = 17
CARD_HEIGHT = 19
CARD_GAP = 3
WEEK_COLUMN_WIDTH = 120
WARNINGS_COLUMN_WIDTH = 170

_Index = QModelIndex | QPersistentModelIndex


MIN_ROW_HEIGHT = 58  # the week column's three lines


def row_height(max_sessions: int) -> int:
    return max(MIN_ROW_HEIGHT, PAD * 2 + RUN_LINE + max(1, max_sessions) * (CARD_HEIGHT + CARD_GAP))


def card_rects(cell_rect: QRect, count: int) -> list[QRect]:
    """Where each session card of a day cell is drawn (also used to find the card under a click)."""
    top = cell_rect.top() + PAD + RUN_LINE
    return [
        QRect(cell_rect.left() + PAD, top + i * (CARD_HEIGHT + CARD_GAP), cell_rect.width() - 2 * PAD, CARD_HEIGHT)
        for i in range(count)
    ]


def card_title(session: Session) -> str:
    """The title as a card has room for: "Hip and knee routine" reads as "Hip & knee"."""
    title = session.title.replace(" and ", " & ")
    return title.removesuffix(" routine") if len(title) > 12 else title


def _small(font: QFont, scale: float = 0.9) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * scale))
    return small


def draw_warning_sign(painter: QPainter, left: int, top: int, size: int) -> None:
    triangle = QPolygonF([QPointF(left + size / 2, top), QPointF(left + size, top + size), QPointF(left, top + size)])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color("warning_sign"))
    painter.drawPolygon(triangle)
    painter.setPen(QPen(color("warning_mark"), 1.6))
    cx = left + size / 2
    painter.drawLine(QPointF(cx, top + size * 0.38), QPointF(cx, top + size * 0.7))
    painter.drawPoint(QPointF(cx, top + size * 0.84))


class PlanDelegate(QStyledItemDelegate):
    """Paints week bands, day cells with run and session cards, and the week's warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selected_key: str | None = None
        self.today = dt.date.today()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(90, row_height(2))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        cell = index.data(CELL_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        if isinstance(cell, WeekCell):
            self._paint_week(painter, option, cell)
        elif isinstance(cell, DayCell):
            self._paint_day(painter, option, cell)
        elif isinstance(cell, tuple):
            self._paint_warnings(painter, option, cell)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(color("grid_line"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(color("focus"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def _paint_week(self, painter: QPainter, option: QStyleOptionViewItem, cell: WeekCell) -> None:
        rect, week = option.rect, cell.week
        solid = phase_color(week.phase)
        painter.fillRect(rect, phase_band(week.phase))
        painter.fillRect(QRect(rect.left(), rect.top(), 7, rect.height()), solid)
        if week.deload:  # hatching reads as "lighter" even without colour
            hatch = QColor(solid)
            hatch.setAlpha(90)
            painter.setPen(QPen(hatch, 1))
            for x in range(rect.left() - rect.height(), rect.right(), 9):
                painter.drawLine(x, rect.bottom(), x + rect.height(), rect.top())
        left = rect.left() + 12
        width = rect.width() - 16
        base = option.font
        bold = QFont(base)
        bold.setBold(True)
        painter.setPen(color("text"))
        painter.setFont(bold)
        y = rect.top() + PAD
        line = QFontMetrics(bold).height()
        painter.drawText(QRect(left, y, width, line), Qt.AlignmentFlag.AlignLeft, f"Week {week.index}")
        right = rect.right() - 4
        if cell.warnings:
            draw_warning_sign(painter, right - 14, y + 1, 14)
            right -= 18
        if week.deload:  # on the title line: the phase chip below has no room beside it
            deload_font = _small(base)
            deload_font.setItalic(True)
            painter.setFont(deload_font)
            deload_fm = QFontMetrics(deload_font)
            title_end = left + QFontMetrics(bold).horizontalAdvance(f"Week {week.index}") + 4
            painter.drawText(
                QRect(title_end, y, right - title_end, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                deload_fm.elidedText("Deload", Qt.TextElideMode.ElideRight, right - title_end),
            )
        small = _small(base)
        small_line = QFontMetrics(small).height()
        painter.setFont(small)
        painter.setPen(color("muted"))
        y += line
        painter.drawText(QRect(left, y, width, small_line), Qt.AlignmentFlag.AlignLeft, week_dates(week))
        y += small_line + 2
        chip_font = QFont(small)
        chip_font.setBold(True)
        painter.setFont(chip_font)
        chip_fm = QFontMetrics(chip_font)
        label = week.phase.label
        chip = QRect(left, y, min(width, chip_fm.horizontalAdvance(label) + 10), small_line + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(solid)
        painter.drawRoundedRect(chip, 4, 4)
        painter.setPen(phase_chip_text(week.phase))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_day(self, painter: QPainter, option: QStyleOptionViewItem, cell: DayCell) -> None:
        rect = option.rect
        if cell.date == self.today:
            painter.fillRect(rect, color("today"))
        elif cell.run == "race":
            painter.fillRect(rect, color("race_day"))
        else:
            painter.fillRect(rect, color("day"))
        small = _small(option.font)
        fm = QFontMetrics(small)
        run_rect = QRect(rect.left() + PAD, rect.top() + PAD, rect.width() - 2 * PAD, RUN_LINE - 2)
        run_ink = run_color(cell.run)
        day = f"{cell.date.day} {cell.date:%b}" if cell.date.day == 1 else str(cell.date.day)
        if cell.run == "race":
            bold = QFont(small)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(run_ink)
            priority = f" ({cell.race_priority})" if cell.race_priority else ""
            painter.drawText(run_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"Race{priority}")
            painter.setFont(small)
            painter.drawText(run_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, day)
            if cell.race:
                # The race's name gets the lines under the cards (a race day holds little else).
                top = run_rect.bottom() + 2 + len(cell.sessions) * (CARD_HEIGHT + CARD_GAP)
                name_rect = QRect(run_rect.left(), top, run_rect.width(), rect.bottom() - PAD - top)
                painter.setFont(bold)
                bold_fm = QFontMetrics(bold)
                lines = max(1, name_rect.height() // bold_fm.lineSpacing())
                name = (
                    cell.race
                    if bold_fm.horizontalAdvance(cell.race) <= name_rect.width() * lines
                    else bold_fm.elidedText(cell.race, Qt.TextElideMode.ElideRight, name_rect.width() * lines - 10)
                )
                painter.drawText(
                    name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, name
                )
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(run_ink)
            dot = 7
            cy = run_rect.center().y()
            if cell.run == "rest":
                painter.setPen(QPen(run_ink, 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRect(run_rect.left(), cy - dot // 2, dot, dot))
            painter.setFont(small)
            painter.setPen(run_ink)
            text_rect = run_rect.adjusted(dot + 4, 0, 0, 0)
            label = RUN_SHORT.get(cell.run, cell.run)
            day_width = fm.horizontalAdvance(day)
            if fm.horizontalAdvance(label) > text_rect.width() - day_width - 4:
                day, day_width = "", 0  # a narrow cell keeps the run's word whole; the date is in the week column
            label_width = text_rect.width() - day_width - 4
            painter.drawText(
                QRect(text_rect.left(), text_rect.top(), label_width, text_rect.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(label, Qt.TextElideMode.ElideRight, label_width),
            )
            tag = "suggested" if cell.suggested else "changed" if cell.changed else ""
            if tag:
                # This week only: a word when it fits, else a star; the tooltip says what and why.
                tag_font = QFont(small)
                tag_font.setItalic(True)
                tag_fm = QFontMetrics(tag_font)
                room = label_width - fm.horizontalAdvance(label) - 6
                if tag_fm.horizontalAdvance(tag) > room:
                    tag = "*"
                painter.setFont(tag_font)
                painter.setPen(color("muted"))
                painter.drawText(
                    QRect(text_rect.left(), text_rect.top(), label_width, text_rect.height()),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    tag,
                )
                painter.setFont(small)
            painter.setPen(color("muted"))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, day)
        for session, card in zip(cell.sessions, card_rects(rect, len(cell.sessions)), strict=False):
            self._paint_card(painter, card, session, cell.is_edited(session), small, fm)
        if (cell.run_note or cell.held) and not cell.sessions:
            # A day the symptom check holds says so where its sessions would be.
            note_rect = QRect(
                run_rect.left(), run_rect.bottom() + 3, run_rect.width(), rect.bottom() - PAD - run_rect.bottom()
            )
            bold = QFont(small)
            bold.setBold(bool(cell.run_note))
            painter.setFont(bold)
            painter.setPen(color("error") if cell.run_note else color("muted"))
            painter.drawText(
                note_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                cell.run_note or "On hold",
            )

    def _paint_card(
        self, painter: QPainter, card: QRect, session: Session, edited: bool, font: QFont, fm: QFontMetrics
    ) -> None:
        stripe = session_color(session.kind)
        selected = session.key == self.selected_key
        painter.setPen(QPen(stripe, 2) if selected else Qt.PenStyle.NoPen)
        fill = "session_fill_selected" if selected else "session_fill"
        painter.setBrush(color(f"{fill}.{session.kind.value}"))
        painter.drawRoundedRect(card.adjusted(0, 0, -1, -1), 3, 3)
        painter.fillRect(QRect(card.left(), card.top(), 4, card.height()), stripe)
        minutes = f"{round(session.minutes())}′"
        inner = card.adjusted(7, 0, -4, 0)
        if edited:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color("edited"))
            painter.drawEllipse(QRect(inner.right() - 6, card.top() + 3, 6, 6))
            inner.adjust(0, 0, -9, 0)
        painter.setFont(font)
        title = card_title(session)
        if fm.horizontalAdvance(title) > inner.width():
            title = title.replace("Strength ", "Str ")  # "Str A" beats "Stren…" in a narrow cell
        title_width = inner.width()
        if fm.horizontalAdvance(title) + fm.horizontalAdvance(minutes) + 6 <= inner.width():
            # Minutes only where the whole title still fits: a readable title matters more.
            painter.setPen(color("muted"))
            painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, minutes)
            title_width -= fm.horizontalAdvance(minutes) + 6
        painter.setPen(color("text"))
        painter.drawText(
            QRect(inner.left(), inner.top(), title_width, inner.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(title, Qt.TextElideMode.ElideRight, title_width),
        )

    def _paint_warnings(self, painter: QPainter, option: QStyleOptionViewItem, warnings: tuple[str, ...]) -> None:
        rect = option.rect
        painter.fillRect(rect, color("warning_fill") if warnings else color("day"))
        if not warnings:
            return
        small = _small(option.font)
        painter.setFont(small)
        draw_warning_sign(painter, rect.left() + PAD, rect.top() + PAD + 1, 13)
        text_rect = rect.adjusted(PAD + 18, PAD, -PAD, -PAD)
        text = "\n".join(w.split(":", 1)[1].strip() if ":" in w else w for w in warnings)
        painter.setPen(color("warning_text"))
        fm = QFontMetrics(small)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        needed = fm.boundingRect(text_rect, flags, text)
        if needed.height() > text_rect.height():  # keep rows even: cut and leave the rest to the tooltip
            lines = max(1, text_rect.height() // fm.lineSpacing())
            text = fm.elidedText(text.replace("\n", " "), Qt.TextElideMode.ElideRight, text_rect.width() * lines - 20)
        painter.drawText(text_rect, flags, text)


class PlanGrid(QTableView):
    """The grid; `session_clicked` fires with the Session under a click or Enter."""

    session_clicked = Signal(object)  # Session
    run_chosen = Signal(object, object)  # (date, DayKind | None): one week's run of a day; None = the usual run

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan_delegate = PlanDelegate(self)
        self.setItemDelegate(self.plan_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setMouseTracking(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setTabKeyNavigation(False)
        self.narrow = False  # the session panel is open beside the grid

    def set_narrow(self, narrow: bool) -> None:
        """With the session panel open the days need the warnings column's room ("Quality", "Hip & knee" in
        full); the week column's warning sign and its tooltip still say a week has warnings."""
        if narrow != self.narrow:
            self.narrow = narrow
            self._fit()

    def setModel(self, model: PlanModel) -> None:  # type: ignore[override]
        super().setModel(model)
        model.modelReset.connect(self._fit)
        self._fit()

    def plan_model(self) -> PlanModel:
        return self.model()  # type: ignore[return-value]

    def _fit(self) -> None:
        model = self.plan_model()
        self.verticalHeader().setDefaultSectionSize(row_height(model.max_sessions_per_day()))
        header = self.horizontalHeader()
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(WEEK_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(WEEK_COLUMN, WEEK_COLUMN_WIDTH)
        for column in range(FIRST_DAY_COLUMN, WARNINGS_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WARNINGS_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(WARNINGS_COLUMN, WARNINGS_COLUMN_WIDTH)
        # A season without warnings gives their room to the days.
        self.setColumnHidden(WARNINGS_COLUMN, self.narrow or model.plan is None or not model.plan.warnings)

    def session_at(self, pos: QPoint) -> Session | None:
        index = self.indexAt(pos)
        cell = index.data(CELL_ROLE) if index.isValid() else None
        if not isinstance(cell, DayCell):
            return None
        for session, rect in zip(cell.sessions, card_rects(self.visualRect(index), len(cell.sessions)), strict=False):
            if rect.contains(pos):
                return session
        return None

    def card_center(self, row: int, column: int, card: int = 0) -> QPoint:
        """Where to click to hit a card (for tests and for keyboard-driven opening)."""
        index = self.plan_model().index(row, column)
        return card_rects(self.visualRect(index), card + 1)[card].center()

    def select_session(self, key: str | None) -> None:
        self.plan_delegate.selected_key = key
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            session = self.session_at(event.position().toPoint())
            if session is not None:
                self.session_clicked.emit(session)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return
        super().keyPressEvent(event)

    def open_current(self) -> None:
        """Open the selected card of the current day, or its first one; Enter again moves to the next."""
        cell = self.currentIndex().data(CELL_ROLE)
        if not isinstance(cell, DayCell) or not cell.sessions:
            return
        keys = [s.key for s in cell.sessions]
        current = self.plan_delegate.selected_key
        pick = (keys.index(current) + 1) % len(keys) if current in keys else 0
        self.session_clicked.emit(cell.sessions[pick])

    def move_week(self, step: int) -> None:
        current = self.currentIndex()
        column = current.column() if current.isValid() else FIRST_DAY_COLUMN
        row = max(0, min(self.plan_model().rowCount() - 1, (current.row() if current.isValid() else 0) + step))
        index = self.plan_model().index(row, column)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def run_menu(self, index: _Index) -> QMenu | None:
        """The menu that changes the run of one day for its week only (None on a race day or outside the days).

        Built apart from showing it so a test can trigger its actions without a popup."""
        cell = index.data(CELL_ROLE) if index.isValid() else None
        if not isinstance(cell, DayCell) or cell.run == "race":
            return None
        menu = QMenu(self)
        menu.setTitle(f"Run on {cell.date:%a %d %b}")
        menu.setObjectName("weekRunMenu")
        header = menu.addAction(f"This week only, {cell.date:%a %d %b}:")
        header.setEnabled(False)
        group = QActionGroup(menu)
        for kind in DayKind:
            action = menu.addAction(RUN_LABELS[kind.value])
            action.setObjectName(f"weekRun_{kind.value}")
            action.setCheckable(True)
            action.setChecked(cell.run == kind.value)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, k=kind, d=cell.date: self.run_chosen.emit(d, k))
        if cell.usual is not None and (cell.suggested or cell.changed):
            menu.addSeparator()
            usual = RUN_LABELS.get(cell.usual, cell.usual).lower()
            if cell.suggested:
                # Setting the usual kind explicitly is what turns a suggestion down (week_suggestions).
                back = menu.addAction(f"Keep the usual run ({usual})")
                usual_kind = DayKind(cell.usual)
                back.triggered.connect(lambda _=False, d=cell.date, k=usual_kind: self.run_chosen.emit(d, k))
            else:
                back = menu.addAction(f"Back to the usual week ({usual})")
                back.triggered.connect(lambda _=False, d=cell.date: self.run_chosen.emit(d, None))
            back.setObjectName("weekRunUsual")
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        index = self.currentIndex() if keyboard else self.indexAt(event.pos())
        menu = self.run_menu(index)
        if menu is None:
            return
        if not keyboard:
            self.setCurrentIndex(index)
        where = event.globalPos() if not keyboard else self.viewport().mapToGlobal(self.visualRect(index).center())
        menu.exec(where)
        menu.deleteLater()

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            session = self.session_at(event.pos())  # a card's own reason beats the day's list
            if session is not None:
                QToolTip.showText(event.globalPos(), f"{session.title}\n{session.why}", self)
                return True
        return super().viewportEvent(event)
