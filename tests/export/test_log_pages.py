"""What the log changes on paper: the next weekly sheet prints each change with its reason, the overview a chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.paths import resources_dir
from tests.export.pdf_reader import pages_text

LOG = [
    {"date": "2026-11-17", "exercise": "side-step-up", "sets_done": 2, "pain_during": 6, "pain_next_morning": 3},
    {"date": "2026-11-22", "exercise": "step-down", "sets_done": 3, "pain_during": 8, "pain_next_morning": 3},
]


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    zoe = json.loads((resources_dir() / "examples" / "athlete_zoe.json").read_text(encoding="utf-8"))
    athlete = tmp_path / "zoe.json"
    athlete.write_text(json.dumps(zoe | {"log": LOG}), encoding="utf-8")
    out = tmp_path / "zoe.pdf"
    args = ["export-pdf", "--athlete", str(athlete), "--out", str(out), "--start", "2026-11-16", "--weeks", "3"]
    assert main([*args, "--content", "overview,weekly"]) == 0
    return out


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_the_next_sheet_prints_each_change_with_its_reason(pdf: Path) -> None:
    week2 = squeeze(pages_text(pdf)[2])
    assert "From your log" in week2
    assert "Side step-up back to 2 × 8, each side, rest 1 min: pain 6/10 during on Tue 17 Nov" in week2


def test_the_next_sheet_suggests_a_new_symptom_check_after_pain_above_7(pdf: Path) -> None:
    week2 = squeeze(pages_text(pdf)[2])
    assert "Week 2: pain 8/10 during (step-down on Sun 22 Nov) is above 7/10; repeat the symptom check" in week2


def test_the_week_of_the_log_prints_no_change(pdf: Path) -> None:
    assert "From your log" not in pages_text(pdf)[1]


def test_the_overview_charts_the_log(pdf: Path) -> None:
    assert "Training log: sets done (bars) and highest pain (line)" in pages_text(pdf)[0]


def test_sheets_have_boxes_for_next_morning_pain_and_effort(pdf: Path) -> None:
    week1 = squeeze(pages_text(pdf)[1])
    assert "Next morning:" in week1 and "Effort (RPE):" in week1
