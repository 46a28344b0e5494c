"""Looks: Fusion style with a focus ring, the light and dark palettes (from planner.ui.colors), spacing on an
8 px grid, app-wide tones, and the shipped icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QProxyStyle, QSpinBox, QStyle, QStyleFactory, QStyleOptionSlider, QWidget

from planner.domain.exercise import unbroken_units  # noqa: F401  (the window's labels use it from here)
from planner.paths import resources_dir
from planner.ui.colors import PALETTE, color, hex_of, palette_for

SPACING = 8  # every margin and gap is a multiple of this
ACCENT = PALETTE[QPalette.ColorRole.Highlight].light  # the light palette's highlight


def icon(name: str) -> QIcon:
    """An icon from resources/icons (SVG); an empty icon when the file is missing."""
    return _icon(name)


@cache
def _icon(name: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def on_accent_icon(name: str) -> QIcon:
    """The icon as drawn, plus a white version for when it sits on the accent colour (selected)."""
    base = icon(name)
    result = QIcon()
    for size in (20, 40):
        normal = base.pixmap(size, size)
        result.addPixmap(normal, QIcon.Mode.Normal)
        white = QPixmap(normal.size())
        white.setDevicePixelRatio(normal.devicePixelRatio())
        white.fill(Qt.GlobalColor.transparent)
        painter = QPainter(white)
        painter.drawPixmap(0, 0, normal)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(white.rect(), color("palette.HighlightedText"))
        painter.end()
        result.addPixmap(white, QIcon.Mode.Selected)
    return result


def app_icon() -> QIcon:
    return icon("stride-planner")


def apply_style(app: QApplication, *, dark: bool) -> None:
    """Fusion everywhere (same look on every platform) with our light or dark palette, a focus ring
    every keyboard stop draws, and the app-wide tones (error, edited, muted, warning) for that palette."""
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle())
    app.setPalette(dark_palette() if dark else light_palette())
    app.setStyleSheet(app_style_sheet(dark))


def light_palette() -> QPalette:
    return palette_for(dark=False)


def dark_palette() -> QPalette:
    return palette_for(dark=True)


# Labels and fields say what they are with a `tone` property; the colours follow the palette.
TONES: dict[str, str] = {"error": "error", "edited": "edited", "muted": "muted", "warning": "warning_text"}


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Colour a label's text (or a field's border, for "error") by meaning; None takes the tone off."""
    if tone is not None and tone not in TONES:
        raise KeyError(tone)
    widget.setProperty("tone", tone or "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def app_style_sheet(dark: bool) -> str:
    """The few rules the whole app shares: tones, the warning strip, the disclaimer box, focus in lists."""

    def c(name: str) -> str:
        return hex_of(name, dark)

    rules = [f'QLabel[tone="{tone}"] {{ color: {c(name)}; }}' for tone, name in TONES.items()]
    rules += [
        f'QLineEdit[tone="error"], QPlainTextEdit[tone="error"] {{ border: 2px solid {c("error")}; }}',
        f"QLabel#disclaimer_box {{ color: {c('text')}; background: {c('disclaimer_fill')};"
        f" border: 1px solid {c('disclaimer_border')}; border-radius: 4px; padding: 8px; }}",
        f"QListWidget#sidebar:focus::item:selected {{ border: 2px solid {c('focus')}; }}",
        f"QLabel#export_warnings {{ background: {c('warning_fill')}; color: {c('warning_text')};"
        f" border: 1px solid {c('warning_border')}; border-radius: 4px; padding: 6px 8px; }}",
    ]
    return "\n".join(rules)


_GROOVE = QStyle.SubControl.SC_ScrollBarGroove


class FocusRingStyle(QProxyStyle):
    """Fusion, plus a 2 px ring in the palette's focus colour around whatever has the keyboard focus.

    Fusion marks focus with a faint tint of the highlight colour that all but vanishes in the dark
    palette and on check boxes; a coach driving the window by keyboard must always see where they are.
    """

    _FRAMED = (
        QStyle.PrimitiveElement.PE_FrameLineEdit,
        QStyle.PrimitiveElement.PE_PanelButtonCommand,
        QStyle.PrimitiveElement.PE_FrameFocusRect,
    )
    _COMPLEX = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)
    _GROOVES_KEPT = 16  # scroll bar grooves kept drawn: a few sizes and states of each scroll bar on screen

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self._grooves: dict[tuple, QPixmap] = {}

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            self._ring(option, painter, inset=0)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in self._FRAMED and option.state & QStyle.StateFlag.State_HasFocus:
            self._ring(option, painter, inset=1)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        if control == QStyle.ComplexControl.CC_ScrollBar and option.subControls & _GROOVE:
            self._scroll_bar(option, painter, widget)
            return
        super().drawComplexControl(control, option, painter, widget)
        if control in self._COMPLEX and option.state & QStyle.StateFlag.State_HasFocus:
            self._ring(option, painter, inset=1)

    def _scroll_bar(self, option: QStyleOptionSlider, painter: QPainter, widget: QWidget | None) -> None:
        """Fusion's scroll bar with its groove drawn from a pixmap: the groove's gradient is most of the cost of
        painting a scroll bar (some 1.5 ms for the Library table's), and the table's scroll bar repaints at each
        keystroke of a search, its slider moved but its groove the same. Blending the pixmap differs from drawing
        straight onto the widget by at most one level of a colour channel."""
        rect = option.rect
        dpr = painter.device().devicePixelRatio()
        # Everything the groove's look may follow: size, state (enabled, hovered, pressed), palette, pixel ratio.
        state = (option.state.value, option.activeSubControls.value)
        key = (rect.width(), rect.height(), state, option.palette.cacheKey(), dpr)
        groove = self._grooves.get(key)
        if groove is None:
            groove = QPixmap(rect.size() * dpr)
            groove.setDevicePixelRatio(dpr)
            groove.fill(Qt.GlobalColor.transparent)
            alone = QStyleOptionSlider(option)
            alone.rect = rect.translated(-rect.topLeft())
            alone.subControls = _GROOVE
            on = QPainter(groove)
            super().drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, alone, on, widget)
            on.end()
            if len(self._grooves) >= self._GROOVES_KEPT:
                self._grooves.pop(next(iter(self._grooves)))
            self._grooves[key] = groove
        painter.drawPixmap(rect.topLeft(), groove)
        rest = QStyleOptionSlider(option)
        rest.subControls = option.subControls & ~_GROOVE
        super().drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, rest, painter, widget)

    @staticmethod
    def _ring(option, painter: QPainter, *, inset: int) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color("focus", is_dark(option.palette)), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(option.rect).adjusted(inset + 1, inset + 1, -inset - 1, -inset - 1), 3, 3)
        painter.restore()


def count_suffix(spin: QSpinBox, singular: str, plural: str) -> None:
    """A spin box that reads "1 week" and "2 weeks": its suffix follows its value."""

    def follow(value: int) -> None:
        spin.setSuffix(singular if value == 1 else plural)

    spin.setSuffix(plural)
    spin.setMinimumWidth(spin.sizeHint().width())  # room for "18 weeks" even while it reads "1 week"
    spin.valueChanged.connect(follow)
    follow(spin.value())


def is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def muted_colour(pal: QPalette) -> QColor:
    """Secondary text: labels of fields, hints."""
    return pal.color(QPalette.ColorRole.PlaceholderText)
