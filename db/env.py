"""Alembic environment: migrations of the Stride Planner schema (SQLite, batch mode).

The app runs these from code at start-up (planner.store.migrate), passing its own connection in
`config.attributes["connection"]`; `alembic -c alembic.ini ...` works too for developers.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import planner.store.tables  # noqa: F401  (registers the tables on the metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from planner.store.database import create_engine_for

    # The app's engine: BEGIN is emitted by us, so the DDL below really runs in one transaction.
    engine = create_engine_for(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    # render_as_batch: SQLite cannot ALTER most things, so Alembic copies the table instead.
    # SQLite's DDL is transactional (Alembic assumes not): every pending revision runs in one transaction,
    # so an upgrade that fails or is killed half-way leaves the file at its old revision.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        transactional_ddl=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
