"""The season PDF as a reader sees it: text, fonts, pages, paper, pictures."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from planner import DISCLAIMER
from planner.export.cards import card_pages
from planner.export.document import build_plan_pdf
from tests.export import plan_factory as f
from tests.export.pdf_reader import fonts, needs_poppler, non_blank, pages_text, qpdf_check, render_png

pytestmark = needs_poppler

DISCLAIMER_START = " ".join(DISCLAIMER.split()[:8])


@pytest.fixture
def season_pdf(tmp_path: Path) -> tuple[Path, int]:
    out = tmp_path / "season.pdf"
    report = build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(4), library=f.library())
    return out, report.pages


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def test_athlete_name_prints_with_its_diacritics(season_pdf: tuple[Path, int]) -> None:
    text = _squeeze(" ".join(pages_text(season_pdf[0])))
    assert "Zoë Łukasiewicz" in text


def test_every_exercise_and_its_dose_is_printed(season_pdf: tuple[Path, int]) -> None:
    text = _squeeze(" ".join(pages_text(season_pdf[0])))
    plan = f.plan(4)
    for week in plan.weeks:
        for session in week.sessions:
            for ex in session.exercises:
                assert ex.name in text
                assert ex.dose.describe() in text
    assert "3 × 8, each side, rest 90 s" in text


def test_disclaimer_is_on_every_page(season_pdf: tuple[Path, int]) -> None:
    pages = pages_text(season_pdf[0])
    assert len(pages) == season_pdf[1]
    for number, page in enumerate(pages, start=1):
        assert DISCLAIMER_START in _squeeze(page), f"page {number}"
        assert f"page {number} / {len(pages)}" in page


def test_every_font_is_embedded(season_pdf: tuple[Path, int]) -> None:
    rows = fonts(season_pdf[0])
    assert rows
    assert all(r["emb"] == "yes" for r in rows), rows


def test_qpdf_finds_no_damage(season_pdf: tuple[Path, int]) -> None:
    check = qpdf_check(season_pdf[0])
    assert check.returncode == 0, check.stdout + check.stderr


def test_pages_are_overview_then_weeks_then_cards(season_pdf: tuple[Path, int]) -> None:
    plan = f.plan(4)
    cards = card_pages(count_small=len(plan.exercise_ids()), count_wide=0)
    pages = pages_text(season_pdf[0])
    assert season_pdf[1] == 1 + len(plan.weeks) + cards
    assert "Season overview" in pages[0]
    for i in range(1, 5):
        assert f"Week {i} of 4" in pages[i]
    assert all("Routine cards" in p for p in pages[5:])


def test_weekly_sheet_shows_ticks_pain_box_phase_deload_and_warning(season_pdf: tuple[Path, int]) -> None:
    pages = pages_text(season_pdf[0])
    week2, week3 = _squeeze(pages[2]), _squeeze(pages[3])
    assert "L □□□ R □□□" in week2
    assert "Pain 0-10" in week2
    assert "Pre-season" in week2
    assert "Week 2: long run 24 km" in week2
    assert "Week 2: long run" not in week3
    assert "Deload week" in week3
    assert "Coach's note" in week2
    assert "Pain rule: up to 5/10 during exercise" in week2  # the one pain rule (issue #12)


def test_letter_pages_are_612_by_792_points(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "letter.pdf"
    build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(2), library=f.library(), paper="letter")
    for page in pypdf.PdfReader(out).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)


def test_metadata_names_the_athlete_and_the_app(season_pdf: tuple[Path, int]) -> None:
    pypdf = pytest.importorskip("pypdf")
    meta = pypdf.PdfReader(season_pdf[0]).metadata
    assert meta.author == "Stride Planner"
    assert "Zoë Łukasiewicz" in meta.title
    assert meta.subject


@pytest.mark.parametrize("name", ["Αλέξανδρος Παπαδόπουλος", "Дмитрий Ёлкин"])
def test_greek_and_cyrillic_names_print(tmp_path: Path, name: str) -> None:
    out = tmp_path / "name.pdf"
    report = build_plan_pdf(out, athlete=f.athlete(name), plan=f.plan(1, name), library=f.library())
    assert report.warnings == ()
    assert name in _squeeze(" ".join(pages_text(out)))


def test_character_no_font_has_gives_a_warning_naming_it(tmp_path: Path) -> None:
    out = tmp_path / "hiero.pdf"
    report = build_plan_pdf(out, athlete=f.athlete("Ra 𓀀 Hotep"), plan=f.plan(1), library=f.library())
    assert "Cannot print '𓀀' (U+13000) in athlete name" in report.warnings
    assert out.exists()


def test_busy_off_season_week_fits_one_page(tmp_path: Path) -> None:
    out = tmp_path / "busy.pdf"
    report = build_plan_pdf(
        out, athlete=f.athlete(note="Long note. " * 30), plan=f.busy_plan(), library=f.library(), content=("weekly",)
    )
    assert report.pages == 1
    text = _squeeze(pages_text(out)[0])
    for session in f.busy_plan().weeks[0].sessions:
        for ex in session.exercises:
            assert ex.name in text
    assert "Week 1: weekly distance rises 14 %" in text


def test_content_picks_the_parts(tmp_path: Path) -> None:
    out = tmp_path / "weekly.pdf"
    report = build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(3), library=f.library(), content=("weekly",))
    assert report.pages == 3
    assert "Routine cards" not in " ".join(pages_text(out))


def test_long_card_text_takes_a_half_page(tmp_path: Path) -> None:
    library = f.library()
    long_steps = tuple(f"Step {i}: " + "move slowly and keep control of the knee " * 4 for i in range(9))
    library["single-leg-rdl"] = dataclasses.replace(library["single-leg-rdl"], instructions=long_steps)
    out = tmp_path / "cards.pdf"
    report = build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(1), library=library, content=("cards",))
    ids = f.plan(1).exercise_ids()
    assert report.pages == card_pages(count_small=len(ids) - 1, count_wide=1)
    assert "Step 8:" in _squeeze(" ".join(pages_text(out)))


def test_exercise_missing_from_library_still_gets_a_card(tmp_path: Path) -> None:
    library = f.library()
    del library["monster-walk"]
    out = tmp_path / "cards.pdf"
    build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(1), library=library, content=("cards",))
    assert "Monster walk" in _squeeze(" ".join(pages_text(out)))


@pytest.mark.parametrize(
    ("content", "page", "kind"), [(("overview",), 1, "overview"), (("weekly",), 1, "weekly"), (("cards",), 1, "cards")]
)
def test_each_kind_of_page_renders_to_a_picture(tmp_path: Path, content: tuple[str, ...], page: int, kind: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(4), library=f.library(), content=content)
    png = render_png(out, tmp_path, page, kind)
    assert png.exists()
    assert non_blank(png)
