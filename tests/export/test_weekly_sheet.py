"""The weekly sheet's days, drawn from text blocks whose heights are known before the page is laid out."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph

from planner.domain.plan import Plan, PlannedExercise
from planner.export.document import build_plan_pdf
from planner.export.fonts import BODY, BOLD, register_fonts
from planner.export.layout import MARGIN, MUTED, style
from planner.export.textblock import BREAK, Para, Run, TextBlock
from tests.export import plan_factory as f
from tests.export.pdf_reader import fonts, needs_poppler, pages_text

pytestmark = needs_poppler

NOTE = "Light: stop 2-3 reps short of failure; no sets to failure, and keep the hips level all the way"


def _paragraph_lines(para: Paragraph) -> list[list[str]]:
    lines = []
    for line in para.blPara.lines:
        words = line.words if hasattr(line, "words") else line[1]
        text = " ".join(w if isinstance(w, str) else w.text for w in words)
        lines.append(text.split())
    return lines


def _block_lines(block: TextBlock) -> list[list[str]]:
    return [" ".join(text for text, _run in line[2]).split() for _gap, line in block.lines]


@pytest.mark.parametrize("width", [90.0, 120.0, 157.84, 200.0, 260.0])
def test_a_name_and_its_note_break_where_a_paragraph_breaks_them(width: float) -> None:
    # The sheet looked like this when its cells were Paragraphs; the same words end each line.
    register_fonts()
    body = style("t-body", 9.46)
    para = Paragraph(f'Single-leg calf raise <font size="7.7" color="#5a5a5a">– {NOTE}</font>', body)
    para.wrap(width, 1000)
    runs = [Run("Single-leg calf raise", BODY, 9.46, body.textColor), Run(f" – {NOTE}", BODY, 7.7, MUTED)]
    block = TextBlock([Para(runs, body.leading)], width)
    assert _block_lines(block) == _paragraph_lines(para)
    assert block.height == pytest.approx(len(_paragraph_lines(para)) * body.leading)


def test_a_session_title_and_its_reason_are_two_lines_like_a_line_break() -> None:
    register_fonts()
    body = style("t-body", 8.6)
    runs = [
        Run("Strength A", BOLD, 8.6, body.textColor),
        Run(BREAK, BODY, 8.6, MUTED),
        Run("After the run", BODY, 7.2, MUTED),
    ]
    block = TextBlock([Para(runs, body.leading)], 300)
    assert _block_lines(block) == [["Strength", "A"], ["After", "the", "run"]]


def _one_week(plan: Plan, **changes: object) -> Plan:
    return dataclasses.replace(plan, weeks=(dataclasses.replace(plan.weeks[0], **changes),), warnings=())


def _race_week(plan: Plan, race: str) -> Plan:
    return _one_week(plan, race=race, runs=dict(plan.weeks[0].runs, sun="race"))


def _with_note(plan: Plan, name: str, notes: str) -> Plan:
    week = plan.weeks[0]
    session = week.sessions[1]
    first = session.exercises[0]
    exercise = PlannedExercise(id=first.id, name=name, dose=first.dose, notes=notes)
    session = dataclasses.replace(session, exercises=(exercise, *session.exercises[1:]))
    sessions = tuple(session if i == 1 else s for i, s in enumerate(week.sessions))
    return _one_week(plan, sessions=sessions)


def _word_spans(pdf: Path) -> list[tuple[float, float, str]]:
    """(left edge, right edge, word) of every word pdftotext finds."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for line in html.splitlines():
        if "<word " in line:
            x_min = float(line.split('xMin="')[1].split('"')[0])
            x_max = float(line.split('xMax="')[1].split('"')[0])
            out.append((x_min, x_max, line.rsplit('">', 1)[1].split("</word>")[0]))
    return out


def _word_boxes(pdf: Path) -> list[tuple[float, str]]:
    """(right edge, word) of every word pdftotext finds."""
    return [(x_max, word) for _x_min, x_max, word in _word_spans(pdf)]


def test_a_word_longer_than_its_cell_is_cut_to_stay_on_the_page(tmp_path: Path) -> None:
    word = "x" * 160
    out = tmp_path / "long.pdf"
    build_plan_pdf(
        out, athlete=f.athlete(), plan=_with_note(f.plan(1), "Step-up", word), library=f.library(), content=("weekly",)
    )
    boxes = _word_boxes(out)
    pieces = [w for _x, w in boxes if set(w) == {"x"}]
    assert sum(len(p) for p in pieces) == len(word)  # every letter printed
    assert max(x for x, _w in boxes) <= A4[0] - MARGIN + 1  # and none past the right margin


