"""An undo of a delete puts back the same row: its id and its UUID (athlete and races, exercise, log entry), so a
second coach's session and a later `db copy` see the same thing again, not a new one. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from planner.domain.athlete import Athlete, Priority, Race
from planner.domain.exercise import Category, Dose, Exercise
from planner.domain.training_log import LogEntry
from planner.store import athletes
from planner.store.database import Database, open_database
from planner.store.exercises import add_custom_exercise, delete_exercise, exercise_uuid, restore_exercise
from planner.store.training_log import replace_entries

DAY = dt.date(2027, 1, 5)
MAYA = Athlete(name="Maya", races=(Race(dt.date(2027, 4, 18), "Spring 10k", Priority.A),))


def _log_uuid(db: Database, athlete_id: int) -> str:
    from sqlmodel import select

    from planner.store.tables import TrainingLogRow

    with db.session() as s:
        return s.exec(select(TrainingLogRow.uuid).where(TrainingLogRow.athlete_id == athlete_id)).one()


def test_an_athlete_put_back_keeps_its_id_and_uuids_for_another_coach_too(db_url: str) -> None:
    anna, ben = open_database(db_url), open_database(db_url)
    try:
        athlete_id = athletes.add_athlete(anna, MAYA)
        before = athletes.get_athlete(anna, athlete_id)
        races = athletes.race_uuids(anna, athlete_id)
        athletes.delete_athlete(anna, athlete_id)
        athletes.add_athlete(anna, MAYA, athlete_id=athlete_id, uuid=before.uuid, race_uuids=races)
        assert athletes.get_athlete(ben, athlete_id).uuid == before.uuid
        assert athletes.race_uuids(ben, athlete_id) == races
    finally:
        anna.close()
        ben.close()


def test_an_exercise_put_back_keeps_its_uuid(db: Database) -> None:
    added = add_custom_exercise(db, Exercise("wall-sit", "Wall sit", Category.STRENGTH, Dose(sets=2, hold_s=30)))
    uuid = exercise_uuid(db, added.id)
    deleted = delete_exercise(db, added.id)
    restore_exercise(db, deleted, uuid=uuid)
    assert exercise_uuid(db, added.id) == uuid


def test_a_log_entry_put_back_keeps_its_uuid(db: Database) -> None:
    athlete_id = athletes.add_athlete(db, MAYA)
    entry = LogEntry(DAY, "glute-bridge", 2)
    replace_entries(db, athlete_id, (), [entry])
    uuid = _log_uuid(db, athlete_id)
    removed = replace_entries(db, athlete_id, [entry.key], ())
    assert removed == {entry.key: uuid}
    replace_entries(db, athlete_id, (), [entry], uuids=removed)
    assert _log_uuid(db, athlete_id) == uuid
