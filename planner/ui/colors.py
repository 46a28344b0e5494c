"""Every colour the window paints, in one table of light and dark pairs.

The palette roles (window, text, highlight, ...) and every colour a delegate, banner, badge or chip
paints come from here, so the dark palette is designed rather than inherited by accident. Each text
colour is listed with the backgrounds it is drawn on in `TEXT_PAIRS`; tests/ui/test_colors.py holds
every pair to WCAG AA (4.5:1) in both palettes, and every mark that carries meaning without words
(`MARK_PAIRS`: stripes, dots, signs) to the 3:1 of non-text contrast.

Colour is never the only cue: every phase, run and session kind is also written out where it is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from planner.domain.athlete import Phase
    from planner.domain.plan import SessionKind

# Keyed by the phases' and session kinds' values (they are StrEnums, so a member finds its entry): importing the
# domain's athlete and plan modules here cost the window's first paint ~20 ms (tests/ui/test_colors.py keeps the
# keys equal to the members).


@dataclass(frozen=True, slots=True)
class Pair:
    """One colour as the light palette paints it and as the dark one does."""

    light: str
    dark: str

    def pick(self, dark: bool) -> str:
        return self.dark if dark else self.light


R = QPalette.ColorRole

# The palette itself: what every stock widget draws with.
PALETTE: dict[QPalette.ColorRole, Pair] = {
    R.Window: Pair("#f4f5f4", "#24282a"),
    R.WindowText: Pair("#1d2321", "#e6e9e8"),
    R.Base: Pair("#ffffff", "#1b1e20"),
    R.AlternateBase: Pair("#f2f5f4", "#23272a"),
    R.ToolTipBase: Pair("#ffffff", "#2e3336"),
    R.ToolTipText: Pair("#1d2321", "#e6e9e8"),
    R.PlaceholderText: Pair("#5c6562", "#a3aba8"),
    R.Text: Pair("#1d2321", "#e6e9e8"),
    R.Button: Pair("#eceeed", "#2e3336"),
    R.ButtonText: Pair("#1d2321", "#e6e9e8"),
    R.BrightText: Pair("#b3261e", "#ff8a80"),
    R.Highlight: Pair("#2f7d6d", "#2a7566"),
    R.HighlightedText: Pair("#ffffff", "#ffffff"),
    R.Link: Pair("#1f6b5c", "#7fd1bf"),
    R.Mid: Pair("#c4c9c7", "#3b4144"),
    R.Dark: Pair("#a3aaa7", "#151819"),
    R.Light: Pair("#ffffff", "#3f4548"),
    R.Shadow: Pair("#767c7a", "#0d0f10"),
}
DISABLED_TEXT = Pair("#8a918e", "#737b79")  # disabled controls only: WCAG exempts them, they need not pass

COLORS: dict[str, Pair] = {
    # Surfaces of the plan grid and of the text drawn on them.
    "day": Pair("#ffffff", "#1b1e20"),
    "today": Pair("#fff6cc", "#37331f"),
    "race_day": Pair("#fbe9ec", "#3c2227"),
    "grid_line": Pair("#d5d8dc", "#3b4144"),
    "focus": Pair("#1a5fd0", "#8ab4f8"),  # the focused cell's frame and every focus ring
    "text": Pair("#1b1b1b", "#e6e9e8"),
    "muted": Pair("#585e63", "#a9b1ae"),  # day numbers, minutes, dates, hints
    "error": Pair("#b3261e", "#ff8a80"),  # wrong input, "See a clinician before running"
    "edited": Pair("#a34b00", "#ffab5e"),  # "edited" marks and words
    "warning_fill": Pair("#fff6e0", "#302a1c"),
    "warning_text": Pair("#6b4200", "#f2c27a"),
    "warning_border": Pair("#e6c77a", "#6b5a2e"),
    "warning_sign": Pair("#b86e00", "#e3a336"),
    "warning_mark": Pair("#ffffff", "#1b1e20"),  # the "!" inside the sign
    "preview_surround": Pair("#8a8f94", "#8a8f94"),  # around the white PDF pages: the pages set it, not the palette
    "score_bar": Pair("#3a6ea5", "#7aa7d8"),
    "score_rest": Pair("#dfe6ee", "#3b4144"),
    "notice_fill": Pair("#e3f1ee", "#1c3430"),  # the Plan view's re-check banner
    "notice_border": Pair("#2f7d6d", "#4fb3a0"),
    "disclaimer_fill": Pair("#f7f3ea", "#2e2b25"),
    "disclaimer_border": Pair("#e2d9c3", "#51493a"),
    # The library's origin badges: a letter on a filled square.
    "badge_builtin": Pair("#56625f", "#8e9a97"),
    "badge_edited": Pair("#9a5200", "#f0a95a"),
    "badge_custom": Pair("#2a7264", "#6cc5b1"),
    "badge_text": Pair("#ffffff", "#111414"),
}

# Phases: the solid colour (band stripe, chip), the band behind the week column, the chip's text.
PHASES: dict[str, Pair] = {
    "off_season": Pair("#8fa6bf", "#5f7891"),
    "pre_season": Pair("#5b8fd6", "#3d6fb5"),
    "in_season": Pair("#e0a030", "#a8741a"),
    "taper": Pair("#e07a50", "#b35430"),
    "race_week": Pair("#c93a4b", "#a32c3c"),
    "recovery": Pair("#5fae78", "#357a4d"),
}
PHASE_BANDS: dict[str, Pair] = {
    "off_season": Pair("#e4eaf1", "#262d35"),
    "pre_season": Pair("#dae6f6", "#202c3d"),
    "in_season": Pair("#f9ecd4", "#352b1a"),
    "taper": Pair("#f9e1d7", "#37251d"),
    "race_week": Pair("#f4d8dc", "#38202a"),
    "recovery": Pair("#dcefe2", "#1f3326"),
}
PHASE_CHIP_TEXT: dict[str, Pair] = {
    "off_season": Pair("#111414", "#ffffff"),
    "pre_season": Pair("#111414", "#ffffff"),
    "in_season": Pair("#111414", "#111414"),
    "taper": Pair("#111414", "#ffffff"),
    "race_week": Pair("#ffffff", "#ffffff"),
    "recovery": Pair("#111414", "#ffffff"),
}

# Session kinds: the card's stripe (and the legend's square), its fill, its fill when selected.
SESSIONS: dict[str, Pair] = {
    "strength": Pair("#3f6fb5", "#6f9be0"),
    "corrective": Pair("#8a5cc2", "#b18ae6"),
    "mobility": Pair("#2f8a7b", "#5cbfae"),
}
SESSION_FILLS: dict[str, Pair] = {
    "strength": Pair("#e2e9f4", "#233249"),
    "corrective": Pair("#eee6f7", "#302645"),
    "mobility": Pair("#dff0ed", "#1d3834"),
}
SESSION_FILLS_SELECTED: dict[str, Pair] = {
    "strength": Pair("#b9cbe6", "#2f4a73"),
    "corrective": Pair("#d6c5ec", "#4a3870"),
    "mobility": Pair("#b3ddd5", "#275a52"),
}

# Run kinds: the day's first line ("Quality", "Long") in its own colour.
RUNS: dict[str, Pair] = {
    "rest": Pair("#585e63", "#a9b1ae"),
    "easy": Pair("#2f6b40", "#7cc891"),
    "quality": Pair("#a8461c", "#f2996b"),
    "long": Pair("#6b3f93", "#c49ae8"),
    "race": Pair("#a32335", "#ff8f9c"),
}

# The symptom check's levels: banner fill, border and icon, text.
TRIAGE: dict[str, tuple[Pair, Pair, Pair]] = {
    "self_care": (Pair("#e6f4ea", "#1e3323"), Pair("#2e7d32", "#5fb865"), Pair("#1b4d1f", "#cdebd0")),
    "see_clinician_soon": (Pair("#fff4de", "#362c19"), Pair("#b26a00", "#e3a336"), Pair("#5c3800", "#f5dcb0")),
    "urgent": (Pair("#fde7df", "#3a241c"), Pair("#c8441b", "#f07a52"), Pair("#6e1f08", "#fbd0c0")),
    "emergency": (Pair("#fbe3e3", "#3b1e1e"), Pair("#b3261e", "#f0685e"), Pair("#601410", "#fcd0cc")),
}

_BACKGROUNDS_OF_DAY = ("day", "today", "race_day")

# Every text colour with each background it is drawn on: (text, background), names in COLORS or a palette role.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    *((f"run.{run}", bg) for run in RUNS for bg in _BACKGROUNDS_OF_DAY),
    *(("muted", bg) for bg in _BACKGROUNDS_OF_DAY),
    *(("text", bg) for bg in _BACKGROUNDS_OF_DAY),
    ("error", "day"),
    ("error", "today"),
    *((f"phase_chip_text.{p}", f"phase.{p}") for p in PHASES),
    *((t, f"phase_band.{p}") for p in PHASES for t in ("text", "muted")),
    *((t, f"session_fill.{k}") for k in SESSIONS for t in ("text", "muted")),
    *(("text", f"session_fill_selected.{k}") for k in SESSIONS),
    ("warning_text", "warning_fill"),
    ("warning_text", "palette.Window"),
    ("text", "disclaimer_fill"),
    ("muted", "disclaimer_fill"),
    ("edited", "palette.Base"),
    ("edited", "palette.Window"),
    ("error", "palette.Window"),
    ("error", "palette.Base"),
    ("muted", "palette.Window"),
    ("muted", "palette.Base"),
    *(("badge_text", f"badge_{origin}") for origin in ("builtin", "edited", "custom")),
    *((f"triage_text.{level}", f"triage_fill.{level}") for level in TRIAGE),
    *(("palette.WindowText", f"triage_fill.{level}") for level in TRIAGE),
    ("palette.WindowText", "notice_fill"),
    ("palette.Text", "palette.Base"),
    ("palette.Text", "palette.AlternateBase"),
    ("palette.WindowText", "palette.Window"),
    ("palette.ButtonText", "palette.Button"),
    ("palette.HighlightedText", "palette.Highlight"),
    ("palette.PlaceholderText", "palette.Base"),
    ("palette.PlaceholderText", "palette.Window"),
    ("palette.Link", "palette.Base"),
    ("palette.Link", "palette.Window"),
    ("palette.ToolTipText", "palette.ToolTipBase"),
)

# Marks without words beside them (stripes, dots, signs, focus rings) against what they sit on: 3:1.
MARK_PAIRS: tuple[tuple[str, str], ...] = (
    *((f"session.{k}", "palette.Window") for k in SESSIONS),
    *((f"session.{k}", "day") for k in SESSIONS),
    ("edited", "day"),
    ("warning_sign", "warning_fill"),
    ("warning_sign", "palette.Window"),
    ("warning_mark", "warning_sign"),
    ("focus", "day"),
    ("focus", "palette.Window"),
    ("focus", "palette.Base"),
    *((f"triage_border.{level}", f"triage_fill.{level}") for level in TRIAGE),
    ("notice_border", "notice_fill"),
    ("score_bar", "palette.Window"),
    *(("palette.Base", f"triage_border.{level}") for level in TRIAGE),  # the icon's tick, clock or cross
)


def app_is_dark() -> bool:
    """Whether the application's palette is the dark one (the window's palette, not a widget's)."""
    window = QApplication.palette().color(R.Window)
    return window.lightness() < 128


