"""A plan is built from the library as it is now: the library a handle read is kept between plans (reading 50,000
exercises costs seconds), but an import, edit, delete or undo by this handle, another handle or another coach is in
the next plan. SQLite file and PostgreSQL server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from planner.domain.exercise import Exercise
from planner.domain.plan import Plan
from planner.export.demo import demo_athlete
from planner.store import exercises, library_cache
from planner.store.athletes import add_athlete
from planner.store.database import Database, open_database
from planner.store.library_cache import library_for_plans
from planner.store.plans import build_plan, regenerate_plan

START = dt.date(2027, 1, 4)


@pytest.fixture
def coaches(db_url: str) -> Iterator[tuple[Database, Database, int]]:
    anna = open_database(db_url)
    ben = open_database(db_url)  # a second handle: another window, process or coach on the same database
    anna.who, ben.who = "anna", "ben"
    athlete_id = add_athlete(anna, demo_athlete(START))
    yield anna, ben, athlete_id
    anna.close()
    ben.close()


def planned_names(plan: Plan) -> dict[str, str]:
    return {e.id: e.name for week in plan.weeks for session in week.sessions for e in session.exercises}


def first_planned(db: Database, plan: Plan) -> Exercise:
    exercise = exercises.get_exercise(db, next(iter(planned_names(plan))))
    assert exercise is not None
    return exercise


def test_an_exercise_edited_through_the_same_handle_is_in_the_next_plan(coaches) -> None:
    anna, _ben, athlete_id = coaches
    calf = first_planned(anna, build_plan(anna, athlete_id))
    exercises.update_exercise(anna, replace(calf, name="Wall calf raise"))
    assert planned_names(build_plan(anna, athlete_id))[calf.id] == "Wall calf raise"


def test_an_exercise_another_handle_or_coach_edited_is_in_the_next_plan(coaches) -> None:
    anna, ben, athlete_id = coaches
    calf = first_planned(anna, build_plan(anna, athlete_id))
    exercises.update_exercise(ben, replace(calf, name="Ben's calf raise"))
    assert planned_names(build_plan(anna, athlete_id))[calf.id] == "Ben's calf raise"


def test_an_import_by_another_coach_is_in_the_next_plan(coaches) -> None:
    anna, ben, athlete_id = coaches
    calf = first_planned(anna, build_plan(anna, athlete_id))
    exercises.write_exercises(ben, [replace(calf, name="Imported calf raise")])
    assert planned_names(build_plan(anna, athlete_id))[calf.id] == "Imported calf raise"


def test_an_undone_edit_is_in_the_next_plan(coaches) -> None:
    anna, ben, athlete_id = coaches
    calf = first_planned(anna, build_plan(anna, athlete_id))
    edited = exercises.update_exercise(ben, replace(calf, name="Ben's calf raise"))
    build_plan(anna, athlete_id)
    exercises.restore_exercise(ben, calf, expected=edited)
    assert planned_names(build_plan(anna, athlete_id))[calf.id] == calf.name


def custom(db: Database, name: str) -> Exercise:
    return replace(exercises.list_exercises(db)[0], id="", name=name, builtin=False, edited=False)


def ids(library: tuple[Exercise, ...]) -> set[str]:
    return {e.id for e in library}


def test_an_exercise_another_coach_deleted_is_not_in_the_library_plans_read(coaches) -> None:
    anna, ben, _athlete_id = coaches
    added = exercises.add_custom_exercise(anna, custom(anna, "Towel scrunch"))
    assert added.id in ids(library_for_plans(anna))
    exercises.delete_exercise(ben, added.id)
    assert added.id not in ids(library_for_plans(anna))


def test_a_new_exercise_in_place_of_a_deleted_one_is_in_the_library_plans_read(coaches) -> None:
    # Delete the newest exercise and add another: the count is the same, and on SQLite the new row even takes
    # the deleted one's rowid.
    anna, ben, _athlete_id = coaches
    first = exercises.add_custom_exercise(anna, custom(anna, "Towel scrunch"))
    library_for_plans(anna)
    exercises.delete_exercise(ben, first.id)
    second = exercises.add_custom_exercise(ben, custom(ben, "Marble pick-up"))
    assert second.id in ids(library_for_plans(anna)) and first.id not in ids(library_for_plans(anna))


def test_an_undone_delete_puts_the_exercise_back_in_the_library_plans_read(coaches) -> None:
    anna, ben, _athlete_id = coaches
    added = exercises.add_custom_exercise(anna, custom(anna, "Towel scrunch"))
    uuid = exercises.exercise_uuid(anna, added.id)
    deleted = exercises.delete_exercise(ben, added.id)
    assert added.id not in ids(library_for_plans(anna))
    exercises.restore_exercise(ben, deleted, uuid=uuid)
    assert added.id in ids(library_for_plans(anna))


def test_a_second_plan_with_an_unchanged_library_does_not_read_the_library_again(
    coaches, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, _ben, athlete_id = coaches
    reads: list[Database] = []
    read = library_cache.list_exercises
    monkeypatch.setattr(library_cache, "list_exercises", lambda db: reads.append(db) or read(db))

    regenerate_plan(anna, athlete_id)  # reads the library, and saves the plan: a write, but not to the library
    regenerate_plan(anna, athlete_id)

    assert reads == [anna]
