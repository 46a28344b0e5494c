"""Two coaches and one athlete's check and plan: recording a symptom check over another coach's newer check, and
saving a (re)built plan over a plan another coach saved after this one asked, are refused (EditConflict, nothing
written). The coach's own saves in between are not a conflict. SQLite file and PostgreSQL server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from planner.domain.athlete import Athlete, Phase
from planner.domain.conflict import EditConflict
from planner.domain.exercise import Dose
from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week
from planner.store import athletes
from planner.store.database import Database, open_database
from planner.store.plans import save_built_plan

DAY = dt.date(2027, 1, 4)
CALF = PlannedExercise("calf-raise", "Calf raise", Dose(sets=3, reps=12))
ITBS = {"region": ["knee_outer"], "pain_now": 3}


def plan_with(exercise: PlannedExercise) -> Plan:
    session = Session(date=DAY, kind=SessionKind.STRENGTH, title="Strength A", why="Easy day", exercises=(exercise,))
    return Plan(
        athlete="Maya", start=DAY, weeks=(Week(index=1, start=DAY, phase=Phase.OFF_SEASON, sessions=(session,)),)
    )


@pytest.fixture
def coaches(db_url: str) -> Iterator[tuple[Database, Database, int]]:
    anna = open_database(db_url)
    ben = open_database(db_url)
    anna.who, ben.who = "anna", "ben"
    athlete_id = athletes.add_athlete(anna, Athlete(name="Maya", note="start"))
    athletes.save_plan(anna, athlete_id, plan_with(CALF), weeks=1)
    yield anna, ben, athlete_id
    anna.close()
    ben.close()


def test_a_check_recorded_over_another_coachs_newer_check_is_refused(coaches) -> None:
    anna, ben, athlete_id = coaches
    athletes.set_wizard_answers(ben, athlete_id, {"pain_now": 8}, DAY, expected=(None, None))
    with pytest.raises(EditConflict, match="symptom check of 'Maya' was changed by ben"):
        athletes.set_wizard_answers(anna, athlete_id, ITBS, DAY, expected=(None, None))
    assert athletes.get_athlete(anna, athlete_id).athlete.wizard_answers == {"pain_now": 8}


def test_recording_a_check_keeps_what_another_coach_changed_in_the_athlete(coaches) -> None:
    anna, ben, athlete_id = coaches
    bens = athletes.get_athlete(ben, athlete_id)
    athletes.update_athlete(ben, athlete_id, replace(bens.athlete, note="ben's note"), expected_version=bens.version)
    athletes.set_wizard_answers(anna, athlete_id, ITBS, DAY, expected=(None, None))
    saved = athletes.get_athlete(ben, athlete_id).athlete
    assert (saved.note, saved.wizard_answers, saved.wizard_checked_on) == ("ben's note", ITBS, DAY)


def test_a_plan_saved_over_another_coachs_newer_plan_is_refused(coaches) -> None:
    anna, ben, athlete_id = coaches
    asked = athletes.plan_version(anna, athlete_id)  # anna presses Regenerate; her plan is being built
    athletes.save_plan(ben, athlete_id, plan_with(replace(CALF, dose=Dose(sets=2, reps=15))), weeks=1)
    with pytest.raises(EditConflict, match="plan of 'Maya' was changed by ben"):
        athletes.save_plan(anna, athlete_id, plan_with(CALF), weeks=1, expected_version=asked)
    assert athletes.load_plan(anna, athlete_id).weeks[0].sessions[0].exercises[0].dose == Dose(sets=2, reps=15)


def test_the_coachs_own_save_meanwhile_is_not_a_conflict(coaches) -> None:
    anna, _ben, athlete_id = coaches
    asked = athletes.plan_version(anna, athlete_id)
    key = plan_with(CALF).weeks[0].sessions[0].key
    annas = replace(CALF, dose=Dose(sets=4, reps=12))
    athletes.change_dose(anna, athlete_id, key, annas, annas, expected=CALF)  # her own dose edit during the build
    version = athletes.save_plan(anna, athlete_id, plan_with(CALF), weeks=1, expected_version=asked)
    assert version == athletes.plan_version(anna, athlete_id) == asked + 2


def test_resetting_edits_over_another_coachs_newer_dose_forgets_nothing(coaches) -> None:
    anna, ben, athlete_id = coaches
    asked = athletes.plan_version(anna, athlete_id)
    key = plan_with(CALF).weeks[0].sessions[0].key
    bens = replace(CALF, dose=Dose(sets=2, reps=15))
    athletes.change_dose(ben, athlete_id, key, bens, bens, expected=CALF)
    with pytest.raises(EditConflict, match="changed by ben"):
        save_built_plan(anna, athlete_id, plan_with(CALF), keep_edits=False, expected_version=asked)
    assert athletes.dose_edits(anna, athlete_id) == {(key, "calf-raise"): bens}
