"""The exercise library as a plan reads it: read once per open database and kept while the library is unchanged.

Reading 50,000 exercises costs seconds and a plan tens of milliseconds, so the window's rebuilds would be all
reading. What a handle read is kept with a fingerprint of the exercise table taken just before the read; the
next plan asks the database for the fingerprint again (one aggregate row) and reads the library again only when
it differs. The same tuple is handed out while it holds, so the domain's library index finds it by identity.

The fingerprint sees every change to the table, whoever makes it (this window, another handle or process, another
coach on the server), because every write of the store changes one of its parts:
- an edit, an undo of an edit, an import's update and the built-ins' refresh add one to the row's `version`, so
  the sum of versions grows;
- a delete lowers the count, unless rows were added too; an added row (an import, a new exercise, an undo of a
  delete) takes `updated_at` = now, later than every row already there, and on SQLite a rowid past the highest.
On PostgreSQL, where coaches' clocks may disagree, the sum of the rows' `xmin` (the transaction that wrote each
row) grows with every insert or update whatever the clocks say.
The fingerprint is read before the library, so the library kept is never older than its fingerprint: a change
between the two reads costs one read more, never a stale plan.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any

from planner.domain.library_index import library_index
from planner.store.exercises import list_exercises

if TYPE_CHECKING:
    from planner.domain.exercise import Exercise
    from planner.store.engine import Database

_SQLITE_FINGERPRINT = (
    "SELECT count(*), coalesce(sum(version), 0), max(updated_at), coalesce(sum(rowid), 0), coalesce(max(rowid), 0)"
    " FROM exercise"
)
_SERVER_FINGERPRINT = (
    "SELECT count(*), coalesce(sum(version), 0), max(updated_at), coalesce(sum(xmin::text::bigint), 0) FROM exercise"
)

_lock = threading.Lock()  # plans are built on worker threads too (the window's rebuilds, the team batch)
_kept: weakref.WeakKeyDictionary[Database, tuple[tuple[Any, ...], tuple[Exercise, ...]]] = weakref.WeakKeyDictionary()


def library_fingerprint(db: Database) -> tuple[Any, ...]:
    """One row of aggregates of the exercise table that changes whenever any exercise is added, changed or
    deleted, by anyone (see the module's docstring)."""
    from sqlalchemy import text

    query = _SERVER_FINGERPRINT if db.is_server else _SQLITE_FINGERPRINT
    with db.engine.connect() as conn:
        row = conn.execute(text(query)).one()
    return tuple(row)


def library_for_plans(db: Database) -> tuple[Exercise, ...]:
    """The whole library sorted by name (as `list_exercises`), the same tuple object as the last call on this
    handle while the exercise table has not changed since; read again when it has."""
    fingerprint = library_fingerprint(db)  # before the read: what is kept is never older than its fingerprint
    with _lock:
        kept = _kept.get(db)
    if kept is not None and kept[0] == fingerprint:
        return kept[1]
    # The domain's index of an equal library, when there is one, holds the tuple to hand out: its index is then
    # found by identity, not by comparing 50,000 exercises field by field on every plan (an edit and its undo,
    # a second handle on the same database).
    library = library_index(list_exercises(db)).exercises
    with _lock:
        if db not in _kept:
            db.on_close.append(forget_library)  # a closed handle lets its library go with it
        _kept[db] = (fingerprint, library)
    return library


def forget_library(db: Database) -> None:
    """Drop what is kept for this handle (the next plan reads the library again)."""
    with _lock:
        _kept.pop(db, None)
