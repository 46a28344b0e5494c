"""What a start reads of the athletes (their ids, the current athlete's name), from a file with sqlite3 alone.

The window opens on an athlete before anything is written; reading the roster through the ORM would import
SQLAlchemy, sqlmodel and pydantic, and build every athlete with races and phases, to learn a list of ids and
one name. A server database, or a file sqlite3 cannot read this way, is read by `planner.store.athletes`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.store.engine import Database

BUSY_WAIT_S = 5.0  # how long a read waits for another process's write to finish (as the engine does)


def athlete_ids(db: Database) -> list[int]:
    """The ids of every athlete, in the roster's order (by name, as store.athletes.list_athletes)."""
    try:
        with _reading(db) as conn:
            if conn is not None:
                return [row[0] for row in conn.execute("SELECT id FROM athlete ORDER BY name, id")]
    except sqlite3.Error:
        pass  # the engine reads it again below, and says what is wrong in the user's words
    from planner.store.athletes import list_athletes

    return [a.id for a in list_athletes(db)]


def athlete_name(db: Database, athlete_id: int) -> str | None:
    """The name of one athlete (as store.athletes.get_athlete has it), or None when there is no such athlete."""
    try:
        with _reading(db) as conn:
            if conn is not None:
                row = conn.execute("SELECT name FROM athlete WHERE id = ?", (athlete_id,)).fetchone()
                return row[0] if row is not None else None
    except sqlite3.Error:
        pass
    from planner.domain.errors import BadInput
    from planner.store.athletes import get_athlete

    try:
        return get_athlete(db, athlete_id).athlete.name
    except BadInput:
        return None


@contextlib.contextmanager
def _reading(db: Database) -> Iterator[sqlite3.Connection | None]:
    """A read-only sqlite3 connection to `db`'s file, or None for a server database."""
    if db.path is None or not db.url.startswith("sqlite"):
        yield None
        return
    conn = sqlite3.connect(f"{db.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_WAIT_S)
    try:
        yield conn
    finally:
        conn.close()
