"""Ctrl+Z after a delete in the window puts back the same row, not a new one: the athlete, exercise or log entry
has its original UUID (and id), as a second coach's session on the same database sees it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.domain.athlete import Athlete, Priority, Race
from planner.domain.exercise import Category, Dose, Exercise
from planner.domain.training_log import LogEntry
from planner.store import athletes as store
from planner.store.database import Database, open_database
from planner.store.exercises import exercise_uuid, get_exercise
from planner.store.training_log import log_entries, replace_entries
from planner.ui.athlete_commands import AddAthlete, DeleteAthlete
from planner.ui.context import AppContext
from planner.ui.log_grid import LogEdit
from planner.ui.undo import AddExerciseCommand, DeleteExerciseCommand

DAY = dt.date(2027, 1, 5)


@pytest.fixture
def other_coach(db: Database, db_path: Path | str) -> Iterator[Database]:
    other = open_database(db.path if db.path is not None else db_path)  # the file, or the server's database
    yield other
    other.close()


def test_undoing_an_athletes_delete_brings_back_the_same_uuid(ctx: AppContext, other_coach: Database) -> None:
    athlete_id = store.add_athlete(ctx.db, Athlete(name="Maya", races=(Race(dt.date(2027, 4, 18), "10k", Priority.A),)))
    uuid, races = store.get_athlete(ctx.db, athlete_id).uuid, store.race_uuids(ctx.db, athlete_id)
    ctx.undo_stack.push(DeleteAthlete(ctx, athlete_id))
    ctx.undo_stack.undo()
    assert store.get_athlete(other_coach, athlete_id).uuid == uuid
    assert store.race_uuids(other_coach, athlete_id) == races


def test_undoing_an_athletes_delete_brings_back_their_log_plan_and_edits_as_they_were(
    ctx: AppContext, other_coach: Database
) -> None:
    from planner.domain.plan import PlannedExercise
    from planner.store.plans import regenerate_plan

    athlete_id = store.add_athlete(ctx.db, Athlete(name="Maya", races=(Race(dt.date(2027, 4, 18), "10k", Priority.A),)))
    regenerate_plan(ctx.db, athlete_id, start=dt.date(2027, 1, 4), weeks=4)
    session = next(s for w in store.load_plan(ctx.db, athlete_id).weeks for s in w.sessions if s.exercises)
    edit = PlannedExercise.from_dict({**session.exercises[0].to_dict(), "note": "slow"})
    store.set_dose_edit(ctx.db, athlete_id, session.key, edit)
    replace_entries(ctx.db, athlete_id, (), [LogEntry(DAY, "glute-bridge", 2)])
    before = store.athlete_rows(ctx.db, athlete_id)
    ctx.undo_stack.push(DeleteAthlete(ctx, athlete_id))
    assert log_entries(ctx.db, athlete_id) == ()  # the delete took the log with it (the foreign key cascades)
    ctx.undo_stack.undo()
    assert store.athlete_rows(other_coach, athlete_id) == before
    assert len(before["training_log"]) == len(before["plan"]) == len(before["dose_edit"]) == 1


def test_redoing_an_undone_add_brings_back_the_same_athlete(ctx: AppContext, other_coach: Database) -> None:
    command = AddAthlete(ctx, Athlete(name="Maya"))
    ctx.undo_stack.push(command)
    uuid = store.get_athlete(ctx.db, command.athlete_id).uuid
    ctx.undo_stack.undo()
    ctx.undo_stack.redo()
    assert store.get_athlete(other_coach, command.athlete_id).uuid == uuid


def test_undoing_an_exercises_delete_brings_back_the_same_uuid(ctx: AppContext, other_coach: Database) -> None:
    add = AddExerciseCommand(ctx, Exercise("wall-sit", "Wall sit", Category.STRENGTH, Dose(sets=2, hold_s=30)))
    ctx.undo_stack.push(add)
    uuid = exercise_uuid(ctx.db, add.added.id)
    ctx.undo_stack.push(DeleteExerciseCommand(ctx, get_exercise(ctx.db, add.added.id)))
    ctx.undo_stack.undo()
    assert exercise_uuid(other_coach, add.added.id) == uuid


def test_undoing_a_cleared_log_cell_brings_back_the_same_entry(ctx: AppContext, other_coach: Database) -> None:
    athlete_id = store.add_athlete(ctx.db, Athlete(name="Maya"))
    entry = LogEntry(DAY, "glute-bridge", 2)
    replace_entries(ctx.db, athlete_id, (), [entry])
    uuid = _log_uuids(ctx.db)
    ctx.undo_stack.push(LogEdit(ctx, athlete_id, {entry.key: None}, {entry.key: entry}, "", lambda _id: None))
    assert log_entries(ctx.db, athlete_id) == ()
    ctx.undo_stack.undo()
    assert log_entries(other_coach, athlete_id) == (entry,)
    assert _log_uuids(other_coach) == uuid


def _log_uuids(db: Database) -> list[str]:
    from sqlmodel import select

    from planner.store.tables import TrainingLogRow

    with db.session() as s:
        return list(s.exec(select(TrainingLogRow.uuid)).all())
