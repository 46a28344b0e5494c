"""One colour table: every text the window paints reads at WCAG AA in the light and the dark palette."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from planner.ui.colors import MARK_PAIRS, TEXT_PAIRS, contrast, hex_of, names
from planner.ui.style import apply_style

UI = Path(__file__).resolve().parents[2] / "planner" / "ui"
PALETTES = ("light", "dark")


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS, ids=[f"{t}-on-{b}" for t, b in TEXT_PAIRS])
def test_every_text_colour_reads_on_its_background(palette: str, text: str, background: str) -> None:
    dark = palette == "dark"
    ratio = contrast(hex_of(text, dark), hex_of(background, dark))
    assert ratio >= 4.5, f"{text} on {background} in the {palette} palette: {ratio:.2f}:1"


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize(("mark", "background"), MARK_PAIRS, ids=[f"{m}-on-{b}" for m, b in MARK_PAIRS])
def test_every_mark_stands_out_from_what_it_sits_on(palette: str, mark: str, background: str) -> None:
    dark = palette == "dark"
    ratio = contrast(hex_of(mark, dark), hex_of(background, dark))
    assert ratio >= 3.0, f"{mark} on {background} in the {palette} palette: {ratio:.2f}:1"


def test_every_named_colour_is_in_a_checked_pair_or_a_surface() -> None:
    checked = {name for pair in (*TEXT_PAIRS, *MARK_PAIRS) for name in pair}
    # Surfaces no text sits on directly, and the grid's hairlines (decoration, not information).
    unchecked_on_purpose = {"grid_line", "warning_border", "disclaimer_border", "preview_surround", "score_rest"}
    palette_roles = {n for n in names() if n.startswith("palette.")}
    left = set(names()) - checked - unchecked_on_purpose - palette_roles
    assert not left, f"colours no test checks: {sorted(left)}"


def test_no_view_paints_a_colour_literal_of_its_own() -> None:
    hex_colour = re.compile(r"['\"]#[0-9a-fA-F]{3,8}\b|QColor\(\s*\d")
    # colors.py is the table; the body diagram is an illustration of skin and bone, not a coded colour.
    allowed = {"colors.py", "body_diagram.py"}
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(UI.glob("*.py"))
        if path.name not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hex_colour.search(line)
    ]
    assert not found, "\n".join(found)


@pytest.fixture
def dark_app(qapp: QApplication) -> Iterator[QApplication]:
    apply_style(qapp, dark=True)
    yield qapp
    apply_style(qapp, dark=False)


def test_the_dark_style_uses_the_dark_table(dark_app: QApplication) -> None:
    window = dark_app.palette().color(QPalette.ColorRole.Window).name()
    assert window == hex_of("palette.Window", dark=True)


def test_the_plan_grid_paints_dark_days_in_the_dark_palette(qtbot, ctx, dark_app) -> None:
    from planner.store.athletes import add_athlete
    from planner.store.plans import regenerate_plan
    from planner.ui.plan_model import FIRST_DAY_COLUMN
    from tests.ui.test_plan_view import make_view, zoe

    athlete_id = add_athlete(ctx.db, zoe())
    regenerate_plan(ctx.db, athlete_id)
    ctx.set_current_athlete(athlete_id)
    view = make_view(qtbot, ctx)
    index = view.model.index(1, FIRST_DAY_COLUMN + 2)
    corner = view.grid.visualRect(index).bottomLeft() + QPoint(6, -4)  # below the cards, inside the cell
    pixel = view.grid.viewport().grab().toImage().pixelColor(corner)
    assert pixel.lightness() < 80, f"a day cell painted {pixel.name()} in the dark palette"


def test_the_roster_phase_cell_text_reads_on_its_band(ctx, dark_app) -> None:
    from PySide6.QtCore import Qt

    from planner.domain.athlete import Athlete
    from planner.store.athletes import add_athlete, list_athletes
    from planner.ui.athlete_model import AthleteListModel

    add_athlete(ctx.db, Athlete(name="Ada"))
    model = AthleteListModel()
    model.set_athletes(list_athletes(ctx.db))
    index = model.index(0, 3)
    text = model.data(index, Qt.ItemDataRole.ForegroundRole).name()
    band = model.data(index, Qt.ItemDataRole.BackgroundRole).name()
    assert contrast(text, band) >= 4.5, f"{text} on {band}"


def test_every_phase_and_session_kind_has_its_colours() -> None:
    """The colour tables are keyed by value (no domain import before the first paint): none may miss a member."""
    from planner.domain.athlete import Phase
    from planner.domain.plan import SessionKind
    from planner.ui import colors

    for table in (colors.PHASES, colors.PHASE_BANDS, colors.PHASE_CHIP_TEXT):
        assert set(table) == {p.value for p in Phase}
    for table in (colors.SESSIONS, colors.SESSION_FILLS, colors.SESSION_FILLS_SELECTED):
        assert set(table) == {k.value for k in SessionKind}
    for phase in Phase:
        assert colors.phase_color(phase, dark=False).name() == colors.PHASES[phase].light.lower()
