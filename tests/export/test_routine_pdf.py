"""The wizard routine page: disclaimer and triage first, then patterns, routine and advice."""

from __future__ import annotations

from pathlib import Path

from planner.export.document import build_routine_pdf
from tests.export import plan_factory as f
from tests.export.pdf_reader import fonts, needs_poppler, non_blank, pages_text, render_png

pytestmark = needs_poppler


def _text(pdf: Path) -> list[str]:
    return [" ".join(p.split()) for p in pages_text(pdf)]


def test_self_care_routine_is_one_page_with_everything(tmp_path: Path) -> None:
    out = tmp_path / "routine.pdf"
    report = build_routine_pdf(out, result=f.wizard_result(), athlete_name="Zoë Łukasiewicz", library=f.library())
    pages = _text(out)
    assert report.pages == len(pages) == 1
    page = pages[0]
    assert page.index("This is not a diagnosis") < page.index("Self-care") < page.index("Likely patterns")
    for words in (
        "Zoë Łukasiewicz",
        "Iliotibial band syndrome",
        "Starts at the same distance into a run",
        "Side-lying clamshell",
        "3 × 15, each side",
        "3 × 30 s hold, each side",
        "Pain 0-10",
        "Cut the long run by a third",
        "3 times this week",
        "Stride Planner suggests likely patterns",
    ):
        assert words in page
    assert page.count("□") >= 21
    assert all(r["emb"] == "yes" for r in fonts(out))


def test_referral_shows_the_banner_and_no_routine(tmp_path: Path) -> None:
    out = tmp_path / "refer.pdf"
    build_routine_pdf(
        out, result=f.wizard_result("see_clinician_soon"), athlete_name=None, library=f.library(), paper="letter"
    )
    page = _text(out)[0]
    assert "See a clinician soon" in page
    assert "The knee locks" in page
    assert "Side-lying clamshell" not in page
    png = render_png(out, tmp_path, 1, "routine")
    assert non_blank(png)
