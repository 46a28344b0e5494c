"""Opening the database: resolve --db, check the schema, back up, migrate, seed the built-ins.

A file (SQLite, the default) or a database on a PostgreSQL server (club mode: `postgresql://user@host/db`,
see planner.store.server), opened, checked and migrated by the same rules.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from planner.domain.errors import BadInput
from planner.paths import default_database
from planner.store.engine import Database

__all__ = [
    "BUSY",
    "BackupUnavailable",
    "Database",
    "DatabaseBusy",
    "DatabaseUnavailable",
    "display_target",
    "open_database",
    "resolve_target",
    "retry_when_busy",
    "upgrades_without_backup",
    "writing",
]

BUSY_TIMEOUT_MS = 5000  # how long a connection waits for another process's write lock
BUSY = "the database is busy (another Stride Planner is writing); try again"

T = TypeVar("T")

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine, ExceptionContext


class DatabaseUnavailable(BadInput):
    """The database cannot do what was asked, for a reason outside the app: busy, read-only, full, damaged.

    A BadInput, so the command line prints it on one line and exits 2, and the window says it calmly.
    """


class DatabaseBusy(DatabaseUnavailable):
    """Another process held the write lock longer than the busy timeout (or changed what we had read)."""


class DatabaseReadOnly(DatabaseUnavailable):
    """The file or its folder cannot be written (read-only disk, folder or permissions)."""


class DatabaseFull(DatabaseUnavailable):
    """The disk is full: SQLite rolled the write back."""


class DatabaseDamaged(DatabaseUnavailable):
    """SQLite found the file malformed, or a table or column of ours missing."""


class BackupUnavailable(BadInput):
    """A server database needs an upgrade and pg_dump is not here to back it up first.

    The command line refuses (one line, exit 2) unless --yes; the window asks the coach.
    """


NO_PG_DUMP = (
    "needs an upgrade to this version of Stride Planner, and it cannot be backed up first: pg_dump is not "
    "installed here (Debian: postgresql-client). It was left unchanged. Install pg_dump, or upgrade without "
    "a backup with --yes"
)

# Whether a server database may be upgraded without a backup (no pg_dump): the command line's --yes sets it for
# the run (cli.main), the window for the one open the coach agreed to.
_WITHOUT_BACKUP: ContextVar[bool] = ContextVar("upgrade_without_backup", default=False)


@contextlib.contextmanager
def upgrades_without_backup(allowed: bool = True) -> Iterator[None]:
    """Within the block, open_database upgrades a server database even when pg_dump cannot back it up."""
    token = _WITHOUT_BACKUP.set(allowed)
    try:
        yield
    finally:
        _WITHOUT_BACKUP.reset(token)


def busy_timeout_ms() -> int:
    """The busy timeout: 5 s, or STRIDE_PLANNER_BUSY_TIMEOUT_MS (tests shorten it)."""
    raw = os.environ.get("STRIDE_PLANNER_BUSY_TIMEOUT_MS", "")
    return int(raw) if raw.isdigit() else BUSY_TIMEOUT_MS


def translate_error(exc: BaseException, path: Path | None) -> DatabaseUnavailable | None:
    """The one-line user error an SQLite failure stands for, or None when it is our bug."""
    text = " ".join(str(exc).split())
    lower = text.lower()
    source = str(path) if path is not None else None
    if "database is locked" in lower or "database is busy" in lower or "database table is locked" in lower:
        return DatabaseBusy(BUSY, source=source)
    if "readonly database" in lower or "read-only" in lower or "readonly" in lower:
        return DatabaseReadOnly(
            "is read-only here (the disk or folder cannot be written); nothing was changed", source=source
        )
    if "database or disk is full" in lower or "no space left" in lower:
        return DatabaseFull("the disk is full; nothing was changed (free some space and try again)", source=source)
    if "unable to open database file" in lower:
        if path is not None and not is_writable(path):
            return DatabaseReadOnly("cannot be written here: its folder is read-only", source=source)
        return DatabaseUnavailable("cannot be opened (unable to open database file)", source=source)
    if "malformed" in lower or "not a database" in lower or "no such table" in lower or "no such column" in lower:
        return DatabaseDamaged(f"is damaged ({text[:200]})", source=source)
    if "disk i/o error" in lower:
        return DatabaseUnavailable("could not be read or written (disk I/O error); nothing was changed", source=source)
    return None


def is_writable(path: Path) -> bool:
    from planner.store.migrate import is_writable as writable

    return writable(path)


def retry_when_busy(action: Callable[[], T], db: Database | None = None, *, attempts: int = 3) -> T:
    """Run `action`; when it meets a busy database, wait until the other writer is done and run it again,
    up to `attempts` times within twice the busy timeout in all; past that the DatabaseBusy goes to the
    user ("try again").

    SQLite does not wait when a transaction that has read tries to write while another connection writes
    (that could deadlock): it says busy at once. So a read-then-write meets busy however long the
    timeout; waiting here for the write lock (on `db`, when given) and reading again is what works.
    """
    started = time.monotonic()
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except DatabaseBusy:
            if attempt == attempts or (time.monotonic() - started) * 1000 >= 2 * busy_timeout_ms():
                raise
            if db is not None and db.url.startswith("sqlite"):
                wait_for_writers(db)
            else:
                time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")


def wait_for_writers(db: Database) -> None:
    """Return once no other connection holds the write lock (DatabaseBusy after the busy timeout)."""
    with writing(db).engine.begin():
        pass  # BEGIN IMMEDIATE waits for the lock; the empty transaction gives it straight back


def writing(db: Database) -> Database:
    """The same database, every transaction of which begins IMMEDIATE: the write lock is taken before
    the first read, so what a read-then-write (an import, the built-in sync) reads is still true when it
    writes. Use it for writes only: it waits for (and blocks) other writers.

    On a PostgreSQL server the same promise is SERIALIZABLE isolation: a read-then-write that another
    coach's write overtook fails with a serialization error, which is DatabaseBusy, and is run again.
    """
    if db.url.startswith("sqlite"):
        return db.with_engine(db.engine.execution_options(sqlite_begin="IMMEDIATE"))
    return db.with_engine(db.engine.execution_options(isolation_level="SERIALIZABLE"))


def display_target(target: str | Path | None) -> str:
    """What to show or log for --db: a path as given, a server URL without its password."""
    from planner.store.server import redact

    raw = str(target) if target is not None else default_database()
    return redact(raw) if "://" in raw else raw


def resolve_target(target: str | Path | None) -> tuple[str, Path | None]:
    """(SQLAlchemy URL, file path or None) for --db, STRIDE_PLANNER_DB or the default file."""
    raw = str(target) if target is not None else default_database()
    if "://" in raw:
        from planner.store.server import is_server_url, sqlalchemy_url

        if is_server_url(raw):
            return sqlalchemy_url(raw), None
        if raw.startswith("sqlite:///"):
            path_part = raw[len("sqlite:///") :]
            if path_part and path_part != ":memory:":
                return raw, Path(path_part)
        return raw, None
    path = Path(raw).expanduser()
    return f"sqlite:///{path.resolve()}", path


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Transactions are ours, not the sqlite3 module's: in its legacy mode it commits before every DDL
    # statement and begins only before INSERT/UPDATE/DELETE, so a migration's CREATE TABLEs and an
    # import's reads ran outside any transaction. `_begin` below emits BEGIN itself.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")  # first: the journal_mode switch may wait for a lock
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _begin(connection: Any) -> None:
    # BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so what a writer
    # reads is still true when it writes; plain BEGIN lets readers run beside a writer (WAL).
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def create_engine_for(url: str, *, path: Path | None = None, read_only: bool = False) -> Engine:
    """The SQLAlchemy engine of `url`, with our per-connection settings for SQLite.

    `read_only` opens the file `path` immutable (a read-only disk or folder: nothing is locked or
    written beside it). SQLite's failures a user can cause become DatabaseUnavailable (one line).
    """
    from sqlalchemy import create_engine, event

    if read_only and path is not None:
        url = f"sqlite:///{path.resolve().as_uri()}?immutable=1&uri=true"
    if url.startswith("postgresql"):
        from planner.store import server

        # pre_ping: a pooled connection the server closed (a restart, an idle timeout) is replaced, not used.
        engine = create_engine(url, connect_args=server.connect_args(), pool_pre_ping=True, pool_size=3)
        label = server.redact(url)
        event.listen(engine, "handle_error", lambda context: _translate_server(context, label))
        return engine
    engine = create_engine(url)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _configure_read_only if read_only else _configure_sqlite)
        event.listen(engine, "begin", _begin)
        event.listen(engine, "handle_error", lambda context: _translate(context, path))
    return engine


def _configure_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA query_only=ON")


def _translate_server(context: ExceptionContext, label: str) -> BaseException | None:
    from planner.store.server import classify_server_error

    found = classify_server_error(context.original_exception)
    if found is None:
        return None
    kind, message = found
    error = {
        "busy": DatabaseBusy,
        "read_only": DatabaseReadOnly,
        "full": DatabaseFull,
        "damaged": DatabaseDamaged,
    }.get(kind, DatabaseUnavailable)
    return error(message, source=label)


def _translate(context: ExceptionContext, path: Path | None) -> BaseException | None:
    import sqlite3

    if isinstance(context.original_exception, sqlite3.Error):
        return translate_error(context.original_exception, path)
    return None


def open_database(target: str | Path | None = None, *, seed: bool = True) -> Database:
    """Open (creating if needed), check and migrate the database; BadInput when it cannot be used.

    Refused with one line and left untouched: not ours, too new, damaged, empty, half-upgraded with
    data. A file that already holds rows is copied to a timestamped backup beside it before any
    migration. A file on a read-only disk or in a read-only folder opens read-only (reading commands
    work; a write says it is read-only); a new one cannot be made there. A busy database (another
    process writing) is DatabaseBusy.
    """
    from planner.store import migrate

    url, path = resolve_target(target)
    if path is None and url.startswith("postgresql"):
        return _open_server_database(url, seed=seed)
    state = None
    if path is not None:
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                reason = "it is read-only" if exc.errno == errno.EROFS else exc.strerror
                raise DatabaseReadOnly(f"cannot create the folder {path.parent} ({reason})", source=str(path)) from None
        from planner.store import clean_close

        # quick_check reads every page: skipped only for a file exactly as this app last left it whole.
        checked = not clean_close.left_whole(path)
        state = migrate.inspect_database(path, expected=expected_columns(), quick_check=checked)
        if not state.exists and not state.writable:
            raise DatabaseReadOnly(
                f"cannot be created: the folder {path.parent} is read-only (choose another with --db)",
                source=str(path),
            )
    read_only = state is not None and state.exists and not state.writable
    # Made on first use: a start on a current file reads with sqlite3 alone and never imports SQLAlchemy.
    db = Database(url, path=path, make_engine=lambda: create_engine_for(url, path=path, read_only=read_only))
    if path is not None and state is not None and not read_only:
        if state.exists and checked:
            clean_close.record_whole(path)  # it passed every check: the next start need not scan it again
        db.on_close.append(_close_file)
    try:
        current = state.revision if state is not None else _revision_of(db.engine)
        if current != migrate.head_revision():
            if state is None:
                migrate.ensure_known(migrate.SchemaState(exists=True, revision=current), Path(url))
            elif read_only:
                raise DatabaseReadOnly(
                    "needs an upgrade to this version of Stride Planner but is read-only here; it was left unchanged",
                    source=str(path),
                )
            elif state.has_rows and path is not None:
                db.backup = migrate.backup_copy(path)  # a file without a single row has nothing to lose
            retry_when_busy(lambda: migrate.upgrade(db.engine), db)
        if seed and not read_only:
            from planner.store.exercises import sync_builtin_library

            # Plain BEGIN: a start that finds the built-ins current only reads, even beside an import.
            db.seeded = retry_when_busy(lambda: sync_builtin_library(db), db)
    except BaseException:
        db.on_close.clear()  # a start that failed is no clean close: the next one checks the file again
        db.close()
        raise
    db.who = _os_user()
    return db


def _close_file(db: Database) -> None:
    """After the engine is gone: let SQLite fold its -wal back and remove it, then record the file as whole."""
    import sqlite3

    from planner.store import clean_close

    if db.path is None or not db.path.exists():
        return
    if not db.has_engine:
        # Only read-only sqlite3 connections read this start, and they cannot remove the -wal and -shm they
        # made; the last read-write connection to close does (checkpointing whatever another process left).
        try:
            conn = sqlite3.connect(db.path, timeout=busy_timeout_ms() / 1000)
            try:
                conn.execute("PRAGMA user_version").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return  # busy or unreadable now: the next start checks the file
    clean_close.record_whole(db.path)


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without the user in /etc/passwd)
        return ""


def _open_server_database(url: str, *, seed: bool) -> Database:
    """open_database for a PostgreSQL server: the same checks and upgrade as a file, a pg_dump backup first."""
    from planner.store import migrate, server

    label = server.redact(url)
    engine = create_engine_for(url)
    db = Database(url, engine, None)
    try:
        tables = server.table_names(engine)
        with engine.connect() as conn:
            current = server.revision_in(conn)
        ours = set(expected_columns())
        state = migrate.SchemaState(
            exists=bool(tables),
            revision=current,
            foreign=current is None and bool(set(tables) - {"alembic_version"} - ours),
            has_rows=current is not None and server.has_rows(engine, tables),
        )
        migrate.ensure_known(state, label, noun="database")
        if current != migrate.head_revision():
            if state.has_rows:
                pg_dump = server.find_pg_dump()
                if pg_dump is not None:
                    try:
                        db.backup = server.pg_dump_backup(url, pg_dump=pg_dump)
                    except BadInput as exc:  # e.g. a pg_dump older than the server: ask, as without one
                        if not _WITHOUT_BACKUP.get():
                            raise BackupUnavailable(str(exc)) from None
                elif not _WITHOUT_BACKUP.get():
                    raise BackupUnavailable(NO_PG_DUMP, source=label)
            retry_when_busy(lambda: migrate.upgrade(engine), db)
        db.who = server.current_user(engine)
        if seed:
            from planner.store.exercises import sync_builtin_library

            db.seeded = retry_when_busy(lambda: sync_builtin_library(writing(db)), db)
    except BaseException:
        engine.dispose()
        raise
    return db


def expected_columns() -> dict[str, set[str]]:
    """Every table of the current schema with its columns (what a file at the head revision must hold).

    A plain table (planner.store.schema_columns), not the ORM's metadata: the check at every open imports no
    sqlmodel. A test keeps the two equal.
    """
    from planner.store.schema_columns import EXPECTED_COLUMNS

    return {table: set(columns) for table, columns in EXPECTED_COLUMNS.items()}


def _revision_of(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
