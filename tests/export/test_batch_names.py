"""Team batch file names keep the athlete recognisable and never escape the output folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from planner.export.batch import TeamJob, export_team, file_names, file_stem
from planner.export.file_names import STEM_BYTES
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Zoë Łukasiewicz", "zoe-lukasiewicz"),
        ("Björn Ek", "bjorn-ek"),
        ("Дмитрий Иванов", "дмитрий-иванов"),
        ("東京 太郎", "東京-太郎"),
        ("../etc/passwd", "etc-passwd"),
        ("???", "athlete"),
    ],
)
def test_file_stem_keeps_the_name_readable_and_safe(name: str, stem: str) -> None:
    assert file_stem(name) == stem


def test_spawned_workers_do_not_start_another_app() -> None:
    # "spawn" workers import the main module again as __mp_main__; it must do nothing then.
    result = subprocess.run(
        [sys.executable, "-c", "import runpy; runpy.run_module('planner.__main__', run_name='__mp_main__')"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == ""


# -- lengths and reserved names (issue #11, Found 7) ----------------------------------------------------


@pytest.mark.parametrize("name", ["A" * 300, "Zoë " * 75, "東" * 80, "Ελένη " * 60, "x" * 119 + "é" * 10])
def test_file_stem_fits_in_120_bytes_and_keeps_whole_characters(name: str) -> None:
    stem = file_stem(name)
    assert 0 < len(stem.encode("utf-8")) <= STEM_BYTES
    assert stem.encode("utf-8").decode("utf-8") == stem
    assert not stem.endswith(("-", ".", " "))


@pytest.mark.parametrize("name", ["CON", "con", "Nul", "PRN", "AUX", "COM1", "lpt9", "LPT1", "com¹"])
def test_file_stem_is_never_a_reserved_windows_name(name: str) -> None:
    stem = file_stem(name)
    assert stem.upper().split(".")[0] not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1", "LPT9", "COM¹"}
    assert stem.startswith(name.lower()[:3])


@pytest.mark.parametrize(("name", "stem"), [("Zoë 東京", "zoë-東京"), ("Ana. ", "ana"), ("Dr. Who...", "dr-who")])
def test_file_stem_keeps_accents_where_folding_would_lose_letters(name: str, stem: str) -> None:
    assert file_stem(name) == stem


def test_long_names_that_share_a_beginning_get_distinct_files() -> None:
    jobs = [TeamJob(athlete={"name": "A" * 300 + tail}, plan={}, library=()) for tail in ("x", "y")]
    names = file_names(jobs)
    assert len(set(names)) == 2
    assert all(len(n.encode("utf-8")) <= STEM_BYTES + len("-2.pdf") for n in names)


def test_a_300_character_and_an_80_cjk_character_name_both_print_in_a_real_batch(tmp_path: Path) -> None:
    from tests.export import plan_factory as f

    library = tuple(e.to_dict() for e in f.library().values())
    names = ("L" * 300, "東" * 80, "CON")
    jobs = [TeamJob(athlete=f.athlete(n).to_dict(), plan=f.plan(1, n).to_dict(), library=library) for n in names]
    result = export_team(jobs, tmp_path, content=("weekly",))
    assert result.failed == []
    assert len(result.written) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in result.written)
