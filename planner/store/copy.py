"""Moving a whole database: a file to a club's server when the club grows, a server to a file when a coach leaves.

All or nothing: every row is written in ONE transaction on the target, read back and compared with the source
(a digest of every row of every table) before that transaction commits. Ids and UUIDs are kept; on PostgreSQL
the id sequences are moved past the copied ids. The target must be empty: copying over someone's data is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.domain.errors import BadInput

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection

    from planner.store.engine import Database

BATCH = 500  # rows per INSERT: large enough to be quick over a network, small enough for any server's limits


@dataclass(frozen=True, slots=True)
class CopyReport:
    """How many rows of each table were copied (every one of them checked against the source)."""

    rows: dict[str, int]

    def __str__(self) -> str:
        total = sum(self.rows.values())
        parts = ", ".join(f"{n} {name}" for name, n in self.rows.items() if n)
        return f"copied {total} rows ({parts}); every row checked against the source"


def tables() -> list[Table]:
    """Our tables, parents before children (the order rows can be inserted in)."""
    from sqlmodel import SQLModel

    import planner.store.tables  # noqa: F401  (registers the tables on the metadata)

    return list(SQLModel.metadata.sorted_tables)


def _plain(value: Any) -> Any:
    """A value as both databases give it back alike: datetimes naive UTC, JSON text with sorted keys."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def _rows(conn: Connection, table: Table) -> Iterable[dict[str, Any]]:
    from sqlalchemy import select

    order = list(table.primary_key.columns) or list(table.columns)
    for row in conn.execute(select(table).order_by(*order)).mappings():
        yield dict(row)


def row_digests(conn: Connection, *, leave_out: frozenset[str] = frozenset()) -> dict[str, str]:
    """table name -> SHA-256 of every row of the table in primary-key order (what a copy must give back).

    `leave_out` names columns not hashed (a test compares two upgrades of one old file, whose new UUIDs differ).
    """
    out: dict[str, str] = {}
    for table in tables():
        digest = hashlib.sha256()
        names = [c.name for c in table.columns if c.name not in leave_out]
        for row in _rows(conn, table):
            digest.update(json.dumps([_plain(row[n]) for n in names], ensure_ascii=False).encode())
            digest.update(b"\n")
        out[table.name] = digest.hexdigest()
    return out


def database_digests(db: Database, *, leave_out: frozenset[str] = frozenset()) -> dict[str, str]:
    """row_digests of an open database."""
    with db.engine.connect() as conn:
        return row_digests(conn, leave_out=leave_out)


def ensure_empty_target(target: str) -> None:
    """BadInput unless `target` is a new file, an empty database, or one holding our schema without a row."""
    from planner.store.database import display_target, resolve_target

    url, path = resolve_target(target)
    label = display_target(target)
    if path is not None:
        from planner.store import migrate

        if not path.exists():
            return
        state = migrate.inspect_database(path)
        if state.has_rows:
            raise BadInput(f"{NOT_EMPTY} (it holds rows)", source=label)
        return
    from planner.store import server
    from planner.store.database import create_engine_for

    engine = create_engine_for(url)
    try:
        names = server.table_names(engine)
        if server.has_rows(engine, names):
            raise BadInput(f"{NOT_EMPTY} (it holds rows)", source=label)
    finally:
        engine.dispose()


NOT_EMPTY = "is not empty; `db copy` only copies into a new or empty database, so nothing was copied"


def copy_database(
    source: str | Path, target: str | Path, *, progress: Callable[[str, int], None] | None = None
) -> CopyReport:
    """Copy every row of `source` into the empty `target` (created and migrated to the current schema).

    The source is never changed, whatever its schema: it is read into a private copy (a file's pages through
    SQLite's backup API; an older server's rows into a file made at the server's revision), and a copy from an
    older version is upgraded there, never in the source. Then one transaction on the target: on any failure,
    or when a row read back differs from that copy, nothing is left there (a file this copy created is deleted
    again). The built-in library is not added to the target, it comes from the source like every other row.
    """
    import tempfile

    from planner.store.database import display_target, open_database, resolve_target

    ensure_empty_target(str(target))
    _url, target_path = resolve_target(str(target))
    created = target_path is not None and not target_path.exists()
    with tempfile.TemporaryDirectory(prefix="stride-copy-") as scratch:
        staged = _staged_source(source, Path(scratch))
        src = open_database(staged, seed=False)  # upgrades the private copy when the source is older
        try:
            dst = open_database(target, seed=False)
            try:
                report = _copy_rows(src, dst, label=display_target(str(target)), progress=progress)
            finally:
                dst.close()
        except BaseException:
            if created and target_path is not None:
                from planner.store.migrate import side_files

                for leftover in (target_path, *side_files(target_path)):
                    leftover.unlink(missing_ok=True)
            raise
        finally:
            src.close()
    return report


