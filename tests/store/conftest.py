"""Store tests run on both databases the app opens: an SQLite file and a PostgreSQL server of our own.

`db_url` is a fresh database of each kind (a file in tmp_path; a new database on the test server, see
tests/store/pg.py); `db` is it opened. Where PostgreSQL cannot be started its half is skipped, saying why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.store.database import Database, open_database
from tests.store.pg import PostgresServer  # the session fixture postgres_server comes from tests/conftest.py

KINDS = ("sqlite", "postgresql")


@pytest.fixture(params=KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database: a file path (sqlite) or a server URL (postgresql)."""
    if request.param == "sqlite":
        return str(tmp_path / "coach.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()
