"""Schema versions: check a file without touching it, back it up, upgrade it with Alembic.

The check (header, PRAGMA quick_check, revision, tables) uses the standard-library sqlite3 module on a
connection that cannot write, so a database that is already current opens without importing Alembic,
and a damaged file or one from a newer app is refused before anything could write to it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    writable: bool = True  # the file and its folder can be written (else it opens read-only)


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
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
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


def side_files(path: Path) -> list[Path]:
    """The files SQLite keeps beside a database while it is open: -wal, -shm, -journal."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def is_writable(path: Path) -> bool:
    """Whether the database file and its folder (where -wal and -shm go) can be written.

    os.access honours a read-only filesystem even for root, which owner bits do not.
    """
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def inspect_database(
    path: Path, *, expected: Mapping[str, Collection[str]] | None = None, quick_check: bool = True
) -> SchemaState:
    """Check a database file before anything writes to it, and return its schema state.

    Refused with BadInput, the file left byte-for-byte as it was and no side file left that was not
    there before: not SQLite, empty, damaged (PRAGMA quick_check, or a table or column of `expected`
    missing at the current revision), another program's, half-upgraded with data, or newer than this
    app. The check reads with `immutable=1` when no other connection can be open (no -wal, no -journal),
    which creates no side files, else on a read-only connection. `quick_check=False` leaves out the scan
    of every page, for a file known to be as this app left it (planner.store.clean_close).
    """
    check_sqlite_file(path)
    if not path.exists():
        return SchemaState(exists=False, revision=None, writable=is_writable(path))
    if path.stat().st_size == 0 and not _header_arrives(path):
        raise BadInput(EMPTY_FILE, source=str(path))
    existed = {p for p in side_files(path) if p.exists()}
    try:
        state = _read_state(path, expected, quick_check=quick_check)
        ensure_known(state, path)
        return state
    except BadInput:
        for created in side_files(path):
            if created not in existed and created.exists():
                with contextlib.suppress(OSError):  # a read-only disk answers EROFS even for no file
                    created.unlink()
        raise


EMPTY_FILE = (
    "is an empty file (0 bytes), not a database; it was left unchanged. If it held your data, restore its "
    "newest backup (a .backup- file beside it); to start a new database, delete the empty file or choose another"
)


def _header_arrives(path: Path, wait_s: float = 2.0) -> bool:
    # A second first start can see the file the first one has just created and not yet written:
    # a file younger than a few seconds gets a moment to receive its header.
    if time.time() - path.stat().st_mtime > 10:
        return False
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if path.stat().st_size > 0:
            return True
    return False


