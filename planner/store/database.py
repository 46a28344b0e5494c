"""Opening the database: resolve --db, check the schema, back up, migrate, seed the built-ins."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.domain.errors import BadInput
from planner.paths import default_database
from planner.store.engine import Database

__all__ = ["Database", "open_database", "resolve_target"]

BUSY_TIMEOUT_MS = 5000  # how long a connection waits for another process's write lock

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def resolve_target(target: str | Path | None) -> tuple[str, Path | None]:
    """(SQLAlchemy URL, file path or None) for --db, STRIDE_PLANNER_DB or the default file."""
    raw = str(target) if target is not None else default_database()
    if "://" in raw:
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
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the journal_mode switch may wait for a lock
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _begin(connection: Any) -> None:
    # BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so what a writer
    # reads is still true when it writes; plain BEGIN lets readers run beside a writer (WAL).
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def create_engine_for(url: str) -> Engine:
    """The SQLAlchemy engine of `url`, with our per-connection settings for SQLite."""
    from sqlalchemy import create_engine, event

    engine = create_engine(url)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin)
    return engine


def open_database(target: str | Path | None = None, *, seed: bool = True) -> Database:
    """Open (creating if needed) and migrate the database; BadInput when it is not ours or too new.

    A file that already holds data is copied to a timestamped backup beside it before any migration.
    """
    from planner.store import migrate

    url, path = resolve_target(target)
    state = None
    if path is not None:
        state = migrate.inspect_database(path, expected=expected_columns())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput(f"cannot create the folder {path.parent} ({exc.strerror})", source=str(path)) from None
    engine = create_engine_for(url)
    db = Database(url=url, engine=engine, path=path)
    try:
        current = state.revision if state is not None else _revision_of(engine)
        if current != migrate.head_revision():
            if state is None:
                migrate.ensure_known(migrate.SchemaState(exists=True, revision=current), Path(url))
            elif state.has_rows and path is not None:
                db.backup = migrate.backup_copy(path)  # a file without a single row has nothing to lose
            migrate.upgrade(engine)
        if seed:
            from planner.store.exercises import sync_builtin_library

            db.seeded = sync_builtin_library(db)
    except BaseException:
        engine.dispose()
        raise
    return db


def expected_columns() -> dict[str, set[str]]:
    """Every table of the current schema with its columns (what a file at the head revision must hold)."""
    from sqlmodel import SQLModel

    import planner.store.tables  # noqa: F401  (registers the tables on the metadata)

    return {t.name: {c.name for c in t.columns} for t in SQLModel.metadata.sorted_tables}


def _revision_of(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
