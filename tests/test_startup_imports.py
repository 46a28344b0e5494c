"""A normal start (an existing, current SQLite file this app closed cleanly) reaches the ready Library view without
the ORM, Alembic or reportlab, and without reading every page; the first write afterwards still works, and the
keyboard manners installed after the first paint are in place.

The app runs in a child process, as a coach starts it (`--db FILE --view library --screenshot`), with a small
driver around it that reports, at the moment the view is ready, what the process has imported and whether
the schema check scanned the file, then adds an athlete through the open database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.fixtures import roster
from planner.paths import data_dir
from planner.store.athletes import add_athlete, list_athletes
from planner.store.database import open_database

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "reportlab")

DRIVER = """
import json, sys
from planner import app
from planner.store import migrate

report, argv = sys.argv[1], sys.argv[2:]
scans = []
inspect = migrate.inspect_database

def spy(path, **kwargs):
    scans.append(bool(kwargs.get("quick_check", True)))
    return inspect(path, **kwargs)

migrate.inspect_database = spy
save = app.WindowSession._save_screenshot

def at_ready(self):
    seen = sorted(sys.modules)  # before anything below imports more
    from PySide6.QtWidgets import QApplication, QTextEdit

    passes_tab = [w.tabChangesFocus() for w in QApplication.allWidgets() if isinstance(w, QTextEdit)]
    from planner.export.demo import demo_athlete
    from planner.store.athletes import add_athlete
    from planner.store.database import retry_when_busy

    added = retry_when_busy(lambda: add_athlete(self.db, demo_athlete()), self.db)
    with open(report, "w", encoding="utf-8") as fh:
        json.dump({"modules": seen, "quick_checks": scans, "added": added, "passes_tab": passes_tab}, fh)
    save(self)

app.WindowSession._save_screenshot = at_ready
from planner.cli import main
sys.exit(main(argv))
"""


@pytest.fixture
def closed_cleanly(tmp_path: Path) -> Path:
    """A current database with a few athletes, opened and closed by the app as a coach's file is."""
    data_dir().mkdir(parents=True, exist_ok=True)  # as the doors make it at start (logging)
    path = tmp_path / "club" / "coach.db"
    path.parent.mkdir()
    db = open_database(path)
    for athlete in roster(3):
        add_athlete(db, athlete)
    db.close()
    return path


@pytest.fixture
def ready_report(tmp_path: Path, closed_cleanly: Path) -> dict[str, Any]:
    report = tmp_path / "report.json"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STRIDE_PLANNER_NO_WELCOME": "1",
        "STRIDE_PLANNER_CONFIG_DIR": str(tmp_path / "config"),
    }
    argv = ["--db", str(closed_cleanly), "--view", "library", "--screenshot", str(tmp_path / "ready.png")]
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(report), *argv],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_a_normal_start_imports_no_orm_alembic_or_reportlab_before_the_library_is_ready(
    ready_report: dict[str, Any],
) -> None:
    imported = {name.split(".")[0] for name in ready_report["modules"]}
    assert sorted(imported & set(HEAVY)) == []


def test_a_normal_start_does_not_scan_a_file_it_closed_cleanly(ready_report: dict[str, Any]) -> None:
    assert ready_report["quick_checks"] == [False]


def test_a_write_after_a_lean_start_is_stored(ready_report: dict[str, Any], closed_cleanly: Path) -> None:
    db = open_database(closed_cleanly)
    try:
        ids = [a.id for a in list_athletes(db)]
    finally:
        db.close()
    assert ready_report["added"] in ids
    assert len(ids) == 4


def test_keyboard_manners_are_in_place_when_the_library_is_ready(ready_report: dict[str, Any]) -> None:
    # Installed after the first paint; the detail pane, polished before, still passes Tab on to the next control.
    assert ready_report["passes_tab"] == [True]
