"""Databases written by every past schema open, migrate and keep their data; unknown ones are refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from planner.domain.errors import BadInput
from planner.store import athletes
from planner.store.database import open_database
from planner.store.exercises import get_exercise
from planner.store.migrate import head_revision, known_revisions

SCHEMAS = sorted((Path(__file__).parent / "schemas").glob("*.db"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_known_revision_has_a_fixture_database() -> None:
    assert {p.stem for p in SCHEMAS} == set(known_revisions())


@pytest.mark.parametrize("fixture", SCHEMAS, ids=lambda p: p.stem)
def test_old_database_upgrades_with_its_data_intact(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    shutil.copy(fixture, path)
    db = open_database(path)
    try:
        assert get_exercise(db, "towel-slide").name == "Towel slide lunge"
        clam = get_exercise(db, "side-lying-clamshell")
        assert (clam.dose.sets, clam.dose.reps, clam.edited) == (4, 20, True)
        [stored] = athletes.list_athletes(db)
        assert stored.athlete.name == "Zoë Łukasiewicz"
        assert [r.name for r in stored.athlete.races] == ["Spring Marathon"]
        assert stored.athlete.phases[0].phase.value == "in_season"
        plan = athletes.load_plan(db, stored.id)
        assert plan is not None and plan.weeks[0].sessions[0].title == "Strength A"
        [edit] = athletes.dose_edits(db, stored.id).values()
        assert edit.dose.sets == 4
    finally:
        db.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    con.close()


def test_edited_builtin_survives_a_library_update(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    shutil.copy(SCHEMAS[-1], path)
    db = open_database(path)
    try:
        assert db.seeded["kept_edited"] >= 1
        assert get_exercise(db, "side-lying-clamshell").dose.reps == 20
    finally:
        db.close()


def test_migration_backs_the_file_up_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(SCHEMAS[0], path)
    db = open_database(path)
    db.close()
    assert db.backup is not None and db.backup.exists()
    assert db.backup.name.startswith("old.backup-")
    backup = sqlite3.connect(db.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMAS[0].stem
    assert backup.execute("SELECT name FROM athlete").fetchall() == [("Zoë Łukasiewicz",)]
    backup.close()


def test_a_database_without_rows_is_upgraded_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    # Our schema before its first migration: Alembic's version table with no revision in it yet.
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.commit()
    con.close()
    db = open_database(path)
    db.close()
    assert db.backup is None
    assert not list(tmp_path.glob("old.backup-*"))


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    shutil.copy(SCHEMAS[-1], path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(BadInput, match="newer version of Stride Planner"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]


@pytest.mark.parametrize("content", [b"hello, not a database\n", b"%PDF-1.4\n" + bytes(200)])
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(BadInput, match="not a Stride Planner database"):
        open_database(path)
    assert path.read_bytes() == content


def test_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(BadInput, match="another program"):
        open_database(path)
    assert digest(path) == before


@pytest.mark.sqlite_only("SQLite's PRAGMAs of a new file (db_path)")
def test_new_database_uses_wal_and_foreign_keys(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


@pytest.mark.sqlite_only("the default SQLite file in the data folder")
def test_default_database_lives_in_the_data_folder_and_env_overrides_it(
    isolated_folders: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database()
    db.close()
    assert db.path == isolated_folders / "data" / "stride-planner.db"
    monkeypatch.setenv("STRIDE_PLANNER_DB", str(tmp_path / "elsewhere.db"))
    db = open_database()
    db.close()
    assert db.path == tmp_path / "elsewhere.db"
