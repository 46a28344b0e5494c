"""Busy, damaged, half-migrated, full and read-only databases from the command line (issue #11, Found 1, 4, 5, 9):
every one exits 2 with one line on stderr and leaves nothing half-done. Real files, real processes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner.store.database import open_database
from tests.conftest import REPO
from tests.store.test_damaged_databases import digest, make_current, scribble_on_a_page

SCHEMAS = REPO / "tests" / "store" / "schemas"
BUSY = "the database is busy (another Stride Planner is writing); try again"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "planner", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    proc = cli(*args, env=env)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def wait_until(condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
    """Poll `condition` (a process state, not a clock) until it holds; fail after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the condition did not come true in time")
        time.sleep(0.02)


def waiting_for_a_lock(proc: subprocess.Popen[str]) -> bool:
    # SQLite's busy handler sleeps between attempts to take the lock: that is the only sleep in the CLI.
    try:
        return Path(f"/proc/{proc.pid}/wchan").read_text() == "hrtimer_nanosleep"
    except OSError:
        return False


def library_file(path: Path, ids: list[str]) -> Path:
    records = [{"id": i, "name": f"Imported {i}", "category": "strength", "dose": {"sets": 3, "reps": 10}} for i in ids]
    path.write_text(json.dumps({"format": "stride-planner-library", "version": 1, "exercises": records}))
    return path


