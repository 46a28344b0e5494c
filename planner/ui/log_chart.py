"""A small chart of the log: adherence per week as bars, the highest pain as a line, in the palette's colours."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.domain.adjustments import ACCEPTABLE_PAIN
from planner.domain.log_summary import WeekSummary


class LogChart(QWidget):
    """Bars: the share of the week's sets done (0-100 %). Line: the week's highest pain (0-10), with the pain
    rule's limit dashed. Weeks without a log leave a gap; the selected week is outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logChart")
        self.summaries: list[WeekSummary] = []
        self.current: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(110)

    def sizeHint(self) -> QSize:
        return QSize(480, 124)

    def set_summaries(self, summaries: list[WeekSummary], current: int | None = None) -> None:
        self.summaries, self.current = list(summaries), current
        logged = [s for s in summaries if s.adherence is not None]
        if logged:
            last = logged[-1]
            self.setAccessibleDescription(
                f"{len(logged)} weeks logged; last: {round((last.adherence or 0) * 100)} % of sets done, "
                f"highest pain {last.max_pain if last.max_pain is not None else '–'}/10"
            )
        else:
            self.setAccessibleDescription("Nothing logged yet")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        bar = pal.color(QPalette.ColorRole.Highlight)
        pain_color = pal.color(QPalette.ColorRole.Link)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = p.fontMetrics()
        left, right = metrics.horizontalAdvance("100 %") + 6, metrics.horizontalAdvance("10/10") + 6
        top, bottom = 2 * metrics.height() + 2, metrics.height() + 4
        area = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))
        p.setPen(text)
        p.drawText(
            QRectF(0, 0, self.width(), top), Qt.AlignmentFlag.AlignLeft, "Sets done (bars) and highest pain (line)"
        )
        p.setPen(QPen(muted, 1))
        p.drawLine(area.bottomLeft(), area.bottomRight())
        label_h = metrics.height()
        p.drawText(QRectF(0, area.top() - label_h / 2, left - 4, label_h), Qt.AlignmentFlag.AlignRight, "100 %")
        p.drawText(
            QRectF(area.right() + 4, area.top() - label_h / 2, right, label_h), Qt.AlignmentFlag.AlignLeft, "10/10"
        )
        if not self.summaries:
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, "Nothing logged yet")
            p.end()
            return
        step = area.width() / len(self.summaries)
        limit_y = area.bottom() - area.height() * ACCEPTABLE_PAIN / 10
        dash = QPen(muted, 1, Qt.PenStyle.DashLine)
        p.setPen(dash)
        p.drawLine(QPointF(area.left(), limit_y), QPointF(area.right(), limit_y))
        points: list[QPointF | None] = []
        for i, s in enumerate(self.summaries):
            x = area.left() + i * step
            if s.adherence is not None:
                h = area.height() * s.adherence
                fill = QColor(bar)
                fill.setAlpha(200 if s.week == self.current else 130)
                p.fillRect(QRectF(x + step * 0.15, area.bottom() - h, step * 0.7, h), fill)
            if s.week == self.current:
                p.setPen(QPen(text, 1))
                p.drawRect(QRectF(x + step * 0.1, area.top(), step * 0.8, area.height()))
            points.append(
                QPointF(x + step / 2, area.bottom() - area.height() * s.max_pain / 10)
                if s.max_pain is not None
                else None
            )
            if len(self.summaries) <= 26 or s.week % 4 == 1:
                p.setPen(muted)
                p.drawText(QRectF(x, area.bottom() + 1, step, bottom), Qt.AlignmentFlag.AlignHCenter, str(s.week))
        p.setPen(QPen(pain_color, 2))
        previous: QPointF | None = None
        for point in points:
            if point is not None:
                if previous is not None:
                    p.drawLine(previous, point)
                p.drawEllipse(point, 2.5, 2.5)
            previous = point
        p.end()
