"""Drawings on paper: routine cards and the wizard's routine page print vector drawings, no pictures."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain.exercise import Exercise
from planner.export.document import build_plan_pdf, build_routine_pdf
from tests.export import plan_factory as f
from tests.export.pdf_reader import flat_text, needs_poppler, render_png

pytestmark = needs_poppler

CARDS_PDF_LIMIT = 250_000  # bytes for the factory plan's cards (every exercise drawn): vector stays small


def drawn_library() -> dict[str, Exercise]:
    """The factory's library with each exercise drawn by its own built-in drawing."""
    return {ex_id: replace(ex, drawing=ex_id) for ex_id, ex in f.library().items()}


def raster_images(pdf: Path) -> list[str]:
    """The rows of `pdfimages -list`: every raster picture in the file (none for vector drawings)."""
    lines = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return lines.splitlines()[2:]


def ink(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as image:
        return sum(image.convert("L").histogram()[:100])


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cards")
    drawn, plain = folder / "drawn.pdf", folder / "plain.pdf"
    plan = f.plan(1)
    build_plan_pdf(drawn, athlete=f.athlete(), plan=plan, library=drawn_library(), content=("cards",))
    no_drawings = {k: replace(v, drawing=None) for k, v in f.library().items()}
    build_plan_pdf(plain, athlete=f.athlete(), plan=plan, library=no_drawings, content=("cards",))
    return drawn, plain


def test_cards_no_longer_print_an_illustration_placeholder(cards: tuple[Path, Path]) -> None:
    assert "illustration" not in flat_text(cards[0]).lower()
    assert "illustration" not in flat_text(cards[1]).lower()


def test_cards_drawings_are_vector_not_pictures(cards: tuple[Path, Path]) -> None:
    assert raster_images(cards[0]) == []


def test_cards_print_the_drawings(tmp_path: Path, cards: tuple[Path, Path]) -> None:
    drawn, plain = render_png(cards[0], tmp_path, 1, "drawn"), render_png(cards[1], tmp_path, 1, "plain")
    assert ink(drawn) > ink(plain) * 1.3  # four figures' worth of strokes on the first page


def test_cards_pdf_stays_small(cards: tuple[Path, Path]) -> None:
    assert cards[0].stat().st_size < CARDS_PDF_LIMIT


def test_a_custom_exercise_without_a_drawing_prints_no_empty_box(cards: tuple[Path, Path]) -> None:
    # The plain cards hold the same text on no more pages: nothing reserves room for a missing picture.
    from tests.export.pdf_reader import pages_text

    assert len(pages_text(cards[1])) <= len(pages_text(cards[0]))


def test_routine_page_shows_drawings_beside_the_exercises(tmp_path: Path) -> None:
    drawn, plain = tmp_path / "drawn.pdf", tmp_path / "plain.pdf"
    build_routine_pdf(drawn, result=f.wizard_result(), athlete_name="Zoë", library=drawn_library())
    build_routine_pdf(plain, result=f.wizard_result(), athlete_name="Zoë", library=f.library())
    assert raster_images(drawn) == []
    assert ink(render_png(drawn, tmp_path, 1, "d")) > ink(render_png(plain, tmp_path, 1, "p"))
    assert "Side-lying clamshell" in flat_text(drawn)
