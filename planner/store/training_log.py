"""The training log in the database: an athlete's entries, read and written as domain LogEntry values.

One row per athlete, day, exercise and side. Writing an entry that exists replaces it, so the log grid,
`log import` and an undo all say "this is what the athlete did" rather than adding a second answer.

Several coaches may share the database: a write can name what it started from (`expected`: each key's entry
as the coach saw it, None where there was none). When another coach changed, added or deleted one of those
entries meanwhile, the write is refused with EditConflict and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from planner.domain.conflict import EditConflict
from planner.domain.training_log import LogEntry, Side, sort_log
from planner.store.versions import changed_by, stale_is_conflict

if TYPE_CHECKING:
    from planner.store.engine import Database


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _tables() -> Any:
    from planner.store import tables

    return tables


def _entry(row: Any) -> LogEntry:
    return LogEntry(
        date=row.date,
        exercise=row.exercise_id,
        sets_done=row.sets_done,
        side=Side(row.side) if row.side else None,
        pain_during=row.pain_during,
        pain_next_morning=row.pain_next_morning,
        rpe=row.rpe,
        done=row.done,
        note=row.note or "",
    )


def _where(t: Any, athlete_id: int, key: tuple[dt.date, str, str]) -> tuple[Any, ...]:
    day, exercise, side = key
    row = t.TrainingLogRow
    return (row.athlete_id == athlete_id, row.date == day, row.exercise_id == exercise, row.side == side)


def log_entries(
    db: Database, athlete_id: int, *, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[LogEntry, ...]:
    """The athlete's entries (from `start` to `end` inclusive when given), by day, exercise and side."""
    from sqlmodel import select

    t = _tables()
    query = select(t.TrainingLogRow).where(t.TrainingLogRow.athlete_id == athlete_id)
    if start is not None:
        query = query.where(t.TrainingLogRow.date >= start)
    if end is not None:
        query = query.where(t.TrainingLogRow.date <= end)
    with db.session() as s:
        return sort_log(_entry(r) for r in s.exec(query).all())


def save_entries(
    db: Database, athlete_id: int, entries: Iterable[LogEntry], *, session_keys: dict[Any, str] | None = None
) -> None:
    """Write entries in one transaction, each replacing any entry for the same day, exercise and side.

    `session_keys` (entry key -> plan session key) records which session of the plan an entry was typed
    against. All or nothing: a failure leaves the log as it was.
    """
    replace_entries(db, athlete_id, (), entries, session_keys=session_keys)


def delete_entries(
    db: Database,
    athlete_id: int,
    keys: Sequence[tuple[dt.date, str, str]],
    *,
    expected: dict[tuple[dt.date, str, str], LogEntry | None] | None = None,
) -> int:
    """Forget the entries with these (day, exercise, side) keys; returns how many there were.

    With `expected`, refused with EditConflict (nothing deleted) when one of them is not as the coach saw it.
    """
    from sqlmodel import select

    t = _tables()
    removed = 0
    with db.session() as s:
        _check(s, t, athlete_id, keys, expected)
        for key in keys:
            for row in s.exec(select(t.TrainingLogRow).where(*_where(t, athlete_id, key))).all():
                s.delete(row)  # the ORM's delete says WHERE version = …: an overtaken delete fails, not lost
                removed += 1
        with stale_is_conflict("log", athlete_id, "A log entry"):
            s.flush()
    return removed


def _what(s: Any, t: Any, key: tuple[dt.date, str, str]) -> str:
    """'The log of Calf raise (left) on Tue 5 Jan 2027', in the coach's words."""
    day, exercise_id, side = key
    exercise = s.get(t.ExerciseRow, exercise_id)
    name = exercise.name if exercise is not None else exercise_id
    return f"The log of {name}{f' ({side})' if side else ''} on {day:%a} {day.day} {day:%b %Y}"


def _check(
    s: Any,
    t: Any,
    athlete_id: int,
    keys: Iterable[tuple[dt.date, str, str]],
    expected: dict[tuple[dt.date, str, str], LogEntry | None] | None,
) -> None:
    """EditConflict when an entry the write touches is not what the coach saw (changed, added or deleted)."""
    from sqlmodel import select

    if expected is None:
        return
    for key in keys:
        if key not in expected:
            continue
        # FOR UPDATE (PostgreSQL): a second coach's write waits here and then sees what this one wrote.
        row = s.exec(select(t.TrainingLogRow).where(*_where(t, athlete_id, key)).with_for_update()).first()
        now = _entry(row) if row is not None else None
        if now == expected[key]:
            continue
        if row is None:  # deleted meanwhile
            raise EditConflict("log", (athlete_id, key), _what(s, t, key), None)
        raise EditConflict("log", (athlete_id, key), _what(s, t, key), changed_by(row))


def replace_entries(
    db: Database,
    athlete_id: int,
    remove: Sequence[tuple[dt.date, str, str]],
    add: Iterable[LogEntry],
    *,
    session_keys: dict[Any, str] | None = None,
    expected: dict[tuple[dt.date, str, str], LogEntry | None] | None = None,
    uuids: dict[tuple[dt.date, str, str], str] | None = None,
) -> dict[tuple[dt.date, str, str], str]:
    """Delete the entries keyed `remove` and write `add`, in one transaction (a log grid edit or its undo).

    `expected` (key -> the entry as the coach saw it, None: there was none) makes the write refuse with
    EditConflict, writing nothing, when another coach changed, added or deleted one of those entries since.
    Returns the UUIDs of the rows it deleted, by key; an entry of `add` that needs a new row takes its UUID
    from `uuids` when there (an undo puts back the same row, not a new one).
    """
    from sqlmodel import select

    t = _tables()
    keys = session_keys or {}
    known = uuids or {}
    added = list(add)
    removed: dict[tuple[dt.date, str, str], str] = {}
    with db.session() as s:
        _check(s, t, athlete_id, [*remove, *(e.key for e in added)], expected)
        for key in remove:
            for row in s.exec(select(t.TrainingLogRow).where(*_where(t, athlete_id, key))).all():
                removed[key] = row.uuid
                s.delete(row)
        with stale_is_conflict("log", athlete_id, "A log entry"):
            s.flush()
        for entry in added:
            row = s.exec(select(t.TrainingLogRow).where(*_where(t, athlete_id, entry.key))).first()
            if row is None:
                row = t.TrainingLogRow(athlete_id=athlete_id, date=entry.date, exercise_id=entry.exercise)
                if entry.key in known:
                    row.uuid = known[entry.key]
            row.side = entry.side.value if entry.side else ""
            row.session_key = keys.get(entry.key, row.session_key or "")
            row.sets_done, row.pain_during = entry.sets_done, entry.pain_during
            row.pain_next_morning, row.rpe = entry.pain_next_morning, entry.rpe
            row.done, row.note, row.updated_at, row.updated_by = entry.done, entry.note, _now(), db.who
            s.add(row)
        with stale_is_conflict("log", athlete_id, "A log entry"):
            s.flush()
    return removed
