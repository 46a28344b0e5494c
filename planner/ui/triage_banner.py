"""The coloured triage banner and the likely-pattern score bars of a wizard result.

Colour is never the only cue: each level has its own icon shape and a headline in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from planner.ui.colors import triage_colors
from planner.ui.wizard_labels import triage_look


class TriageIcon(QWidget):
    """A round badge with a tick (self-care), a clock (soon), an exclamation (urgent) or a cross."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shape = "check"
        self._colour = QColor(triage_colors("self_care")[1])
        self.setFixedSize(QSize(40, 40))

    def set_look(self, shape: str, colour: str) -> None:
        self._shape, self._colour = shape, QColor(colour)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._colour)
        if self._shape == "alert":
            triangle = QPainterPath(QPointF(20, 2))
            triangle.lineTo(QPointF(39, 37))
            triangle.lineTo(QPointF(1, 37))
            triangle.closeSubpath()
            p.drawPath(triangle)
        else:
            p.drawEllipse(QRectF(1, 1, 38, 38))
        pen = QPen(
            self.palette().color(QPalette.ColorRole.Base),
            4,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        p.setPen(pen)
        if self._shape == "check":
            p.drawPolyline([QPointF(11, 21), QPointF(17, 27), QPointF(29, 13)])
        elif self._shape == "clock":
            p.drawLine(QPointF(20, 20), QPointF(20, 10))
            p.drawLine(QPointF(20, 20), QPointF(27, 24))
        elif self._shape == "alert":
            p.drawLine(QPointF(20, 14), QPointF(20, 24))
            p.drawPoint(QPointF(20, 31))
        else:
            p.drawLine(QPointF(13, 13), QPointF(27, 27))
            p.drawLine(QPointF(27, 13), QPointF(13, 27))
        p.end()


class TriageBanner(QFrame):
    """What to do, as a banner: icon, headline (e.g. "Urgent: get seen today") and the action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triageBanner")
        self.icon = TriageIcon(self)
        self.headline = QLabel(self)
        self.headline.setObjectName("triageHeadline")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.headline)
        text.addWidget(self.message)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(14)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self.triage = ""
        self.set_triage("self_care", "")

    def set_triage(self, triage: str, message: str) -> None:
        self.triage = triage
        look = triage_look(triage)
        self.headline.setText(look.headline)
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self._restyle()
        self.setAccessibleName(f"{look.headline}. {message}")

    def _restyle(self) -> None:
        fill, border, text = triage_colors(self.triage)  # the light or dark pair, whichever is showing
        self.icon.set_look(triage_look(self.triage).icon, border)
        self.setStyleSheet(
            f"#triageBanner {{ background: {fill}; border: 1px solid {border};"
            f" border-left: 6px solid {border}; border-radius: 6px; }}"
            f"#triageBanner QLabel {{ color: {text}; background: transparent; border: none; }}"
            "#triageHeadline { font-size: 15pt; font-weight: 600; }"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange and self.triage:
            self._restyle()
        super().changeEvent(event)


class PatternBars(QWidget):
    """The likely patterns, best first: name, a score bar and the reasons drawn from the answers."""

    def __init__(self, parent: QWidget | None = None, *, show_reasons: bool = True, limit: int = 3) -> None:
        super().__init__(parent)
        self._show_reasons = show_reasons
        self._limit = limit
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)

    def set_conditions(self, conditions: Sequence[Any]) -> None:
        """`conditions`: ConditionMatch values (id, name, score, reasons), best first."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        shown = list(conditions)[: self._limit]
        if not shown:
            none = QLabel("No likely pattern stands out from these answers.", self)
            none.setWordWrap(True)
            self._layout.addWidget(none)
            return
        for match in shown:
            self._layout.addWidget(self._row(match))

    def _row(self, match: Any) -> QWidget:
        row = QWidget(self)
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        top = QHBoxLayout()
        name = QLabel(f"<b>{match.name}</b>", row)
        name.setWordWrap(True)  # long pattern names wrap instead of widening (and clipping) narrow columns
        name.setObjectName(f"pattern_{match.id}")
        bar = QProgressBar(row)
        bar.setRange(0, 100)
        bar.setValue(round(match.score * 100))
        bar.setTextVisible(False)
        bar.setFixedHeight(10)
        bar.setMaximumWidth(180)
        bar.setAccessibleName(f"{match.name}: fit {round(match.score * 100)} out of 100")
        strength = QLabel(fit_words(match.score), row)
        strength.setStyleSheet("color: palette(placeholder-text);")
        top.addWidget(name, 1)
        top.addWidget(bar)
        top.addWidget(strength)
        box.addLayout(top)
        if self._show_reasons and match.reasons:
            reasons = QLabel("".join(f"• {r}<br>" for r in match.reasons).removesuffix("<br>"), row)
            reasons.setWordWrap(True)
            reasons.setStyleSheet("color: palette(placeholder-text); margin-left: 12px;")
            box.addWidget(reasons)
        return row


def fit_words(score: float) -> str:
    if score >= 0.7:
        return "strong fit"
    if score >= 0.4:
        return "moderate fit"
    return "weak fit"
