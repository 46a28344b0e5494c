"""The colours the plan and roster use for phases, run days and session kinds.

Every colour comes with a text label wherever it is drawn, so a greyscale print or a colour-blind
coach still reads the season; the colours only make it faster to scan.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from planner.domain.athlete import Phase
from planner.domain.plan import SessionKind

# Phase bands: cool for base building, warm as the race nears, green to recover. Lightness steps
# differ too, so neighbouring phases stay apart in greyscale.
PHASE_COLORS: dict[Phase, QColor] = {
    Phase.OFF_SEASON: QColor("#8fa6bf"),
    Phase.PRE_SEASON: QColor("#5b8fd6"),
    Phase.IN_SEASON: QColor("#e0a030"),
    Phase.TAPER: QColor("#d9653b"),
    Phase.RACE_WEEK: QColor("#b8283a"),
    Phase.RECOVERY: QColor("#4fa36b"),
}

SESSION_COLORS: dict[SessionKind, QColor] = {
    SessionKind.STRENGTH: QColor("#3f6fb5"),
    SessionKind.CORRECTIVE: QColor("#8a5cc2"),
    SessionKind.MOBILITY: QColor("#3f9a8a"),
}

SESSION_LABELS: dict[SessionKind, str] = {
    SessionKind.STRENGTH: "Strength",
    SessionKind.CORRECTIVE: "Corrective",
    SessionKind.MOBILITY: "Mobility",
}

RUN_LABELS: dict[str, str] = {
    "rest": "Rest",
    "easy": "Easy run",
    "quality": "Quality",
    "long": "Long run",
    "race": "Race",
}

# The grid's narrow cells: one word each.
RUN_SHORT: dict[str, str] = {"rest": "Rest", "easy": "Easy", "quality": "Quality", "long": "Long", "race": "Race"}

RUN_COLORS: dict[str, QColor] = {
    "rest": QColor("#9aa0a6"),
    "easy": QColor("#4a7c59"),
    "quality": QColor("#c0562a"),
    "long": QColor("#7a4fa0"),
    "race": QColor("#b8283a"),
}


def phase_color(phase: Phase) -> QColor:
    return QColor(PHASE_COLORS.get(phase, QColor("#999999")))


def tint(color: QColor, amount: float) -> QColor:
    """`color` mixed with white: 0 is the colour, 1 is white (used for band backgrounds)."""
    r = color.red() + (255 - color.red()) * amount
    g = color.green() + (255 - color.green()) * amount
    b = color.blue() + (255 - color.blue()) * amount
    return QColor(int(r), int(g), int(b))


def text_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on `color`."""
    luminance = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor("#1b1b1b") if luminance > 150 else QColor("#ffffff")