def _read_state(path: Path, expected: Mapping[str, Collection[str]] | None, *, quick_check: bool) -> SchemaState:
    writable = is_writable(path)
    wal, _shm, journal = side_files(path)
    live = wal.exists() or journal.exists()  # another connection may be open, or one was not closed
    if not writable and any(p.exists() and p.stat().st_size > 0 for p in (wal, journal)):
        raise BadInput(READ_ONLY_PENDING, source=str(path))
    query = "mode=ro" if live and writable else "immutable=1"
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
    except sqlite3.Error as exc:
        raise BadInput(f"cannot be opened as a database ({exc}); it was left unchanged", source=str(path)) from None
    try:
        if quick_check:
            problems = [r[0] for r in con.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise _damaged(path, problems[0])
        columns: dict[str, set[str]] = {}
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            if not name.startswith("sqlite_"):
                columns[name] = {r[1] for r in con.execute(f'PRAGMA table_info("{name}")')}
        has_rows = any(con.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0] for t in columns)
        if "alembic_version" not in columns:
            return SchemaState(exists=True, revision=None, foreign=bool(columns), has_rows=has_rows, writable=writable)
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        if expected is not None and revision == head_revision():
            for table, wanted in expected.items():
                if table not in columns:
                    raise _damaged(path, f"the table {table} is missing")
                if missing := sorted(set(wanted) - columns[table]):
                    raise _damaged(path, f"the column {table}.{missing[0]} is missing")
        half = revision is None and len(columns) > 1
        return SchemaState(exists=True, revision=revision, half_upgraded=half, has_rows=has_rows, writable=writable)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BadInput(BUSY, source=str(path)) from None
        raise _damaged(path, str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from None
    finally:
        con.close()


BUSY = "the database is busy (another Stride Planner is writing); try again"
READ_ONLY_PENDING = (
    "is on a read-only disk or folder and was not closed cleanly (its -wal file holds changes); it was left "
    "unchanged. Open it once where it can be written"
)


def _damaged(path: Path, detail: str) -> BadInput:
    backups = backups_of(path)
    hint = f"; its newest backup is {backups[-1].name}" if backups else ""
    detail = " ".join(detail.split())[:200]
    return BadInput(f"is damaged ({detail}); it was left unchanged{hint}", source=str(path))


def read_schema_state(path: Path) -> SchemaState:
    """The revision stored in the file, read without changing it (see inspect_database)."""
    return inspect_database(path)


def ensure_known(state: SchemaState, path: Path | str, *, noun: str = "file") -> None:
    """Refuse a database written by a newer app, or one that belongs to another program.

    `path` is what the message names (a file, or a server URL without its password); `noun` what it calls it.
    """
    if state.foreign:
        kind = "an SQLite database" if noun == "file" else "a database"
        raise BadInput(f"is {kind} of another program, not Stride Planner's; it was left unchanged", source=str(path))
    if state.half_upgraded and state.has_rows:
        raise BadInput(HALF_UPGRADED, source=str(path))
    if state.revision is not None and state.revision not in known_revisions():
        raise BadInput(
            f"was written by a newer version of Stride Planner (schema {state.revision}; this version knows "
            f"up to {head_revision()}). Update Stride Planner to open it; the {noun} was left unchanged.",
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


def upgrade(engine: Engine, *, script_location: Path | None = None, revision: str = "head") -> None:
    """Run every pending Alembic migration on `engine` in ONE transaction: all revisions or none.

    The transaction begins IMMEDIATE, so a second process starting at the same time waits for this
    one and then finds nothing to do. What an interrupted first start of an older version left behind
    (Alembic's table without a version, and empty tables) is dropped inside the same transaction; a
    half-upgraded file that holds rows is refused. `script_location` is the folder holding env.py and
    versions/ (default: the app's db/ folder); `revision` stops earlier than the head (tests build old
    databases with it).

    On a PostgreSQL server the transaction first takes an advisory lock (pg_advisory_xact_lock): two
    coaches starting a new version at once cannot both migrate; the second waits, then finds it done.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or migrations_dir()))
    if engine.dialect.name == "postgresql":
        _upgrade_server(engine, cfg, revision)
        return
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        # Foreign keys off while tables are copied by batch mode (a DROP TABLE would cascade into the
        # children); the pragma only takes effect outside a transaction, and is checked before commit.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            connection.execution_options(sqlite_begin="IMMEDIATE")
            with connection.begin():
                if _revision_in(connection) == head_revision():
                    return  # another start upgraded it while this one waited for the lock
                _drop_leftovers(connection)
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, revision)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the upgrade broke {len(broken)} foreign key(s), first: {broken[0]}")
        finally:
            connection.execution_options(sqlite_begin="")
            raw.execute("PRAGMA foreign_keys=ON")


def _upgrade_server(engine: Engine, cfg: Any, revision: str) -> None:
    """The PostgreSQL upgrade: one transaction (PostgreSQL's DDL is transactional) behind an advisory lock."""
    from alembic import command

    from planner.store.server import MIGRATION_LOCK, revision_in

    with engine.connect() as connection, connection.begin():
        # Held until this transaction ends: a second start blocks here, then reads the revision we wrote.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        if revision == "head" and revision_in(connection) == head_revision():
            return  # another coach's start upgraded it while this one waited for the lock
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def _revision_in(connection: Connection) -> str | None:
    # Read inside the write transaction, without loading Alembic's scripts: a start that waited for
    # another one's upgrade holds the lock only for this query.
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).scalar()
    if not found:
        return None
    return connection.exec_driver_sql("SELECT max(version_num) FROM alembic_version").scalar()


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
