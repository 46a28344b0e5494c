"""`stride-planner export-pdf`, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from tests.export.pdf_reader import needs_poppler, pages_text

ATHLETE = {
    "name": "Zoë Łukasiewicz",
    "equipment": ["band", "step", "dumbbell", "foam_roller", "mat", "wall"],
    "week": {
        "mon": "rest",
        "tue": "quality",
        "wed": "easy",
        "thu": "quality",
        "fri": "rest",
        "sat": "long",
        "sun": "easy",
    },
    "races": [{"date": "2027-04-18", "name": "Spring Marathon", "priority": "A"}],
}


def _athlete_file(tmp_path: Path, **changes: object) -> Path:
    path = tmp_path / "athlete.json"
    path.write_text(json.dumps(ATHLETE | changes, ensure_ascii=False), encoding="utf-8")
    return path


def test_unknown_content_exits_2_naming_the_allowed_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(
            [
                "export-pdf",
                "--athlete",
                str(_athlete_file(tmp_path)),
                "--out",
                str(tmp_path / "x.pdf"),
                "--content",
                "weekly,poster",
            ]
        )
    assert caught.value.code == 2
    assert "unknown content 'poster'; expected any of weekly, cards, overview" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_missing_athlete_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export-pdf", "--athlete", str(tmp_path / "nope.json"), "--out", str(tmp_path / "x.pdf")])
    assert code == 2
    err = capsys.readouterr().err
    assert "nope.json" in err
    assert "file not found" in err
    assert not (tmp_path / "x.pdf").exists()


def test_bad_athlete_field_exits_2_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["export-pdf", "--athlete", str(_athlete_file(tmp_path, level="pro")), "--out", str(tmp_path / "x.pdf")]
    )
    assert code == 2
    assert "athlete.json: level: unknown level 'pro'" in capsys.readouterr().err


def test_unwritable_output_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing-folder" / "plan.pdf"
    code = main(
        [
            "export-pdf",
            "--athlete",
            str(_athlete_file(tmp_path)),
            "--out",
            str(out),
            "--start",
            "2027-01-04",
            "--weeks",
            "2",
        ]
    )
    assert code == 2
    assert f"Cannot write {out}: the folder does not exist" in capsys.readouterr().err


@needs_poppler
def test_end_to_end_with_the_real_scheduler(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Needs the scheduler and the built-in library (planner.domain.season, resources/exercises.json)."""
    out = tmp_path / "plan.pdf"
    code = main(
        [
            "export-pdf",
            "--athlete",
            str(_athlete_file(tmp_path, name="Ra 𓀀 Łukasiewicz")),
            "--out",
            str(out),
            "--start",
            "2027-01-04",
            "--weeks",
            "6",
            "--paper",
            "letter",
            "--content",
            "weekly,overview",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Wrote 7 pages" in captured.out
    assert "Cannot print '𓀀' (U+13000) in athlete name" in captured.err
    pages = pages_text(out)
    assert len(pages) == 7
    assert "Week 6 of 6" in pages[-1]
