"""A damaged, empty or too new database file is refused with one line and left exactly as it was:
same bytes, no -wal/-shm/-journal beside it (issue #11, Found 5 and 10)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.domain.errors import BadInput
from planner.store.database import open_database
from planner.store.migrate import head_revision

SCHEMAS = Path(__file__).parent / "schemas"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_current(path: Path) -> None:
    """A database at the current schema, left as the app leaves it (WAL mode, checkpointed, closed)."""
    shutil.copy(SCHEMAS / f"{head_revision()}.db", path)
    open_database(path).close()
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [path.name]


def page_of(path: Path, table: str) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        con.close()
    return root, size


def scribble_on_a_page(path: Path) -> None:
    root, size = page_of(path, "exercise")
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size + 8)
        fh.write(b"\xa5" * 600)


def drop_a_table(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("DROP TABLE race")
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def random_bytes_after_the_header(path: Path) -> None:
    data = path.read_bytes()
    noise = hashlib.shake_256(b"stride").digest(len(data) - 100)
    path.write_bytes(data[:100] + noise)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "malformed page": scribble_on_a_page,
    "dropped table": drop_a_table,
    "truncated": truncate,
    "random bytes after the header": random_bytes_after_the_header,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_database_is_refused(tmp_path: Path, damage: Callable[[Path], None]) -> None:
    path = tmp_path / "coach.db"
    make_current(path)
    damage(path)
    with pytest.raises(BadInput, match="damaged") as refused:
        open_database(path)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_database_is_left_byte_for_byte_with_no_side_files(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    path = tmp_path / "coach.db"
    make_current(path)
    damage(path)
    before = digest(path)
    with pytest.raises(BadInput):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coach.db"]


def test_a_newer_wal_database_is_refused_with_no_side_files(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    make_current(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    before = digest(path)
    with pytest.raises(BadInput, match="newer version"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]


def test_side_files_that_were_there_before_are_kept(tmp_path: Path) -> None:
    # Another process has the (damaged) database open: its -wal and -shm must survive our refusal.
    path = tmp_path / "coach.db"
    make_current(path)
    other = sqlite3.connect(path)
    other.execute(
        "INSERT INTO race (athlete_id, date, name, priority, uuid) VALUES (1, '2027-05-01', 'Late', 'B', 'race-late')"
    )
    other.commit()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(BadInput, match="newer version"):
        open_database(path)
    assert {p.name for p in tmp_path.iterdir()} == {"coach.db", "coach.db-wal", "coach.db-shm"}
    assert other.execute("SELECT count(*) FROM race").fetchone()[0] == 2
    other.close()


def test_a_zero_length_file_is_refused_untouched(tmp_path: Path) -> None:
    # An empty file where a database should be may be one a sync tool or a full disk emptied:
    # making it a new database would hide that. The message says how to start a new one.
    path = tmp_path / "coach.db"
    path.touch()
    with pytest.raises(BadInput, match="empty file"):
        open_database(path)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coach.db"]


def test_a_healthy_database_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_current(path)
    db = open_database(path)
    db.close()
    assert db.backup is None