def count_exercises(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM exercise").fetchone()[0]
    finally:
        con.close()


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Hold the database's write lock, as another Stride Planner in the middle of an import does."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    finally:
        if con.in_transaction:
            con.execute("COMMIT")
        con.close()


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# -- Found 1: half-migrated ------------------------------------------------------------------------


@pytest.mark.sqlite_only("a half-migrated SQLite file from issue #11")
def test_the_half_migrated_database_of_the_issue_opens(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    con = sqlite3.connect(path)
    con.executescript(
        "create table alembic_version(version_num varchar(32) primary key); create table athlete(id integer)"
    )
    con.close()
    code, out, err = run("--db", str(path), "library", "list")
    assert (code, err) == (0, "")
    assert out.strip().splitlines()[-1].endswith("exercises")
    assert not list(tmp_path.glob("h.backup-*"))


# -- Found 5: damaged ------------------------------------------------------------------------------


@pytest.mark.sqlite_only("a damaged SQLite file, compared byte for byte")
def test_a_damaged_database_exits_2_with_one_line_and_stays_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "coach.db"
    path.parent.mkdir()
    make_current(path)
    scribble_on_a_page(path)
    before = digest(path)
    code, _out, err = run("--db", str(path), "library", "list")
    assert code == 2
    assert "is damaged" in one_line(err)
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["coach.db"]


@pytest.mark.sqlite_only("an SQLite file edited with sqlite3")
def test_a_dropped_table_exits_2_without_sql_text(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_current(path)
    con = sqlite3.connect(path)
    con.execute("DROP TABLE dose_edit")
    con.commit()
    con.close()
    code, _out, err = run("--db", str(path), "library", "list")
    assert code == 2
    line = one_line(err)
    assert "dose_edit is missing" in line and "SELECT" not in line


# -- Found 4: busy ---------------------------------------------------------------------------------


@pytest.mark.sqlite_only("SQLite's file lock held by another process")
def test_a_busy_database_exits_2_with_one_line_and_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_current(path)
    before = count_exercises(path)
    source = library_file(tmp_path / "more.json", ["busy-1", "busy-2"])
    with write_lock(path):
        code, _out, err = run(
            "--db", str(path), "library", "import", str(source), env={"STRIDE_PLANNER_BUSY_TIMEOUT_MS": "200"}
        )
    assert code == 2
    assert one_line(err) == f"stride-planner: {path}: {BUSY}"
    assert count_exercises(path) == before


@pytest.mark.sqlite_only("SQLite's file lock (WAL readers beside a writer)")
def test_listing_the_library_while_another_process_imports_works(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_current(path)
    with write_lock(path):
        code, out, err = run("--db", str(path), "library", "list", env={"STRIDE_PLANNER_BUSY_TIMEOUT_MS": "200"})
    assert (code, err) == (0, "")
    assert out.strip().splitlines()[-1].endswith("exercises")


@pytest.mark.sqlite_only("SQLite's file lock (BEGIN IMMEDIATE)")
def test_an_import_that_waited_for_another_reads_the_library_it_finds(tmp_path: Path) -> None:
    # The second import must read the library inside its own write transaction: the rows the first
    # one committed while it waited are updated, never inserted twice ("UNIQUE constraint failed").
    path = tmp_path / "coach.db"
    make_current(path)
    ids = ["overlap-1", "overlap-2"]
    second = library_file(tmp_path / "second.json", ids)
    with write_lock(path) as first:
        proc = cli("--db", str(path), "library", "import", str(second))
        wait_until(lambda: waiting_for_a_lock(proc) or proc.poll() is not None)
        columns = [r[1] for r in first.execute("PRAGMA table_info(exercise)")]
        fresh = ("id", "name", "uuid")  # a row's uuid is unique too
        picked = ", ".join("?" if c in fresh else f'"{c}"' for c in columns)
        for i in ids:
            values = {"id": i, "name": f"First import {i}", "uuid": f"uuid-{i}"}
            first.execute(
                f"INSERT INTO exercise ({', '.join(columns)}) SELECT {picked} FROM exercise WHERE id = ?",
                (*(values[c] for c in columns if c in fresh), "side-lying-clamshell"),
            )
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (0, "")
    assert "0 added, 2 updated" in out


@pytest.mark.sqlite_only("four processes creating one SQLite file")
def test_simultaneous_first_starts_succeed_or_say_busy(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "coach.db"
    procs = [cli("--db", str(path), "library", "list") for _ in range(4)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    for code, err in results:
        assert code == 0 or (code == 2 and BUSY in one_line(err)), err
    db = open_database(path)
    db.close()
    assert db.seeded["added"] == 0


# -- Found 9: full disk and read-only folders ------------------------------------------------------


def mount_tmpfs(where: Path, size: str) -> None:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a small tmpfs (a full or read-only disk)")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB filesystem of its own, unmounted after the test."""
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "2m")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave_bytes: int) -> None:
    """Fill the disk until about `leave_bytes` are free."""
    free = shutil.disk_usage(disk).free
    with (disk / "filler").open("wb") as fh, contextlib.suppress(OSError):
        fh.write(b"\0" * max(0, free - leave_bytes))


def remount_read_only(disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)


@pytest.mark.sqlite_only("an SQLite file on a full disk")
def test_an_import_on_a_full_disk_exits_2_and_changes_nothing(tmp_path: Path, small_disk: Path) -> None:
    path = small_disk / "coach.db"
    make_current(path)
    before = count_exercises(path)
    source = library_file(tmp_path / "big.json", [f"big-{i}" for i in range(3000)])
    fill(small_disk, 64 * 1024)
    code, _out, err = run("--db", str(path), "library", "import", str(source))
    assert code == 2
    assert "disk is full" in one_line(err)
    (small_disk / "filler").unlink()
    assert count_exercises(path) == before


@pytest.mark.sqlite_only("the backup file beside the SQLite file")
def test_a_backup_on_a_full_disk_exits_2_and_leaves_no_backup(small_disk: Path) -> None:
    path = small_disk / "coach.db"
    shutil.copy(SCHEMAS / "0001.db", path)
    before = digest(path)
    fill(small_disk, 8 * 1024)
    code, _out, err = run("--db", str(path), "library", "list")
    assert code == 2
    assert "could not be backed up" in one_line(err)
    assert digest(path) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["coach.db", "filler"]


@pytest.mark.sqlite_only("an SQLite file in a read-only folder")
def test_a_new_database_in_a_read_only_folder_exits_2_with_one_line(small_disk: Path) -> None:
    remount_read_only(small_disk)
    code, _out, err = run("--db", str(small_disk / "coach.db"), "library", "list")
    assert code == 2
    assert "read-only" in one_line(err)


@pytest.mark.sqlite_only("an SQLite file and its -wal on a read-only disk")
def test_a_wal_database_on_a_read_only_disk_opens_for_reading(small_disk: Path) -> None:
    path = small_disk / "coach.db"
    make_current(path)
    remount_read_only(small_disk)
    code, out, err = run("--db", str(path), "library", "list")
    assert (code, err) == (0, "")
    assert out.strip().splitlines()[-1].endswith("exercises")


@pytest.mark.sqlite_only("an SQLite file on a read-only disk")
def test_an_import_into_a_database_on_a_read_only_disk_says_read_only(tmp_path: Path, small_disk: Path) -> None:
    path = small_disk / "coach.db"
    make_current(path)
    remount_read_only(small_disk)
    source = library_file(tmp_path / "more.json", ["ro-1"])
    code, _out, err = run("--db", str(path), "library", "import", str(source))
    assert code == 2
    line = one_line(err)
    assert "read-only" in line and "damaged" not in line


@pytest.mark.sqlite_only("an SQLite file and its -wal on a read-only disk")
def test_a_wal_database_left_open_on_a_read_only_disk_says_read_only_not_damaged(small_disk: Path) -> None:
    # A copy taken while another process had it open: its -wal holds committed changes.
    path = small_disk / "coach.db"
    make_current(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE exercise SET name = 'Renamed' WHERE id = 'side-lying-clamshell'")
    con.commit()
    for suffix in ("", "-wal"):
        shutil.copy(small_disk / f"coach.db{suffix}", small_disk / f"copy.db{suffix}")
    con.close()
    remount_read_only(small_disk)
    code, _out, err = run("--db", str(small_disk / "copy.db"), "library", "list")
    assert code == 2
    line = one_line(err)
    assert "read-only" in line and "damaged" not in line
