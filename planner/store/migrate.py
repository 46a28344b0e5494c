"""Schema versions: read a file's version without touching it, back it up, upgrade it with Alembic.

The revision check uses the standard-library sqlite3 module on a read-only connection, so a database
that is already current opens without importing Alembic, and a database from a newer app is refused
before anything could write to it.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planner.domain.errors import BadInput
from planner.paths import migrations_dir

SQLITE_HEADER = b"SQLite format 3\x00"
_REVISION = re.compile(r"^revision(?::\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?::[^=]+)?=\s*['\"]?([^'\"\n]+?)['\"]?\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class SchemaState:
    """What a database file holds: nothing yet, our schema at some revision, or something else."""

    exists: bool
    revision: str | None
    foreign: bool = False  # an SQLite file with tables that are not ours


@cache
def known_revisions() -> tuple[str, ...]:
    """Every migration revision this app ships, oldest first (read from db/versions without Alembic)."""
    parents: dict[str, str | None] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        rev = _REVISION.search(text)
        down = _DOWN.search(text)
        if rev:
            parent = down.group(1).strip() if down else None
            parents[rev.group(1)] = None if parent in (None, "None") else parent
    ordered: list[str] = []
    current: str | None = next((r for r, p in parents.items() if p is None), None)
    children = {p: r for r, p in parents.items()}
    while current is not None:
        ordered.append(current)
        current = children.get(current)
    return tuple(ordered)


def head_revision() -> str:
    return known_revisions()[-1]


def check_sqlite_file(path: Path) -> None:
    """BadInput when `path` exists but is not an SQLite database (a text file, a PDF...)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise BadInput("is a folder, not a database file", source=str(path))
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BadInput(f"cannot be read ({exc.strerror})", source=str(path)) from None
    if header != SQLITE_HEADER:
        raise BadInput("is not a Stride Planner database (not an SQLite file); it was left unchanged", source=str(path))


def read_schema_state(path: Path) -> SchemaState:
    """The revision stored in the file, read on a read-only connection (the file is never changed)."""
    check_sqlite_file(path)
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(exists=False, revision=None)
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BadInput(f"cannot be opened as a database ({exc})", source=str(path)) from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return SchemaState(exists=True, revision=row[0] if row else None)
        return SchemaState(exists=True, revision=None, foreign=bool(tables - {"sqlite_sequence"}))
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"is damaged or not a database ({exc}); it was left unchanged", source=str(path)) from None
    finally:
        con.close()


def ensure_known(state: SchemaState, path: Path) -> None:
    """Refuse a database written by a newer app, or an SQLite file that belongs to another program."""
    if state.foreign:
        raise BadInput(
            "is an SQLite database of another program, not Stride Planner's; it was left unchanged", source=str(path)
        )
    if state.revision is not None and state.revision not in known_revisions():
        raise BadInput(
            f"was written by a newer version of Stride Planner (schema {state.revision}; this version knows "
            f"up to {head_revision()}). Update Stride Planner to open it; the file was left unchanged.",
            source=str(path),
        )


def backup_copy(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy the database (WAL included, via SQLite's backup API) to a timestamped file beside it."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix or '.db'}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp}-{n}{path.suffix or '.db'}")
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(engine: object) -> None:
    """Run every pending Alembic migration on `engine` (imports Alembic only when there is work)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with engine.begin() as connection:  # type: ignore[attr-defined]
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
