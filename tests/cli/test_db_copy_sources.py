"""`db copy` only reads its source: a file from an older version is copied and the copy upgraded, the file itself
left byte for byte as it was (no upgrade, no backup beside it); a source that is missing is one line, exit 2."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from planner.cli import main
from planner.store import athletes, migrate
from planner.store.database import open_database

SCHEMAS = Path(__file__).parents[1] / "store" / "schemas"


@pytest.mark.parametrize("revision", ["0001", "0004"])
def test_copying_a_file_from_an_older_version_leaves_it_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], revision: str
) -> None:
    source = tmp_path / "old" / "coach.db"
    source.parent.mkdir()
    shutil.copy(SCHEMAS / f"{revision}.db", source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    target = tmp_path / "new.db"

    assert main(["db", "copy", "--from", str(source), "--to", str(target)]) == 0

    assert "every row checked" in capsys.readouterr().out
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert list(source.parent.iterdir()) == [source]  # no backup, no -wal left beside it
    assert migrate.read_schema_state(target).revision == migrate.head_revision()
    db = open_database(target, seed=False)
    try:
        assert len(athletes.list_athletes(db)) == 1
    finally:
        db.close()


def test_copying_a_file_that_does_not_exist_is_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.db"
    assert main(["db", "copy", "--from", str(missing), "--to", str(tmp_path / "new.db")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "does not exist" in err
    assert sorted(tmp_path.iterdir()) == []
