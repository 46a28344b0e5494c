"""Shared fixtures: every test gets its own data, config and database folders; Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from pathlib import Path

import pytest

import planner.ui  # noqa: F401  (works around a PySide6 refcount bug before any Qt call)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FREE_EXERCISE_DB = SHARED / "data" / "free-exercise-db" / "exercises.json"


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's data and config folders at a temp folder so no test touches the user's files."""
    home = tmp_path / "app-home"
    monkeypatch.setenv("STRIDE_PLANNER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("STRIDE_PLANNER_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("STRIDE_PLANNER_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh SQLite database file (not created yet)."""
    return tmp_path / "planner.db"
