"""A start that fails or is killed half-way through a migration leaves the database as it was (issue #11, Found 1)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from planner.domain.errors import BadInput
from planner.paths import migrations_dir
from planner.store import migrate
from planner.store.database import create_engine_for, open_database
from planner.store.exercises import get_exercise
from planner.store.migrate import head_revision

SCHEMAS = Path(__file__).parent / "schemas"

# A migration after the shipped ones that creates a table, then fails (as a full disk or a bug would).
FAILING_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("leftover", sa.Column("id", sa.Integer(), primary_key=True))
    with op.batch_alter_table("athlete") as batch:
        batch.add_column(sa.Column("leftover_column", sa.String(), nullable=True))
    raise RuntimeError("the migration failed half-way")


def downgrade() -> None:
    pass
"""


def tables_of(path: Path) -> set[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()


def version_of(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
    finally:
        con.close()


@pytest.fixture
def failing_scripts(tmp_path: Path) -> Path:
    """A copy of db/ with one more revision that fails after creating a table and a column."""
    scripts = tmp_path / "scripts"
    shutil.copytree(migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_fails.py").write_text(FAILING_REVISION.format(down=head_revision()))
    return scripts


def test_a_first_start_that_fails_mid_upgrade_leaves_no_table(tmp_path: Path, failing_scripts: Path) -> None:
    path = tmp_path / "new.db"
    engine = create_engine_for(f"sqlite:///{path}")
    try:
        with pytest.raises(RuntimeError, match="half-way"):
            migrate.upgrade(engine, script_location=failing_scripts)
    finally:
        engine.dispose()
    # Not one of the shipped revisions' tables either: the whole upgrade is one transaction.
    assert tables_of(path) == set()


def test_an_upgrade_that_fails_leaves_the_old_schema_and_its_data(tmp_path: Path, failing_scripts: Path) -> None:
    path = tmp_path / "coach.db"
    shutil.copy(SCHEMAS / "0001.db", path)
    engine = create_engine_for(f"sqlite:///{path}")
    try:
        with pytest.raises(RuntimeError, match="half-way"):
            migrate.upgrade(engine, script_location=failing_scripts)
    finally:
        engine.dispose()
    assert "leftover" not in tables_of(path)
    assert version_of(path) == ["0001"]
    con = sqlite3.connect(path)
    columns = {r[1] for r in con.execute("PRAGMA table_info(athlete)")}
    assert con.execute("SELECT name FROM athlete").fetchall() == [("Zoë Łukasiewicz",)]
    con.close()
    assert "wizard_checked_on" not in columns and "leftover_column" not in columns


def half_migrated(path: Path) -> None:
    """The issue's repro: what a first start of the old code left when killed during its migration."""
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);CREATE TABLE athlete (id INTEGER)"
    )
    con.close()


def test_a_half_migrated_first_start_is_completed(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    half_migrated(path)
    db = open_database(path)
    try:
        assert get_exercise(db, "side-lying-clamshell") is not None
    finally:
        db.close()
    assert version_of(path) == [head_revision()]


def test_a_half_migrated_database_holding_rows_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    half_migrated(path)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO athlete (id) VALUES (7)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(BadInput, match="half-upgraded"):
        open_database(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.db"]


def test_the_last_five_backups_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    shutil.copy(SCHEMAS / "0001.db", path)
    for _ in range(7):
        migrate.backup_copy(path)
    backups = sorted(p.name for p in tmp_path.glob("coach.backup-*"))
    assert len(backups) == migrate.BACKUPS_KEPT == 5


def test_pruning_keeps_the_newest_backups(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    shutil.copy(SCHEMAS / "0001.db", path)
    made = [migrate.backup_copy(path) for _ in range(7)]
    assert sorted(p.name for p in tmp_path.glob("coach.backup-*")) == sorted(p.name for p in made[-5:])
