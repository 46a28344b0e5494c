"""The words the plan and roster write beside every phase, run day and session kind.

The colours themselves live in planner.ui.colors (one table of light and dark pairs); every colour
comes with one of these labels wherever it is drawn, so a greyscale print or a colour-blind coach
still reads the season.
"""

from __future__ import annotations

from planner.domain.plan import SessionKind

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
