"""The window's process ends without the interpreter's teardown (planner.app.end_process, "fast shutdown"): nothing
the window owns may be lost by that. A real window run in a child process, as the `stride-planner` command runs it:
its settings written, its database closed cleanly (no -wal or -shm beside it, the clean close
recorded), the PDF preview's temporary folder gone, its exit status kept."""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path

import pytest

from tests.app_process import run_planner


def run_window(tmp_path: Path, *args: str, view: str) -> subprocess.CompletedProcess[str]:
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    return run_planner(tmp_path, "--view", view, *args, db=tmp_path / "coach.db", env={"TMPDIR": str(temp)})


def test_a_window_run_leaves_everything_written_and_closed(tmp_path: Path) -> None:
    out = tmp_path / "export.png"
    result = run_window(tmp_path, "--screenshot", str(out), view="export")  # the Export view builds a preview PDF
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    assert f"wrote {out}" in result.stderr  # the standard streams were flushed

    settings = configparser.ConfigParser(interpolation=None)
    settings.read(tmp_path / "config" / "settings.ini", encoding="utf-8")
    assert settings.get("General", "first_run_done", fallback=None) == "true"  # written while the window ran
    # Written as the window closed, just before the end of the process.
    assert settings.get("window", "last_view", fallback=None) == "export"
    assert settings.get("window", "geometry", fallback="").startswith("@ByteArray(")

    db = tmp_path / "coach.db"
    assert db.is_file()
    assert not (tmp_path / "coach.db-wal").exists() and not (tmp_path / "coach.db-shm").exists()
    assert (tmp_path / "data" / "clean-closes.json").is_file()  # the clean close was recorded

    assert not list((tmp_path / "tmp").iterdir()), "a temporary file or folder was left behind"


@pytest.mark.parametrize("problem", ["a damaged database"])
def test_a_window_run_that_fails_keeps_its_exit_status(tmp_path: Path, problem: str) -> None:
    (tmp_path / "coach.db").write_bytes(b"this is not a database" * 100)
    result = run_window(tmp_path, "--screenshot", str(tmp_path / "x.png"), view="library")
    assert result.returncode == 2, (problem, result.stderr)
    assert "stride-planner:" in result.stderr
    assert not (tmp_path / "x.png").exists()