def test_a_long_race_name_prints_in_full_under_its_day(tmp_path: Path) -> None:
    race = "Grand Tour of the Seven Lakes and Three Valleys Mountain Marathon"
    out = tmp_path / "race.pdf"
    report = build_plan_pdf(
        out, athlete=f.athlete(), plan=_race_week(f.plan(1), race), library=f.library(), content=("weekly",)
    )
    assert report.pages == 1
    words = pages_text(out)[0].split()
    # Once in the header ("Race: ..."), once in the race day's label, wrapped in its narrow column.
    assert words.count("Valleys") == 2
    assert words.count("Grand") == 2


def test_a_note_drops_control_characters_and_warns_about_a_glyph_no_font_has(tmp_path: Path) -> None:
    out = tmp_path / "note.pdf"
    report = build_plan_pdf(
        out,
        athlete=f.athlete(),
        plan=_with_note(f.plan(1), "Step-up", "Keep\x00 going 𓀀 slowly"),
        library=f.library(),
        content=("weekly",),
    )
    text = " ".join(pages_text(out)[0].split())
    assert "Keep going \ufffd slowly" in text
    assert "Cannot print '𓀀' (U+13000) in notes of 'single-leg-rdl'" in report.warnings


def test_an_exercise_named_in_chinese_prints_in_the_cjk_font(tmp_path: Path) -> None:
    if register_fonts().cjk is None:
        pytest.skip("no CJK system font on this machine")
    out = tmp_path / "cjk.pdf"
    build_plan_pdf(
        out,
        athlete=f.athlete(),
        plan=_with_note(f.plan(1), "单腿硬拉 RDL", ""),
        library=f.library(),
        content=("weekly",),
    )
    assert "单腿硬拉 RDL" in pages_text(out)[0]
    assert all(row["emb"] == "yes" for row in fonts(out))
    assert any("DejaVu" not in row["name"] for row in fonts(out))  # the CJK face, beside the two DejaVu ones


def test_the_week_count_stays_on_one_line(tmp_path: Path) -> None:
    out = tmp_path / "season.pdf"
    build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(13), library=f.library(), content=("weekly",))
    assert "Week 13 of 13" in pages_text(out)[12]  # it wrapped after "of" in a 38 mm column


def test_a_week_too_busy_for_any_size_shrinks_as_a_whole_onto_one_page(tmp_path: Path) -> None:
    busy = f.busy_plan()
    week = dataclasses.replace(busy.weeks[0], sessions=busy.weeks[0].sessions * 3)
    out = tmp_path / "crowded.pdf"
    report = build_plan_pdf(
        out,
        athlete=f.athlete(note="Long note. " * 30),
        plan=dataclasses.replace(busy, weeks=(week,)),
        library=f.library(),
        content=("weekly",),
    )
    assert report.pages == 1
    spans = _word_spans(out)
    left_edge = min(x0 for x0, _x1, w in spans if w == "Mon")  # the day labels open the days on the left
    right_edge = max(x1 for _x0, x1, w in spans if w.startswith("___"))  # the pain boxes close them on the right
    # The how-to line and the coach's note wrap inside the shrunk sheet, above the days.
    header = [(x0, x1) for x0, x1, w in spans if w in ("Tick", "maximal).", "Long", "note.")]
    assert left_edge - 1 <= min(x0 for x0, _x1 in header)
    assert max(x1 for _x0, x1 in header) <= right_edge + 1


def test_a_dose_that_wraps_keeps_each_number_with_its_unit() -> None:
    """The dose column's text as the sheet prints it: where "rest 15 s" meets the edge, "15 s" goes down whole."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from planner.domain.exercise import Dose, unbroken_units

    register_fonts()
    body = style("t-body", 9.46)
    text = Dose(sets=3, reps=10, hold_s=3, each_side=True, rest_s=15).describe()
    assert text == "3 × 10, 3 s hold, each side, rest 15 s"
    width = stringWidth("3 × 10, 3 s hold, each side, rest 15", BODY, 9.46) + 2  # the last "s" cannot fit
    cut = _block_lines(TextBlock([Para([Run(text, BODY, 9.46, body.textColor)], body.leading)], width))
    assert cut[-1] == ["s"]  # what the sheet printed before
    kept = _block_lines(TextBlock([Para([Run(unbroken_units(text), BODY, 9.46, body.textColor)], body.leading)], width))
    assert kept[1:] == [["15", "s"]]  # (split() also splits at the no-break space that holds them together)
