"""Team batch export in worker processes: one PDF per athlete or one combined, cancellable."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from planner.export.batch import TeamJob, export_team
from tests.export import plan_factory as f
from tests.export.pdf_reader import needs_poppler, pages_text

NAMES = ("Zoë Łukasiewicz", "Αλέξανδρος Παπαδόπουλος", "Дмитрий Ёлкин")


def _jobs() -> list[TeamJob]:
    library = tuple(e.to_dict() for e in f.library().values())
    return [TeamJob(athlete=f.athlete(n).to_dict(), plan=f.plan(2, n).to_dict(), library=library) for n in NAMES]


def test_three_athletes_make_three_files_and_report_progress(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = export_team(_jobs(), tmp_path, content=("weekly",), progress=lambda d, t: calls.append((d, t)))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in result.written)
    assert len(result.written) == 3
    assert result.failed == []
    assert result.pages == 6
    assert calls[0] == (0, 3)
    assert calls[-1] == (3, 3)


@needs_poppler
def test_combined_holds_every_athlete(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = export_team(
        _jobs(), tmp_path, combined=True, content=("weekly",), progress=lambda d, t: calls.append((d, t))
    )
    assert [p.name for p in tmp_path.iterdir()] == ["team.pdf"]
    text = " ".join(" ".join(p.split()) for p in pages_text(tmp_path / "team.pdf"))
    for name in NAMES:
        assert name in text
    assert result.pages == 6
    assert calls[-1] == (3, 3)


def test_cancel_before_start_writes_nothing(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    result = export_team(_jobs(), tmp_path, cancel=cancel)
    assert result.cancelled
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("combined", [False, True])
def test_cancel_midway_leaves_only_complete_pdfs(tmp_path: Path, combined: bool) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 1:
            cancel.set()

    result = export_team(_jobs(), tmp_path, combined=combined, progress=progress, cancel=cancel)
    assert result.cancelled
    files = sorted(tmp_path.iterdir())
    assert not any(p.name.startswith(".") or p.suffix == ".part" for p in files)
    assert files == sorted(result.written)
    assert len(files) < 3
    if combined:
        assert files == []
    for pdf in files:
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_a_broken_job_fails_alone(tmp_path: Path) -> None:
    jobs = _jobs()
    jobs[1] = TeamJob(athlete={"name": ""}, plan=jobs[1].plan, library=jobs[1].library)
    result = export_team(jobs, tmp_path, content=("weekly",))
    assert len(result.written) == 2
    assert len(result.failed) == 1
    assert "name" in result.failed[0][1]
