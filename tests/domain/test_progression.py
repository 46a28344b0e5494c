"""Doses rise inside a block, deload every 4th off-season week, a light taper, and the heavy slow
resistance schedule for patellar tendon pain."""

from __future__ import annotations

import datetime as dt
import itertools

from planner.domain.athlete import DAYS, Athlete, DayKind, Phase, Priority, Race
from planner.domain.exercise import DOSE_LIMITS, Dose
from planner.domain.plan import SessionKind
from planner.domain.progression import (
    HEAVY_SLOW_REP_MAX,
    WeekLoad,
    cap_strength_sets,
    progressed_dose,
    week_loads,
)
from planner.domain.scheduling import build_plan
from tests.domain.test_scheduling_properties import clamshell_program, small_library

START = dt.date(2027, 1, 4)
ZOE_WEEK = {"mon": DayKind.REST, "tue": DayKind.QUALITY, "wed": DayKind.EASY, "thu": DayKind.QUALITY,
            "fri": DayKind.REST, "sat": DayKind.LONG, "sun": DayKind.EASY}


def test_every_fourth_off_season_week_is_a_deload():
    loads = week_loads([Phase.OFF_SEASON] * 12)
    assert [w.deload for w in loads] == [False, False, False, True] * 3


def test_off_season_loading_climbs_in_waves():
    loads = week_loads([Phase.OFF_SEASON] * 12)
    assert [w.level for w in loads if not w.deload] == [0, 1, 2, 1, 2, 3, 2, 3, 4]


def test_a_new_phase_starts_a_new_block():
    loads = week_loads([Phase.OFF_SEASON] * 3 + [Phase.PRE_SEASON] * 2)
    assert loads[3:] == [WeekLoad(0), WeekLoad(1)]


def test_a_progressed_dose_never_falls_and_rises_every_step():
    for base in (Dose(sets=3, reps=8, each_side=True), Dose(sets=3, hold_s=20), Dose(sets=2, duration_s=60),
                 Dose(sets=3, reps=15, hold_s=3)):
        doses = [progressed_dose(base, level) for level in range(12)]
        for a, b in itertools.pairwise(doses):
            before = (a.sets, a.reps or 0, a.hold_s or 0, a.duration_s or 0)
            after = (b.sets, b.reps or 0, b.hold_s or 0, b.duration_s or 0)
            assert all(x <= y for x, y in zip(before, after, strict=True))
            assert before != after


def test_progression_respects_the_dose_limits():
    dose = progressed_dose(Dose(sets=20, reps=195), 50)
    assert dose.sets <= DOSE_LIMITS["sets"][1]
    assert dose.reps <= DOSE_LIMITS["reps"][1]


def test_in_season_maintenance_keeps_the_sets():
    assert progressed_dose(Dose(sets=3, reps=10), 4, maintenance=True).sets == 3


def test_deload_weeks_keep_at_most_70_percent_of_the_week_before():
    plan = build_plan(Athlete(name="R", week=ZOE_WEEK), small_library(), start=START, weeks=12)
    for before, week in zip(plan.weeks, plan.weeks[1:], strict=False):
        if week.deload:
            assert 0 < week.strength_sets() <= 0.7 * before.strength_sets()
    assert [w.index for w in plan.weeks if w.deload] == [4, 8, 12]


def test_the_taper_keeps_at_most_60_percent_of_the_last_in_season_week():
    athlete = Athlete(name="R", week=ZOE_WEEK, races=(Race(START + dt.timedelta(days=7 * 11 + 6), "M",
                                                           Priority.A),))
    plan = build_plan(athlete, small_library(), start=START, weeks=12)
    taper = next(w for w in plan.weeks if w.phase is Phase.TAPER)
    last_in_season = [w for w in plan.weeks if w.phase is Phase.IN_SEASON][-1]
    assert len(taper.strength_sessions()) == 1
    assert taper.strength_sets() <= 0.6 * last_in_season.strength_sets()
    session = taper.strength_sessions()[0]
    assert "no sets to failure" in session.why
    assert all("no sets to failure" in e.notes for e in session.exercises)


def test_cap_strength_sets_trims_sets_then_exercises():
    plan = build_plan(Athlete(name="R", week=ZOE_WEEK), small_library(), start=START, weeks=1)
    sessions = list(plan.weeks[0].sessions)
    capped = cap_strength_sets(sessions, 4)
    assert sum(s.strength_sets() for s in capped if s.kind is SessionKind.STRENGTH) <= 4
    assert [s for s in capped if s.kind is SessionKind.MOBILITY] == [
        s for s in sessions if s.kind is SessionKind.MOBILITY]


def _heavy_slow(plan):
    return [[e for s in w.sessions if s.kind is SessionKind.CORRECTIVE for e in s.exercises
             if e.id == "heavy-slow-squat"] for w in plan.weeks]


def test_heavy_slow_resistance_follows_the_12_week_schedule_three_times_a_week():
    athlete = Athlete(name="R", week=ZOE_WEEK, equipment=frozenset({"machine"}))
    plan = build_plan(athlete, small_library(), start=START, weeks=12,
                      program=clamshell_program(3, heavy_slow=True))
    weekly = _heavy_slow(plan)
    assert [len(w) for w in weekly] == [3] * 12
    assert [w[0].dose.reps for w in weekly] == list(HEAVY_SLOW_REP_MAX)
    assert all(e.dose.sets == 4 and e.dose.tempo == "3-0-3" for w in weekly for e in w)
    assert not any(e.id == "heavy-slow-squat" for w in plan.weeks for s in w.strength_sessions()
                   for e in s.exercises)
    assert plan.warnings == ()


def test_heavy_slow_resistance_without_the_equipment_is_a_warning():
    athlete = Athlete(name="R", week=ZOE_WEEK)
    plan = build_plan(athlete, small_library(), start=START, weeks=4, program=clamshell_program(3, heavy_slow=True))
    assert not any(_heavy_slow(plan))
    assert any(w.startswith("Week 1: heavy slow resistance squats need") for w in plan.warnings)


def test_no_heavy_slow_squats_in_race_week_or_recovery():
    athlete = Athlete(name="R", week=dict.fromkeys(DAYS, DayKind.EASY), equipment=frozenset({"machine"}),
                      races=(Race(START + dt.timedelta(days=7 * 3 + 6), "M", Priority.A),))
    plan = build_plan(athlete, small_library(), start=START, weeks=5, program=clamshell_program(4, heavy_slow=True))
    race_week = next(i for i, w in enumerate(plan.weeks) if w.phase is Phase.RACE_WEEK)
    assert _heavy_slow(plan)[race_week] == []
    assert plan.warnings_for(race_week + 1)
    recovery = race_week + 1
    assert _heavy_slow(plan)[recovery] == []
