"""The handle of an open database, which every repository works through.

Opening one (resolve --db, check, back up, migrate, seed the built-ins) is `planner.store.database`'s job,
a level above the repositories it calls; keeping the handle here lets a repository name its type without
importing the module that imports it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session


@dataclass
class Database:
    """An open Stride Planner database: its engine, and where it lives on disk (for SQLite; None on a server)."""

    url: str
    engine: Engine
    path: Path | None = None
    backup: Path | None = None  # the copy taken before this start's migration, if one ran
    seeded: dict[str, int] = field(default_factory=dict)
    who: str = ""  # who saves through this handle (PostgreSQL role or the computer's user), for rows' updated_by

    @property
    def is_server(self) -> bool:
        """True for a database on a PostgreSQL server (club mode), False for a file."""
        return self.url.startswith("postgresql")

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back on any error."""
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
