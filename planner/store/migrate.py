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
from typing import TYPE_CHECKING

from planner.domain.errors import BadInput
from planner.paths import migrations_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

SQLITE_HEADER = b"SQLite format 3\x00"
_REVISION = re.compile(r"^revision(?::\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
HALF_UPGRADED = (
    "was left half-upgraded by an interrupted start of an older Stride Planner and holds data; it was left "
    "unchanged. Restore its newest backup (a .backup- file beside it) or ask for help"
)
_DOWN = re.compile(r"^down_revision(?::[^=]+)?=\s*['\"]?([^'\"\n]+?)['\"]?\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class SchemaState:
    """What a database file holds: nothing yet, our schema at some revision, or something else."""

    exists: bool
    revision: str | None
    foreign: bool = False  # an SQLite file with tables that are not ours
    half_upgraded: bool = False  # Alembic's table without a version row, beside other tables
    has_rows: bool = False  # any table holds a row (a file without rows needs no backup)


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
        user_tables = sorted(t for t in tables if not t.startswith("sqlite_"))
        has_rows = any(con.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0] for t in user_tables)
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
            half = revision is None and len(user_tables) > 1
            return SchemaState(exists=True, revision=revision, half_upgraded=half, has_rows=has_rows)
        return SchemaState(exists=True, revision=None, foreign=bool(user_tables), has_rows=has_rows)
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
    if state.half_upgraded and state.has_rows:
        raise BadInput(HALF_UPGRADED, source=str(path))
    if state.revision is not None and state.revision not in known_revisions():
        raise BadInput(
            f"was written by a newer version of Stride Planner (schema {state.revision}; this version knows "
            f"up to {head_revision()}). Update Stride Planner to open it; the file was left unchanged.",
            source=str(path),
        )


BACKUPS_KEPT = 5  # the README names this number; older backups beside the database are deleted


def backup_copy(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy the database (WAL included, via SQLite's backup API) to a timestamped file beside it.

    The copy is written under a hidden temporary name and renamed when complete, so a full disk or a
    kill never leaves a short or empty backup; then all but the newest BACKUPS_KEPT backups are deleted.
    """
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = path.suffix or ".db"
    # Numbered after the newest backup of the same second, never reusing a pruned name (names sort by age).
    n = max((key[1] for key, _p in _backups_with_keys(path) if key[0] == stamp), default=0) + 1
    target = path.with_name(f"{path.stem}.backup-{stamp}{f'-{n}' if n > 1 else ''}{suffix}")
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp}-{n}{suffix}")
    partial = target.with_name(f".{target.name}.part")
    try:
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise BadInput(
            f"could not be backed up before its upgrade ({reason}); the database was left unchanged",
            source=str(path),
        ) from None
    prune_backups(path)
    return target


def backups_of(path: Path) -> list[Path]:
    """The backups taken beside `path`, oldest first."""
    return [p for _key, p in _backups_with_keys(path)]


def _backups_with_keys(path: Path) -> list[tuple[tuple[str, int], Path]]:
    suffix = path.suffix or ".db"
    pattern = re.compile(rf"^{re.escape(path.stem)}\.backup-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(suffix)}$")
    found = []
    for candidate in path.parent.glob(f"{glob_escape(path.stem)}.backup-*"):
        match = pattern.match(candidate.name)
        if match:
            found.append(((match.group(1), int(match.group(2) or 1)), candidate))
    return sorted(found)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?[])", r"[\1]", text)


def prune_backups(path: Path, keep: int = BACKUPS_KEPT) -> list[Path]:
    """Delete all but the newest `keep` backups of `path`; return the deleted ones."""
    backups = backups_of(path)
    doomed = backups[:-keep] if keep > 0 else backups
    for old in doomed:
        old.unlink(missing_ok=True)
    return doomed


def upgrade(engine: Engine, *, script_location: Path | None = None) -> None:
    """Run every pending Alembic migration on `engine` in ONE transaction: all revisions or none.

    The transaction begins IMMEDIATE, so a second process starting at the same time waits for this
    one and then finds nothing to do. What an interrupted first start of an older version left behind
    (Alembic's table without a version, and empty tables) is dropped inside the same transaction; a
    half-upgraded file that holds rows is refused. `script_location` is the folder holding env.py and
    versions/ (default: the app's db/ folder).
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or migrations_dir()))
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        # Foreign keys off while tables are copied by batch mode (a DROP TABLE would cascade into the
        # children); the pragma only takes effect outside a transaction, and is checked before commit.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            connection.execution_options(sqlite_begin="IMMEDIATE")
            with connection.begin():
                _drop_leftovers(connection)
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the upgrade broke {len(broken)} foreign key(s), first: {broken[0]}")
        finally:
            connection.execution_options(sqlite_begin="")
            raw.execute("PRAGMA foreign_keys=ON")


def _drop_leftovers(connection: Connection) -> None:
    """Drop what an interrupted first start of an older version created (empty tables, no version row)."""
    names = [
        r[0]
        for r in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith("sqlite_")
    ]
    if "alembic_version" not in names:
        return
    if connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar():
        return
    leftovers = [n for n in names if n != "alembic_version"]
    for name in leftovers:
        if connection.exec_driver_sql(f'SELECT EXISTS (SELECT 1 FROM "{name}")').scalar():
            raise BadInput(HALF_UPGRADED)
    for name in leftovers:
        connection.exec_driver_sql(f'DROP TABLE "{name}"')
