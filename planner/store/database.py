"""Opening the database: resolve --db, check the schema, back up, migrate, seed the built-ins."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.domain.errors import BadInput
from planner.paths import default_database
from planner.store.engine import Database

__all__ = ["Database", "open_database", "resolve_target"]

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
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def open_database(target: str | Path | None = None, *, seed: bool = True) -> Database:
    """Open (creating if needed) and migrate the database; BadInput when it is not ours or too new.

    A file that already holds data is copied to a timestamped backup beside it before any migration.
    """
    from planner.store import migrate

    url, path = resolve_target(target)
    state = None
    if path is not None:
        state = migrate.read_schema_state(path)
        migrate.ensure_known(state, path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput(f"cannot create the folder {path.parent} ({exc.strerror})", source=str(path)) from None
    from sqlalchemy import create_engine, event

    engine = create_engine(url)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _configure_sqlite)
    db = Database(url=url, engine=engine, path=path)
    try:
        current = state.revision if state is not None else _revision_of(engine)
        if current != migrate.head_revision():
            if state is None:
                migrate.ensure_known(migrate.SchemaState(exists=True, revision=current), Path(url))
            elif state.exists and path is not None:
                db.backup = migrate.backup_copy(path)
            migrate.upgrade(engine)
        if seed:
            from planner.store.exercises import sync_builtin_library

            db.seeded = sync_builtin_library(db)
    except BaseException:
        engine.dispose()
        raise
    return db


def _revision_of(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
