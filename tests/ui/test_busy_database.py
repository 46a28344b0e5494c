"""The window while another Stride Planner holds the database's write lock (issue #11, Found 3):
a failed change is not left on the undo stack, Ctrl+Z never raises, the status bar says it calmly,
and a first start sets its first-run flag only once the demo athlete is stored."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.domain.athlete import Athlete, Priority, Race
from planner.domain.exercise import Category, Dose, Exercise
from planner.store import athletes as store
from planner.store.database import Database, open_database
from planner.ui.athlete_commands import AddAthlete, DeleteAthlete, EditAthlete
from planner.ui.context import AppContext
from planner.ui.main_window_first_run import prepare_first_run
from planner.ui.settings import Settings
from planner.ui.undo import AddExerciseCommand, push

BUSY = "the database is busy (another Stride Planner is writing); try again"

HOLD_LOCK = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
con.execute("ROLLBACK")
"""


class OtherProcess:
    """Another process holding the write lock (as another Stride Planner in the middle of an import)."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
            self.proc.stdout.close()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("STRIDE_PLANNER_BUSY_TIMEOUT_MS", "200")  # read when each connection opens
    database = open_database(tmp_path / "coach.db")
    yield database
    database.close()


@pytest.fixture
def ctx(db: Database) -> Iterator[AppContext]:
    context = AppContext(db, Settings())
    yield context
    context.undo_stack.clear()
    context.deleteLater()


@pytest.fixture
def other(db: Database) -> Iterator[OtherProcess]:
    assert db.path is not None
    holder = OtherProcess(db.path)
    yield holder
    holder.release()


@pytest.fixture
def said(ctx: AppContext) -> list[str]:
    messages: list[str] = []
    ctx.status_message.connect(messages.append)
    return messages


def zoe() -> Athlete:
    return Athlete(name="Zoë", races=(Race(dt.date(2027, 4, 18), "Spring Marathon", Priority.A),))


def test_an_athlete_added_while_busy_is_not_left_on_the_undo_stack(
    ctx: AppContext, other: OtherProcess, said: list[str]
) -> None:
    ctx.undo_stack.push(AddAthlete(ctx, zoe()))
    assert ctx.undo_stack.count() == 0
    ctx.undo_stack.undo()  # Ctrl+Z: nothing to undo, nothing raised
    other.release()
    assert store.list_athletes(ctx.db) == []


def test_an_athlete_added_while_busy_says_so_in_the_status_bar(
    ctx: AppContext, other: OtherProcess, said: list[str]
) -> None:
    ctx.undo_stack.push(AddAthlete(ctx, zoe()))
    assert said == [f"Add athlete Zoë was not done: {BUSY}"]


def test_an_edit_while_busy_is_not_on_the_stack_and_changes_nothing(ctx: AppContext, said: list[str]) -> None:
    athlete_id = store.add_athlete(ctx.db, zoe())
    assert ctx.db.path is not None
    other = OtherProcess(ctx.db.path)
    try:
        ctx.undo_stack.push(EditAthlete(ctx, athlete_id, zoe(), Athlete(name="Zoë K")))
        assert ctx.undo_stack.count() == 0
    finally:
        other.release()
    assert store.get_athlete(ctx.db, athlete_id).athlete.name == "Zoë"
    assert said == [f"Edit Zoë K was not done: {BUSY}"]


def test_an_undo_that_meets_a_busy_database_can_be_tried_again(qtbot: Any, ctx: AppContext, said: list[str]) -> None:
    ctx.undo_stack.push(AddAthlete(ctx, zoe()))
    assert ctx.db.path is not None
    other = OtherProcess(ctx.db.path)
    try:
        ctx.undo_stack.undo()
        # The athlete is still there, so the stack steps forward again: it stays true.
        qtbot.waitUntil(lambda: ctx.undo_stack.index() == 1)
        assert [a.athlete.name for a in store.list_athletes(ctx.db)] == ["Zoë"]
        assert said[-1] == f"Could not undo Add athlete Zoë: {BUSY}"
    finally:
        other.release()
    ctx.undo_stack.undo()
    assert store.list_athletes(ctx.db) == []
    assert ctx.undo_stack.index() == 0


def test_undoing_a_delete_while_busy_restores_nothing_halfway(qtbot: Any, ctx: AppContext) -> None:
    athlete_id = store.add_athlete(ctx.db, zoe())
    ctx.undo_stack.push(DeleteAthlete(ctx, athlete_id))
    assert ctx.db.path is not None
    other = OtherProcess(ctx.db.path)
    try:
        ctx.undo_stack.undo()
        qtbot.waitUntil(lambda: ctx.undo_stack.index() == 1)
    finally:
        other.release()
    assert store.list_athletes(ctx.db) == []
    ctx.undo_stack.undo()
    assert [a.id for a in store.list_athletes(ctx.db)] == [athlete_id]


def test_a_library_change_while_busy_returns_its_error_and_leaves_the_stack(
    ctx: AppContext, other: OtherProcess, said: list[str]
) -> None:
    exercise = Exercise(id="towel-slide", name="Towel slide", category=Category.STRENGTH, dose=Dose(sets=3, reps=8))
    error = push(ctx, AddExerciseCommand(ctx, exercise))
    assert error is not None and error.endswith(BUSY)
    assert ctx.undo_stack.count() == 0
    assert said == [f"Add Towel slide was not done: {BUSY}"]


def test_a_first_start_while_busy_leaves_the_first_run_to_a_later_start(db: Database, other: OtherProcess) -> None:
    settings = Settings()
    assert prepare_first_run(db, settings) is None
    assert not settings.get("first_run_done")
    other.release()
    demo_id = prepare_first_run(db, settings)
    assert demo_id is not None and settings.get("first_run_done")
    assert store.load_plan(db, demo_id) is not None


@pytest.mark.sqlite_only("the default SQLite file in a read-only data folder")
def test_the_window_on_a_read_only_data_folder_exits_with_one_calm_line(tmp_path: Path) -> None:
    import os
    import shutil

    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a read-only tmpfs")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], check=False).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        (disk / "data").mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        env = {**os.environ, "STRIDE_PLANNER_DATA_DIR": str(disk / "data"), "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run(
            [sys.executable, "-m", "planner", "--screenshot", str(tmp_path / "shot.png")],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
    assert done.returncode == 2
    db_lines = [line for line in done.stderr.splitlines() if "stride-planner.db" in line]
    assert len(db_lines) == 1 and "read-only" in db_lines[0]
    assert "unable to open database file" not in done.stderr
