"""Testing a database before using it: what Preferences ▸ Database ▸ Test connection and `db check` say.

Nothing is created, upgraded or written: a file is inspected read-only, a server is asked a few questions.
"""

from __future__ import annotations

from planner.domain.errors import BadInput


def describe_connection(target: str | None) -> str:
    """One line on what `target` is: server version, role and schema, or the file's schema; BadInput when it
    cannot be used (unreachable, refused, damaged, from a newer version)."""
    from planner.store import migrate
    from planner.store.database import display_target, resolve_target

    url, path = resolve_target(target)
    label = display_target(target)
    if path is not None:
        if not path.exists():
            return f"{label}: no database there yet; Stride Planner will create it"
        state = migrate.inspect_database(path)
        return f"{label}: an SQLite file, {_schema(state.revision)}"
    if not url.startswith("postgresql"):
        raise BadInput("is neither a file nor a postgresql:// URL", source=label)
    return _describe_server(url, label)


def _describe_server(url: str, label: str) -> str:
    from planner.store import migrate, server
    from planner.store.database import create_engine_for

    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SHOW server_version").scalar()
            role = conn.exec_driver_sql("SELECT current_user").scalar()
            revision = server.revision_in(conn)
        tables = server.table_names(engine)
    finally:
        engine.dispose()
    foreign = revision is None and bool(tables)
    state = migrate.SchemaState(exists=bool(tables), revision=revision, foreign=foreign)
    migrate.ensure_known(state, label, noun="database")
    return f"{label}: PostgreSQL {version}, signed in as {role}, {_schema(revision)}"


def _schema(revision: str | None) -> str:
    from planner.store.migrate import head_revision

    if revision is None:
        return "empty (Stride Planner will set it up)"
    if revision == head_revision():
        return f"schema {revision} (this version's)"
    return f"schema {revision} (Stride Planner will upgrade it to {head_revision()}, after a backup)"
