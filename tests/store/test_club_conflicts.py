"""Two coaches, one database: the second save over the same thing is refused, names who changed it, and
loses nothing. Every test runs on an SQLite file and on a PostgreSQL server (the `db_url` fixture)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from planner.domain.athlete import Athlete, Phase, Priority, Race
from planner.domain.conflict import EditConflict
from planner.domain.exercise import Dose
from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week
from planner.store import athletes
from planner.store.database import Database, open_database
from planner.store.exercises import get_exercise, restore_exercise, update_exercise

DAY = dt.date(2027, 1, 5)


@pytest.fixture
def coaches(db_url: str) -> Iterator[tuple[Database, Database]]:
    """Two coaches' handles on one database (two engines, two sessions), named anna and ben."""
    anna = open_database(db_url)
    ben = open_database(db_url)
    anna.who, ben.who = "anna", "ben"
    yield anna, ben
    anna.close()
    ben.close()


def test_the_second_coach_saving_the_same_athlete_is_refused_naming_the_first(coaches) -> None:
    anna, ben = coaches
    athlete_id = athletes.add_athlete(anna, Athlete(name="Maya", note="start"))
    seen_by_anna = athletes.get_athlete(anna, athlete_id)
    seen_by_ben = athletes.get_athlete(ben, athlete_id)

    athletes.update_athlete(
        anna, athlete_id, replace(seen_by_anna.athlete, note="anna's"), expected_version=seen_by_anna.version
    )
    with pytest.raises(EditConflict, match="changed by anna") as raised:
        athletes.update_athlete(
            ben, athlete_id, replace(seen_by_ben.athlete, note="ben's"), expected_version=seen_by_ben.version
        )

    assert (raised.value.kind, raised.value.key) == ("athlete", athlete_id)
    assert athletes.get_athlete(ben, athlete_id).athlete.note == "anna's"  # nothing of anna's was lost


def test_a_save_that_read_the_newest_version_goes_through(coaches) -> None:
    anna, ben = coaches
    athlete_id = athletes.add_athlete(anna, Athlete(name="Maya"))
    first = athletes.get_athlete(anna, athlete_id)
    version = athletes.update_athlete(
        anna, athlete_id, replace(first.athlete, note="one"), expected_version=first.version
    )
    athletes.update_athlete(ben, athlete_id, replace(first.athlete, note="two"), expected_version=version)
    assert athletes.get_athlete(anna, athlete_id).athlete.note == "two"


def test_saving_an_athlete_someone_deleted_is_a_conflict_not_a_crash(coaches) -> None:
    anna, ben = coaches
    athlete_id = athletes.add_athlete(anna, Athlete(name="Maya"))
    seen = athletes.get_athlete(ben, athlete_id)
    athletes.delete_athlete(anna, athlete_id)
    with pytest.raises(EditConflict, match="deleted by someone else"):
        athletes.update_athlete(ben, athlete_id, seen.athlete, expected_version=seen.version)


def test_a_race_keeps_its_uuid_when_the_athlete_is_saved_again(db: Database) -> None:
    race = Race(date=DAY, name="Spring 10k", priority=Priority.A)
    athlete_id = athletes.add_athlete(db, Athlete(name="Maya", races=(race,)))
    before = _race_uuids(db, athlete_id)
    later = Race(date=DAY + dt.timedelta(days=60), name="Summer half", priority=Priority.B)
    athletes.update_athlete(db, athlete_id, Athlete(name="Maya", note="new note", races=(race, later)))
    after = _race_uuids(db, athlete_id)
    assert after["Spring 10k"] == before["Spring 10k"]
    assert len(set(after.values())) == 2


def _race_uuids(db: Database, athlete_id: int) -> dict[str, str]:
    from sqlmodel import select

    from planner.store.tables import RaceRow

    with db.session() as s:
        return {r.name: r.uuid for r in s.exec(select(RaceRow).where(RaceRow.athlete_id == athlete_id))}


def _plan_with(exercise: PlannedExercise) -> Plan:
    session = Session(date=DAY, kind=SessionKind.STRENGTH, title="Strength A", why="Easy day", exercises=(exercise,))
    week = Week(index=1, start=DAY - dt.timedelta(days=1), phase=Phase.OFF_SEASON, sessions=(session,))
    return Plan(athlete="Maya", start=week.start, weeks=(week,))


def test_two_coaches_changing_the_same_dose_the_second_is_refused_and_nothing_is_lost(coaches) -> None:
    anna, ben = coaches
    athlete_id = athletes.add_athlete(anna, Athlete(name="Maya"))
    shown = PlannedExercise("calf-raise", "Calf raise", Dose(sets=3, reps=12))
    plan = _plan_with(shown)
    athletes.save_plan(anna, athlete_id, plan, weeks=1)
    key = plan.weeks[0].sessions[0].key
    annas = replace(shown, dose=Dose(sets=4, reps=12))
    bens = replace(shown, dose=Dose(sets=2, reps=15))

    athletes.change_dose(anna, athlete_id, key, annas, annas, expected=shown)
    with pytest.raises(EditConflict, match=r"Calf raise.*changed by anna"):
        athletes.change_dose(ben, athlete_id, key, bens, bens, expected=shown)

    assert athletes.dose_edits(ben, athlete_id)[(key, "calf-raise")] == annas
    assert athletes.load_plan(ben, athlete_id).weeks[0].sessions[0].exercises[0] == annas


def test_an_exercise_edit_over_another_coachs_edit_is_refused(coaches) -> None:
    anna, ben = coaches
    opened = get_exercise(ben, "side-lying-clamshell")
    update_exercise(anna, replace(opened, cues=("anna's cue",)), expected=opened)
    with pytest.raises(EditConflict, match="changed by anna"):
        update_exercise(ben, replace(opened, cues=("ben's cue",)), expected=opened)
    assert get_exercise(ben, "side-lying-clamshell").cues == ("anna's cue",)


def test_an_undo_never_writes_over_a_newer_edit_of_someone_else(coaches) -> None:
    anna, ben = coaches
    before = get_exercise(anna, "side-lying-clamshell")
    saved = update_exercise(anna, replace(before, cues=("anna's cue",)), expected=before)
    update_exercise(ben, replace(saved, cues=("ben's cue",)), expected=saved)
    with pytest.raises(EditConflict, match="changed by ben"):
        restore_exercise(anna, before, expected=saved)  # anna's Ctrl+Z
    assert get_exercise(anna, "side-lying-clamshell").cues == ("ben's cue",)


def test_every_save_moves_the_rows_version_on(db: Database) -> None:
    athlete_id = athletes.add_athlete(db, Athlete(name="Maya"))
    first = athletes.get_athlete(db, athlete_id).version
    athletes.update_athlete(db, athlete_id, Athlete(name="Maya", note="x"))
    assert athletes.get_athlete(db, athlete_id).version == first + 1
