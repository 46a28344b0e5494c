"""The handle of an open database, which every repository works through.

Opening one (resolve --db, check, back up, migrate, seed the built-ins) is `planner.store.database`'s job,
a level above the repositories it calls; keeping the handle here lets a repository name its type without
importing the module that imports it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session


class Database:
    """An open Stride Planner database: its engine, and where it lives on disk (for SQLite; None on a server).

    The SQLAlchemy engine is made on first use (`make_engine`): a start that only reads a file with sqlite3
    (the schema check, the built-in fingerprint, the Library rows, the roster) never imports SQLAlchemy.
    """

    def __init__(
        self,
        url: str,
        engine: Engine | None = None,
        path: Path | None = None,
        *,
        make_engine: Callable[[], Engine] | None = None,
        backup: Path | None = None,
        seeded: dict[str, int] | None = None,
        who: str = "",
    ) -> None:
        if engine is None and make_engine is None:
            raise TypeError("a Database needs an engine or a way to make one")
        self.url = url
        self.path = path
        self.backup = backup  # the copy taken before this start's migration, if one ran
        self.seeded: dict[str, int] = seeded if seeded is not None else {}
        self.who = who  # who saves through this handle (PostgreSQL role or the computer's user), for rows' updated_by
        self._engine = engine
        self._make_engine = make_engine
        self.on_close: list[Callable[[Database], None]] = []  # run after the engine is disposed (see close)

    def __repr__(self) -> str:
        return f"Database(url={self.url!r}, path={self.path!r})"

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made on first use."""
        if self._engine is None:
            assert self._make_engine is not None
            self._engine = self._make_engine()
        return self._engine

    @property
    def has_engine(self) -> bool:
        """Whether the engine was made (something read or wrote through SQLAlchemy)."""
        return self._engine is not None

    def with_engine(self, engine: Engine) -> Database:
        """The same database seen through another engine (e.g. one with other execution options)."""
        return Database(self.url, engine, self.path, backup=self.backup, seeded=self.seeded, who=self.who)

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
        """Close every pooled connection, then run the `on_close` hooks (the clean-close record of a file)."""
        if self._engine is not None:
            self._engine.dispose()
        hooks, self.on_close = self.on_close, []
        for hook in hooks:
            hook(self)