def _dark(dark: bool | None) -> bool:
    return app_is_dark() if dark is None else dark


def color(name: str, dark: bool | None = None) -> QColor:
    """A named colour for the current palette (or the one asked for).

    Names are those of `COLORS`, or `phase.<phase>`, `phase_band.<phase>`, `phase_chip_text.<phase>`,
    `session.<kind>`, `session_fill.<kind>`, `session_fill_selected.<kind>`, `run.<kind>`,
    `triage_fill|triage_border|triage_text.<level>`, and `palette.<Role>`.
    """
    return QColor(hex_of(name, _dark(dark)))


# Every name `color` knows, flat: "text", "phase.taper", "palette.Window", ...
_NAMED: dict[str, Pair] = {
    **COLORS,
    **{f"phase.{p}": v for p, v in PHASES.items()},
    **{f"phase_band.{p}": v for p, v in PHASE_BANDS.items()},
    **{f"phase_chip_text.{p}": v for p, v in PHASE_CHIP_TEXT.items()},
    **{f"session.{k}": v for k, v in SESSIONS.items()},
    **{f"session_fill.{k}": v for k, v in SESSION_FILLS.items()},
    **{f"session_fill_selected.{k}": v for k, v in SESSION_FILLS_SELECTED.items()},
    **{f"run.{run}": v for run, v in RUNS.items()},
    **{f"triage_fill.{level}": looks[0] for level, looks in TRIAGE.items()},
    **{f"triage_border.{level}": looks[1] for level, looks in TRIAGE.items()},
    **{f"triage_text.{level}": looks[2] for level, looks in TRIAGE.items()},
    **{f"palette.{role.name}": v for role, v in PALETTE.items()},
}


