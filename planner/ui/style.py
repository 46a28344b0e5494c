"""Looks: Fusion style, the light and dark palettes, spacing on an 8 px grid, and the shipped icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from planner.paths import resources_dir

SPACING = 8  # every margin and gap is a multiple of this
ACCENT = "#2f7d6d"


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
        painter.fillRect(white.rect(), QColor("#ffffff"))
        painter.end()
        result.addPixmap(white, QIcon.Mode.Selected)
    return result


def app_icon() -> QIcon:
    return icon("stride-planner")


def apply_style(app: QApplication, *, dark: bool) -> None:
    """Fusion everywhere (same look on every platform) with our light or dark palette."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else light_palette())


def light_palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#f4f5f4",
        QPalette.ColorRole.WindowText: "#1d2321",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f2f5f4",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1d2321",
        QPalette.ColorRole.PlaceholderText: "#7a8380",
        QPalette.ColorRole.Text: "#1d2321",
        QPalette.ColorRole.Button: "#eceeed",
        QPalette.ColorRole.ButtonText: "#1d2321",
        QPalette.ColorRole.BrightText: "#b3261e",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#1f6b5c",
        QPalette.ColorRole.Mid: "#c4c9c7",
        QPalette.ColorRole.Dark: "#a3aaa7",
        QPalette.ColorRole.Light: "#ffffff",
    }
    _fill(pal, roles)
    _disabled(pal, "#9aa19e")
    return pal


def dark_palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#24282a",
        QPalette.ColorRole.WindowText: "#e6e9e8",
        QPalette.ColorRole.Base: "#1b1e20",
        QPalette.ColorRole.AlternateBase: "#23272a",
        QPalette.ColorRole.ToolTipBase: "#2e3336",
        QPalette.ColorRole.ToolTipText: "#e6e9e8",
        QPalette.ColorRole.PlaceholderText: "#8c9592",
        QPalette.ColorRole.Text: "#e6e9e8",
        QPalette.ColorRole.Button: "#2e3336",
        QPalette.ColorRole.ButtonText: "#e6e9e8",
        QPalette.ColorRole.BrightText: "#ff8a80",
        QPalette.ColorRole.Highlight: "#3f9d8a",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fd1bf",
        QPalette.ColorRole.Mid: "#3b4144",
        QPalette.ColorRole.Dark: "#151819",
        QPalette.ColorRole.Light: "#3f4548",
        QPalette.ColorRole.Shadow: "#0d0f10",
    }
    _fill(pal, roles)
    _disabled(pal, "#6d7573")
    return pal


def _fill(pal: QPalette, roles: dict[QPalette.ColorRole, str]) -> None:
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))


def _disabled(pal: QPalette, colour: str) -> None:
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))


def is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def muted_colour(pal: QPalette) -> QColor:
    """Secondary text: labels of fields, hints."""
    return pal.color(QPalette.ColorRole.PlaceholderText)
