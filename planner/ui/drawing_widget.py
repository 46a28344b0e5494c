"""An exercise's drawing on screen: the domain's shapes painted with QPainter, start and end side by side."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.domain.drawing import PAPER_COLOURS, Circle, Drawing, Polygon, Stroke, fill_colour, placed, stroke_colour

NO_DRAWING_TEXT = "No drawing for this exercise."


def _mix(a: QColor, b: QColor, t: float) -> str:
    """`a` moved a fraction `t` of the way towards `b`."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    ).name()


def screen_colours(palette: QPalette) -> dict[str, str]:
    """The drawing's inks taken from the palette, so the figure reads on a dark palette as on a light one."""
    ink = palette.color(QPalette.ColorRole.WindowText)
    paper = palette.color(QPalette.ColorRole.Base)
    return {
        "body": ink.name(),
        "far": _mix(ink, paper, 0.5),
        "halo": paper.name(),
        "prop": _mix(ink, paper, 0.35),
        "prop_fill": _mix(ink, paper, 0.85),
        "floor": _mix(ink, paper, 0.35),
        "arrow": ink.name(),
        "faded": _mix(ink, paper, 0.75),
        "faded_fill": _mix(ink, paper, 0.93),
    }


def paint_drawing(painter: QPainter, drawing: Drawing, rect: QRectF, colours: Mapping[str, str]) -> None:
    """Paint both pictures of `drawing` scaled into `rect`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for shape in placed(drawing, rect.x(), rect.y(), rect.width(), rect.height(), y_down=True):
        line = QColor(stroke_colour(shape.ink, shape.faded, colours))
        pen = QPen(line, shape.weight, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen if shape.weight > 0 else Qt.PenStyle.NoPen)
        if isinstance(shape, Stroke):
            painter.setBrush(Qt.BrushStyle.NoBrush)
            path = QPainterPath(QPointF(*shape.points[0]))
            for p in shape.points[1:]:
                path.lineTo(QPointF(*p))
            painter.drawPath(path)
        elif isinstance(shape, Circle):
            fill = QColor(fill_colour(shape.ink, shape.faded, colours))
            painter.setBrush(fill if shape.filled else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(*shape.center), shape.radius, shape.radius)
        elif isinstance(shape, Polygon):
            fill = QColor(fill_colour(shape.ink, shape.faded, colours))
            painter.setBrush(fill if shape.filled else Qt.BrushStyle.NoBrush)
            painter.drawPolygon(QPolygonF([QPointF(*p) for p in shape.points]))
    painter.restore()


def drawing_image(drawing: Drawing, width: int, height: int, colours: Mapping[str, str] | None = None) -> QImage:
    """The drawing on a white (or the colours' paper) image of width × height pixels."""
    colours = colours or PAPER_COLOURS
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(colours["halo"]))
    painter = QPainter(image)
    try:
        paint_drawing(painter, drawing, QRectF(0, 0, width, height), colours)
    finally:
        painter.end()
    return image


def drawing_img_tag(drawing: Drawing | None, width: int, palette: QPalette, *, max_height: int = 90) -> str:
    """An <img> of the drawing for rich text (a data URL, so it needs no document resource); "" for None."""
    if drawing is None:
        return ""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    height = round(width * drawing.height / drawing.width)
    if height > max_height:
        width, height = round(max_height * drawing.width / drawing.height), max_height
    image = drawing_image(drawing, width * 2, height * 2, screen_colours(palette))  # sharp on a 2x screen
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    encoded = bytes(data.toBase64().data()).decode("ascii")
    return f'<img src="data:image/png;base64,{encoded}" width="{width}" height="{height}" alt="Start and end position">'


def save_png(drawing: Drawing, path: Path, width: int = 900) -> bool:
    """Write the drawing as a PNG `width` pixels wide (needs a QGuiApplication); True when written."""
    height = max(1, round(width * drawing.height / drawing.width))
    return drawing_image(drawing, width, height).save(str(path), "PNG")


class DrawingView(QWidget):
    """Start and end pictures side by side, scaling with the widget, in the palette's colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exercise_drawing")
        self.drawing: Drawing | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(90)

    def set_drawing(self, drawing: Drawing | None) -> None:
        self.drawing = drawing
        self.setAccessibleDescription("Start and end positions" if drawing else NO_DRAWING_TEXT)
        self.setToolTip("Start (left) and end (right) position" if drawing else "")
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self.drawing is None:
            return 90
        return max(90, min(260, round(width * self.drawing.height / self.drawing.width)))

    def sizeHint(self) -> QSize:
        return QSize(360, self.heightForWidth(360))

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        try:
            colours = screen_colours(self.palette())
            rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
            painter.fillRect(self.rect(), QColor(colours["halo"]))
            if self.drawing is None:
                painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, NO_DRAWING_TEXT)
                return
            paint_drawing(painter, self.drawing, rect, colours)
        finally:
            painter.end()
