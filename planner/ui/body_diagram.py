"""Where it hurts: a drawn leg (front and side) and hip with the lower back (side), with regions to click.

The drawing lives in a fixed logical canvas that is scaled to the widget, so hit-testing and
painting share one set of shapes. Hover highlights a region, a click (or Space on the focused
region) toggles it, selected regions are filled. The wizard page pairs it with a check-box list,
which is the accessible way to answer the same question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.ui.wizard_labels import REGION_LABELS

CANVAS_W, CANVAS_H = 660.0, 330.0
PANEL_W = 220.0
CAPTIONS = ("Leg from the front", "Leg from the side", "Hip and back from the side")

SKIN = QColor("#f4e6d8")
SKIN_SHADE = QColor("#ead3bd")
OUTLINE = QColor("#8c6f58")
BONE = QColor("#fbf6ef")
REGION_IDLE = QColor(74, 120, 180, 28)
REGION_IDLE_EDGE = QColor(74, 120, 180, 90)
REGION_HOVER = QColor(74, 120, 180, 80)
REGION_ON = QColor(38, 98, 170, 170)
REGION_ON_EDGE = QColor("#1d4f8c")
FOCUS_EDGE = QColor("#1d4f8c")


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    shapes: tuple[QPainterPath, ...]


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(cx, cy), rx, ry)
    return path


def _rounded(cx: float, cy: float, w: float, h: float, r: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(cx - w / 2, cy - h / 2, w, h), r, r)
    return path


def _knee_front_outline() -> QPainterPath:
    """A right leg seen from the front: thigh narrowing into the knee, then the shin."""
    p = QPainterPath(QPointF(52, 22))
    p.cubicTo(QPointF(56, 80), QPointF(62, 120), QPointF(64, 150))  # outer thigh to knee
    p.cubicTo(QPointF(65, 175), QPointF(62, 200), QPointF(66, 225))  # outer calf
    p.cubicTo(QPointF(70, 255), QPointF(80, 280), QPointF(84, 300))
    p.lineTo(QPointF(134, 300))
    p.cubicTo(QPointF(138, 280), QPointF(150, 250), QPointF(154, 220))  # inner calf
    p.cubicTo(QPointF(158, 195), QPointF(152, 172), QPointF(156, 150))
    p.cubicTo(QPointF(160, 120), QPointF(166, 80), QPointF(168, 22))  # inner thigh
    p.closeSubpath()
    return p


def _knee_side_outline() -> QPainterPath:
    """A right leg seen from the outside, facing right: kneecap bump in front, calf behind."""
    p = QPainterPath(QPointF(52, 22))
    p.cubicTo(QPointF(58, 80), QPointF(70, 120), QPointF(76, 150))  # back of thigh to knee crease
    p.cubicTo(QPointF(70, 180), QPointF(62, 205), QPointF(70, 235))  # calf bulge
    p.cubicTo(QPointF(78, 265), QPointF(92, 285), QPointF(96, 300))
    p.lineTo(QPointF(140, 300))
    p.cubicTo(QPointF(142, 260), QPointF(146, 220), QPointF(150, 180))  # shin
    p.cubicTo(QPointF(160, 168), QPointF(166, 150), QPointF(162, 132))  # kneecap bump
    p.cubicTo(QPointF(158, 110), QPointF(160, 70), QPointF(162, 22))  # front of thigh
    p.closeSubpath()
    return p


def _hip_side_outline() -> QPainterPath:
    """The hip seen from the outside, facing right: buttock behind, groin crease in front."""
    p = QPainterPath(QPointF(72, 14))
    p.cubicTo(QPointF(66, 40), QPointF(58, 70), QPointF(48, 100))  # lower back into buttock
    p.cubicTo(QPointF(36, 135), QPointF(40, 175), QPointF(68, 196))  # buttock bulge and fold
    p.cubicTo(QPointF(70, 230), QPointF(74, 270), QPointF(78, 300))  # back of thigh
    p.lineTo(QPointF(150, 300))
    p.cubicTo(QPointF(150, 250), QPointF(154, 200), QPointF(156, 160))  # front of thigh
    p.cubicTo(QPointF(160, 140), QPointF(170, 110), QPointF(166, 80))  # groin crease to belly
    p.cubicTo(QPointF(162, 50), QPointF(152, 30), QPointF(150, 14))
    p.closeSubpath()
    return p


def _panel(path: QPainterPath, index: int) -> QPainterPath:
    return QTransform.fromTranslate(index * PANEL_W, 0).map(path)


REGIONS: tuple[Region, ...] = (
    Region("knee_above_kneecap", (_rounded(110, 100, 48, 22, 10),)),
    Region("knee_front", (_ellipse(110, 141, 23, 27),)),
    Region("knee_below_kneecap", (_rounded(110, 185, 30, 24, 10),)),
    Region("knee_outside", (_rounded(78, 150, 24, 54, 10), _panel(_ellipse(120, 150, 18, 20), 1))),
    Region("knee_inside", (_rounded(142, 150, 24, 54, 10),)),
    Region("knee_back", (_panel(_ellipse(86, 152, 15, 24), 1),)),
    Region("buttock", (_panel(_ellipse(74, 140, 27, 32), 2),)),
    Region("hip_outside", (_panel(_ellipse(114, 150, 19, 19), 2),)),
    Region("groin", (_panel(_rounded(150, 142, 20, 34, 8), 2),)),
    # Added with clinical content 5: the inner shin below the knee (pes anserine), thighs, shin, calf,
    # lower back and sit bone. Each keeps clear of the knee and hip regions so a click means one place.
    Region("knee_inside_below", (_rounded(138, 203, 20, 24, 8),)),
    Region("thigh_front", (_rounded(110, 52, 70, 46, 14), _panel(_rounded(134, 236, 26, 60, 10), 2))),
    Region("thigh_back", (_panel(_ellipse(82, 72, 17, 36), 1), _panel(_rounded(90, 246, 22, 60, 10), 2))),
    Region("sit_bone", (_panel(_ellipse(66, 186, 13, 10), 2),)),
    Region("shin", (_rounded(108, 252, 26, 56, 10), _panel(_rounded(136, 240, 12, 56, 6), 1))),
    Region("calf", (_panel(_ellipse(82, 226, 13, 30), 1),)),
    Region("lower_back", (_panel(_ellipse(82, 52, 15, 28), 2),)),
)
REGION_IDS: tuple[str, ...] = tuple(r.id for r in REGIONS)


class BodyDiagram(QWidget):
    """Clickable pain regions on a drawn leg, hip and lower back; `selection_changed` carries the region ids."""

    selection_changed = Signal(object)  # list[str]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selected: set[str] = set()
        self._hover: str | None = None
        self._focus_index = 0
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(440, 230)
        self.setAccessibleName("Where it hurts: body diagram")
        self.setAccessibleDescription("Click the places that hurt. The list beside it answers the same question.")

    # --- selection -----------------------------------------------------------------------------

    def selected(self) -> list[str]:
        """The selected region ids, in the diagram's order."""
        return [r for r in REGION_IDS if r in self._selected]

    def set_selected(self, regions: Iterable[str]) -> None:
        wanted = {r for r in regions if r in REGION_IDS}
        if wanted != self._selected:
            self._selected = wanted
            self.update()
            self.selection_changed.emit(self.selected())

    def toggle(self, region: str) -> None:
        self.set_selected(self._selected ^ {region})

    # --- geometry ------------------------------------------------------------------------------

    def _to_widget(self) -> QTransform:
        scale = min(self.width() / CANVAS_W, self.height() / CANVAS_H)
        dx = (self.width() - CANVAS_W * scale) / 2
        dy = (self.height() - CANVAS_H * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def region_rect(self, region: str) -> QRect:
        """Where a region is drawn, in widget coordinates (its first shape); tests click its centre."""
        shape = next(r.shapes[0] for r in REGIONS if r.id == region)
        return self._to_widget().mapRect(shape.boundingRect()).toRect()

    def region_at(self, point: QPointF) -> str | None:
        inverse, ok = self._to_widget().inverted()
        if not ok:
            return None
        local = inverse.map(point)
        for region in REGIONS:
            if any(shape.contains(local) for shape in region.shapes):
                return region.id
        return None

    def sizeHint(self) -> QSize:
        return QSize(660, 330)

    # --- events --------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.region_at(event.position())
        if hover != self._hover:
            self._hover = hover
            self.setCursor(Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor)
            self.setToolTip(REGION_LABELS.get(hover, "") if hover else "")
            self.update()

    def leaveEvent(self, event: object) -> None:
        self._hover = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        region = self.region_at(event.position())
        if region is not None:
            self._focus_index = REGION_IDS.index(region)
            self.toggle(region)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._focus_index = (self._focus_index + 1) % len(REGION_IDS)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._focus_index = (self._focus_index - 1) % len(REGION_IDS)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggle(REGION_IDS[self._focus_index])
        else:
            super().keyPressEvent(event)
            return
        self.update()

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(self._to_widget())
        self._paint_bodies(painter)
        self._paint_regions(painter)
        self._paint_captions(painter)
        painter.end()

    def _paint_bodies(self, painter: QPainter) -> None:
        painter.setPen(QPen(OUTLINE, 1.6))
        painter.setBrush(SKIN)
        for index, outline in enumerate((_knee_front_outline(), _knee_side_outline(), _hip_side_outline())):
            painter.drawPath(_panel(outline, index))
        # Landmarks that make the drawing read as a knee and a hip.
        painter.setPen(QPen(OUTLINE, 1.2))
        painter.setBrush(BONE)
        painter.drawEllipse(QPointF(110, 141), 19, 23)  # kneecap, front
        painter.drawEllipse(QPointF(PANEL_W + 156, 144), 7, 16)  # kneecap, side
        painter.setBrush(Qt.BrushStyle.NoBrush)
        soft = QPen(SKIN_SHADE.darker(125), 1.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(soft)
        tendon = QPainterPath(QPointF(104, 166))
        tendon.cubicTo(QPointF(104, 180), QPointF(106, 195), QPointF(108, 205))
        painter.drawPath(tendon)
        tendon = QPainterPath(QPointF(116, 166))
        tendon.cubicTo(QPointF(116, 180), QPointF(114, 195), QPointF(112, 205))
        painter.drawPath(tendon)
        crease = QPainterPath(QPointF(2 * PANEL_W + 156, 160))
        crease.cubicTo(
            QPointF(2 * PANEL_W + 140, 150), QPointF(2 * PANEL_W + 128, 128), QPointF(2 * PANEL_W + 124, 110)
        )
        painter.drawPath(crease)  # groin crease
        fold = QPainterPath(QPointF(2 * PANEL_W + 68, 196))
        fold.cubicTo(QPointF(2 * PANEL_W + 80, 200), QPointF(2 * PANEL_W + 92, 198), QPointF(2 * PANEL_W + 100, 192))
        painter.drawPath(fold)  # buttock fold
        painter.drawEllipse(QPointF(2 * PANEL_W + 114, 150), 6, 6)  # the bony point of the hip
        # Which side is which, so "outside" and "inside" are never a guess.
        small = QFont(self.font())
        small.setPointSizeF(8.5)
        painter.setFont(small)
        # Text sits on the window, not on the skin: the palette's colours keep it readable in dark mode.
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for index, (left, right) in enumerate((("outside", "inside"), ("back", "front"), ("back", "front"))):
            x = index * PANEL_W
            painter.drawText(QRectF(x + 16, 4, 70, 16), Qt.AlignmentFlag.AlignLeft, left)
            painter.drawText(QRectF(x + PANEL_W - 86, 4, 70, 16), Qt.AlignmentFlag.AlignRight, right)

    def _paint_regions(self, painter: QPainter) -> None:
        focus_id = REGION_IDS[self._focus_index] if self.hasFocus() else None
        for region in REGIONS:
            on = region.id in self._selected
            if on:
                painter.setBrush(REGION_ON)
                painter.setPen(QPen(REGION_ON_EDGE, 1.6))
            elif region.id == self._hover:
                painter.setBrush(REGION_HOVER)
                painter.setPen(QPen(REGION_ON_EDGE, 1.4))
            else:
                painter.setBrush(REGION_IDLE)
                painter.setPen(QPen(REGION_IDLE_EDGE, 1.0, Qt.PenStyle.DashLine))
            for shape in region.shapes:
                painter.drawPath(shape)
            if region.id == focus_id:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(FOCUS_EDGE, 2.0, Qt.PenStyle.DotLine))
                for shape in region.shapes:
                    painter.drawRect(shape.boundingRect().adjusted(-3, -3, 3, 3))

    def _paint_captions(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSizeF(10)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for index, caption in enumerate(CAPTIONS):
            painter.drawText(QRectF(index * PANEL_W, 306, PANEL_W, 22), Qt.AlignmentFlag.AlignCenter, caption)
