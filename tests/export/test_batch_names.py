"""Team batch file names keep the athlete recognisable and never escape the output folder."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planner.export.batch import file_stem
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
