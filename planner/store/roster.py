"""The athletes a start needs (their ids, the current athlete), read from a file with sqlite3 alone.

The window opens on the roster before anything is written; reading it through the ORM would import
SQLAlchemy, sqlmodel and pydantic for two SELECTs. Rows are mapped to the same `StoredAthlete` values as
`planner.store.athletes` (through its own row mapping, so the two cannot disagree); a server database, or a
file sqlite3 cannot read this way, is read by `planner.store.athletes` instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.store.athletes import StoredAthlete
    from planner.store.engine import Database

BUSY_WAIT_S = 5.0  # how long a read waits for another process's write to finish (as the engine does)

_ATHLETE = (
    "SELECT id, name, level, equipment, week, mileage, wizard_answers, wizard_checked_on, week_overrides, note, "
    "version, uuid FROM athlete"
)
_RACE = "SELECT athlete_id, date, name, priority FROM race"
_PHASE = 'SELECT athlete_id, start, "end", phase FROM phase_range'


def athlete_ids(db: Database) -> list[int]:
    """The ids of every athlete, in the roster's order (by name): all a start needs to pick the athlete it
    opens on, without building 1,000 athletes to read 1,000 numbers."""
    try:
        with _reading(db) as conn:
            if conn is not None:
                return [row[0] for row in conn.execute("SELECT id FROM athlete ORDER BY name, id")]
    except sqlite3.Error:
        pass
    from planner.store.athletes import list_athletes

    return [a.id for a in list_athletes(db)]


def read_athlete(db: Database, athlete_id: int) -> StoredAthlete | None:
    """One athlete by id (as store.athletes.get_athlete), or None when there is no such athlete."""
    try:
        with _reading(db) as conn:
            if conn is not None:
                athletes = conn.execute(f"{_ATHLETE} WHERE id = ?", (athlete_id,)).fetchall()
                races = conn.execute(f"{_RACE} WHERE athlete_id = ? ORDER BY id", (athlete_id,)).fetchall()
                phases = conn.execute(f"{_PHASE} WHERE athlete_id = ? ORDER BY start, id", (athlete_id,)).fetchall()
                found = _stored(athletes, races, phases)
                return found[0] if found else None
    except sqlite3.Error:
        pass
    from planner.domain.errors import BadInput
    from planner.store.athletes import get_athlete

    try:
        return get_athlete(db, athlete_id)
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
        # One snapshot for the three SELECTs: a save between them cannot pair an athlete with stale races.
        conn.execute("BEGIN")
        yield conn
    finally:
        conn.close()


def _stored(athletes: list[Any], races: list[Any], phases: list[Any]) -> list[StoredAthlete]:
    from planner.store.athletes import StoredAthlete, _athlete_from_rows

    races_of: dict[int, list[Any]] = {}
    for athlete_id, date, name, priority in races:
        races_of.setdefault(athlete_id, []).append(SimpleNamespace(date=_date(date), name=name, priority=priority))
    phases_of: dict[int, list[Any]] = {}
    for athlete_id, start, end, phase in phases:
        phases_of.setdefault(athlete_id, []).append(SimpleNamespace(start=_date(start), end=_date(end), phase=phase))
    out = []
    for row in athletes:
        (athlete_id, name, level, equipment, week, mileage, answers, checked_on, overrides, note, version, uuid) = row
        fields = SimpleNamespace(
            name=name,
            level=level,
            equipment=_json(equipment),
            week=_json(week),
            mileage=_json(mileage),
            wizard_answers=_json(answers),
            wizard_checked_on=_date(checked_on),
            week_overrides=_json(overrides),
            note=note,
        )
        # The ORM's own mapping (store.athletes), so both readers make the same Athlete from the same row.
        athlete = _athlete_from_rows(fields, races_of.get(athlete_id, []), phases_of.get(athlete_id, []))
        out.append(StoredAthlete(athlete_id, athlete, version, uuid))
    return out


def _json(text: str | None) -> Any:
    # SQLAlchemy's JSON type stores None as the text 'null'; SQL NULL reads as None too.
    return json.loads(text) if text is not None else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