def _staged_source(source: str | Path, scratch: Path) -> str | Path:
    """What the copy reads: a private file copy of a file source; a server at this app's schema as it is, an
    older one's rows in a file at its revision. Refused with one line, nothing changed: a source that is
    missing, not ours, damaged or newer than this app."""
    from planner.store import migrate
    from planner.store.database import display_target, expected_columns, resolve_target

    url, path = resolve_target(str(source))
    label = display_target(str(source))
    if path is None:
        return _staged_server(url, label, scratch)
    state = migrate.inspect_database(path, expected=expected_columns())  # read-only; refuses with the source's name
    if not state.exists:
        raise BadInput("does not exist; nothing was copied", source=label)
    if state.revision is None:
        raise BadInput("holds no Stride Planner database (no schema yet); nothing was copied", source=label)
    staged = scratch / "source.db"
    _backup_file(path, staged)
    return staged


def _backup_file(path: Path, into: Path) -> None:
    """Copy an SQLite file page by page (WAL included) without writing to it or beside it."""
    import sqlite3

    from planner.store.migrate import side_files

    wal, _shm, journal = side_files(path)
    query = "mode=ro" if wal.exists() or journal.exists() else "immutable=1"  # as inspect_database reads it
    reader = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
    writer = sqlite3.connect(into)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def _staged_server(url: str, label: str, scratch: Path) -> str | Path:
    """A server source at this app's schema is read as it is (opening it changes nothing); an older one is
    copied, row for row as its schema has them, into a file made at its revision, which open_database then
    upgrades: the server is only read."""
    from sqlalchemy import MetaData, insert, select

    from planner.store import migrate, server
    from planner.store.database import create_engine_for, expected_columns

    engine = create_engine_for(url)
    try:
        names = server.table_names(engine)
        with engine.connect() as conn:
            revision = server.revision_in(conn)
        foreign = revision is None and bool(set(names) - {"alembic_version"} - set(expected_columns()))
        migrate.ensure_known(migrate.SchemaState(exists=bool(names), revision=revision, foreign=foreign), label)
        if revision is None:
            raise BadInput("holds no Stride Planner database (no schema yet); nothing was copied", source=label)
        if revision == migrate.head_revision():
            return url
        staged = scratch / "source.db"
        file_engine = create_engine_for(f"sqlite:///{staged}", path=staged)
        try:
            migrate.upgrade(file_engine, revision=revision)
            theirs, ours = MetaData(), MetaData()
            with engine.connect() as read, file_engine.begin() as write:
                theirs.reflect(read)
                ours.reflect(write)
                for table in ours.sorted_tables:
                    if table.name == "alembic_version" or table.name not in theirs.tables:
                        continue
                    source_table = theirs.tables[table.name]
                    columns = [c.name for c in table.columns if c.name in source_table.columns]
                    rows = [dict(r) for r in read.execute(select(*(source_table.c[n] for n in columns))).mappings()]
                    if rows:
                        write.execute(insert(table), rows)
        finally:
            file_engine.dispose()
        return staged
    finally:
        engine.dispose()


def _copy_rows(src: Database, dst: Database, *, label: str, progress: Callable[[str, int], None] | None) -> CopyReport:
    from sqlalchemy import insert, select

    counts: dict[str, int] = {}
    with src.engine.connect() as read, dst.engine.begin() as write:
        # Checked again inside the transaction: another coach may have started using the target meanwhile.
        for table in tables():
            if write.execute(select(table).limit(1)).first() is not None:
                raise BadInput(f"{NOT_EMPTY} (the {table.name} table holds rows)", source=label)
        for table in tables():
            batch: list[dict[str, Any]] = []
            counts[table.name] = 0
            for row in _rows(read, table):
                batch.append(row)
                if len(batch) >= BATCH:
                    write.execute(insert(table), batch)
                    counts[table.name] += len(batch)
                    batch = []
            if batch:
                write.execute(insert(table), batch)
                counts[table.name] += len(batch)
            if progress is not None:
                progress(table.name, counts[table.name])
        if dst.is_server:
            _reset_sequences(write)
        if row_digests(write) != row_digests(read):
            raise BadInput("the copy did not read back the same as the source; nothing was copied", source=label)
    return CopyReport(counts)


def _reset_sequences(conn: Connection) -> None:
    """Move every id sequence past the largest copied id, so the next new row gets a fresh one."""
    for table in tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].type.python_type is not int:
            continue
        name, column = table.name, pk[0].name
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), "
            f'COALESCE((SELECT max("{column}") FROM "{name}"), 1), '
            f'(SELECT max("{column}") FROM "{name}") IS NOT NULL)'
        )