def names() -> tuple[str, ...]:
    """Every colour name `color` accepts."""
    return tuple(_NAMED)


def hex_of(name: str, dark: bool) -> str:
    """The `#rrggbb` of a named colour in one palette (see `color`); KeyError for an unknown name."""
    return _NAMED[name].pick(dark)


def phase_color(phase: Phase, dark: bool | None = None) -> QColor:
    return color(f"phase.{phase}", dark)


def phase_band(phase: Phase, dark: bool | None = None) -> QColor:
    return color(f"phase_band.{phase}", dark)


def phase_chip_text(phase: Phase, dark: bool | None = None) -> QColor:
    return color(f"phase_chip_text.{phase}", dark)


def session_color(kind: SessionKind, dark: bool | None = None) -> QColor:
    return color(f"session.{kind}", dark)


def run_color(run: str, dark: bool | None = None) -> QColor:
    return QColor(RUNS.get(run, RUNS["rest"]).pick(_dark(dark)))


def triage_colors(triage: str, dark: bool | None = None) -> tuple[str, str, str]:
    """(fill, border, text) of a symptom-check level's banner; an unknown level looks like "see soon"."""
    fill, border, text = TRIAGE.get(triage, TRIAGE["see_clinician_soon"])
    d = _dark(dark)
    return fill.pick(d), border.pick(d), text.pick(d)


def palette_for(dark: bool) -> QPalette:
    """The application palette built from `PALETTE`; disabled text greyed from `DISABLED_TEXT`."""
    pal = QPalette()
    for role, pair in PALETTE.items():
        pal.setColor(role, QColor(pair.pick(dark)))
    for role in (R.Text, R.WindowText, R.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT.pick(dark)))
    return pal


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    c = QColor(hex_colour)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
