"""PRAGMA quick_check reads every page, so it runs only for a file this app has not seen whole: a file closed
cleanly (or checked and found sound) and not touched since opens without it; anything else is checked."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.domain.errors import BadInput
from planner.paths import data_dir
from planner.store import migrate
from planner.store.clean_close import RECORD_FILE
from planner.store.database import open_database
from planner.store.migrate import head_revision
from tests.store.test_damaged_databases import SCHEMAS, make_current, scribble_on_a_page, truncate


@pytest.fixture(autouse=True)
def data_folder() -> Path:
    """The data folder, as both doors make it at start (logging): the record lives there."""
    data_dir().mkdir(parents=True, exist_ok=True)
    return data_dir()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The database's own folder, apart from the app's data folder (also under tmp_path)."""
    (tmp_path / "db").mkdir()
    return tmp_path / "db"


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each open asked for the full-page check, in order."""
    asked: list[bool] = []
    inspect = migrate.inspect_database

    def spy(path: Path, **kwargs: object) -> migrate.SchemaState:
        asked.append(bool(kwargs.get("quick_check", True)))
        return inspect(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(migrate, "inspect_database", spy)
    return asked


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_closed_cleanly_opens_without_the_full_check(folder: Path, checks: list[bool]) -> None:
    path = folder / "coach.db"
    make_current(path)
    open_database(path).close()
    assert checks[-1] is False


def test_a_file_this_app_has_not_seen_is_checked(folder: Path, checks: list[bool]) -> None:
    path = folder / "coach.db"
    shutil.copy(SCHEMAS / f"{head_revision()}.db", path)
    open_database(path).close()
    assert checks == [True]


def test_a_copy_put_in_place_of_a_clean_file_is_checked(folder: Path, checks: list[bool]) -> None:
    path = folder / "coach.db"
    make_current(path)
    copy = folder / "copy.db"
    shutil.copy2(path, copy)  # same size and time, another inode
    copy.replace(path)
    open_database(path).close()
    assert checks[-1] is True


def test_a_file_with_changes_in_its_wal_is_checked(folder: Path, checks: list[bool]) -> None:
    path = folder / "coach.db"
    make_current(path)
    path.with_name("coach.db-wal").write_bytes(b"\0" * 64)  # as a crash leaves it: the file alone is not whole
    open_database(path).close()
    assert checks[-1] is True


@pytest.mark.parametrize("damage", [scribble_on_a_page, truncate], ids=["same size, new time", "shorter"])
def test_a_file_damaged_after_a_clean_close_is_refused_byte_for_byte(
    folder: Path, damage: Callable[[Path], None]
) -> None:
    path = folder / "coach.db"
    make_current(path)
    damage(path)
    before = digest(path)
    with pytest.raises(BadInput, match="damaged"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["coach.db"]


def test_a_refused_file_is_never_recorded_as_whole(folder: Path) -> None:
    path = folder / "coach.db"
    make_current(path)
    scribble_on_a_page(path)
    with pytest.raises(BadInput):
        open_database(path)
    recorded = json.loads((data_dir() / RECORD_FILE).read_text(encoding="utf-8"))["files"]
    stat = path.stat()
    assert recorded.get(str(path.resolve())) != [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def test_the_record_is_kept_in_the_data_folder_not_beside_the_database(folder: Path) -> None:
    path = folder / "coach.db"
    make_current(path)
    assert (data_dir() / RECORD_FILE).exists()
    assert sorted(p.name for p in path.parent.iterdir()) == ["coach.db"]
