"""Doses rise inside a block, deload every 4th off-season week, a light taper, and the heavy slow
resistance schedule for patellar tendon pain."""

from __future__ import annotations

import datetime as dt
import itertools

from planner.domain.athlete import DAYS, Athlete, DayKind, Phase, Priority, Race
from planner.domain.exercise import DOSE_LIMITS, Dose
from planner.domain.plan import PlannedExercise, SessionKind
from planner.domain.progression import (
    HEAVY,
    HEAVY_SLOW_REP_MAX,
    HIP,
    HOLD,
    LOAD_NOTE,
    TIMED,
    WeekLoad,
    cap_strength_sets,
    corrective_dose,
    dose_kind,
    exercise_level,
    fit_minutes,
    progressed_dose,
    progression,
    week_loads,
)
from planner.domain.scheduling import build_plan
from planner.domain.session_content import CORRECTIVE_MINUTES
from tests.domain.test_scheduling_properties import clamshell_program, running_week, small_library

START = dt.date(2027, 1, 4)
ZOE_WEEK = {
    "mon": DayKind.REST,
    "tue": DayKind.QUALITY,
    "wed": DayKind.EASY,
    "thu": DayKind.QUALITY,
    "fri": DayKind.REST,
    "sat": DayKind.LONG,
    "sun": DayKind.EASY,
}


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
    for base in (
        Dose(sets=3, reps=8, each_side=True),
        Dose(sets=3, hold_s=20),
        Dose(sets=2, duration_s=60),
        Dose(sets=3, reps=15, hold_s=3),
    ):
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
    athlete = Athlete(name="R", week=ZOE_WEEK, races=(Race(START + dt.timedelta(days=7 * 11 + 6), "M", Priority.A),))
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
        s for s in sessions if s.kind is SessionKind.MOBILITY
    ]


def _heavy_slow(plan):
    return [
        [e for s in w.sessions if s.kind is SessionKind.CORRECTIVE for e in s.exercises if e.id == "heavy-slow-squat"]
        for w in plan.weeks
    ]


def test_heavy_slow_resistance_follows_the_12_week_schedule_three_times_a_week():
    # Heavy slow squats go on rest or easy days with nothing hard the next day (issue #12): a week of
    # easy running leaves room for all three.
    athlete = Athlete(name="R", week=dict.fromkeys(DAYS, DayKind.EASY), equipment=frozenset({"machine"}))
    plan = build_plan(athlete, small_library(), start=START, weeks=12, program=clamshell_program(3, heavy_slow=True))
    weekly = _heavy_slow(plan)
    assert [len(w) for w in weekly] == [3] * 12
    assert [w[0].dose.reps for w in weekly] == list(HEAVY_SLOW_REP_MAX)
    assert list(HEAVY_SLOW_REP_MAX) == [15, 12, 12, 10, 10, 8, 8, 8, 6, 6, 6, 6]
    assert all(e.dose.sets == 4 and e.dose.tempo == "3-0-3" for w in weekly for e in w)
    assert not any(e.id == "heavy-slow-squat" for w in plan.weeks for s in w.strength_sessions() for e in s.exercises)
    assert plan.warnings == ()


def test_heavy_slow_resistance_without_the_equipment_is_a_warning():
    athlete = Athlete(name="R", week=ZOE_WEEK)
    plan = build_plan(athlete, small_library(), start=START, weeks=4, program=clamshell_program(3, heavy_slow=True))
    assert not any(_heavy_slow(plan))
    assert any(w.startswith("Week 1: heavy slow resistance squats need") for w in plan.warnings)


def test_no_heavy_slow_squats_in_race_week_or_recovery():
    athlete = Athlete(
        name="R",
        week=dict.fromkeys(DAYS, DayKind.EASY),
        equipment=frozenset({"machine"}),
        races=(Race(START + dt.timedelta(days=7 * 3 + 6), "M", Priority.A),),
    )
    plan = build_plan(athlete, small_library(), start=START, weeks=5, program=clamshell_program(4, heavy_slow=True))
    race_week = next(i for i, w in enumerate(plan.weeks) if w.phase is Phase.RACE_WEEK)
    assert _heavy_slow(plan)[race_week] == []
    assert plan.warnings_for(race_week + 1)
    recovery = race_week + 1
    assert _heavy_slow(plan)[recovery] == []


# --- How a coach progresses doses, and sessions that fit a runner's week ------------------------


def test_heavy_single_leg_work_climbs_8_10_12_then_load_then_one_set():
    base = Dose(sets=3, reps=8, each_side=True, rest_s=90)
    steps = [progression(base, level, kind=HEAVY, offset=0) for level in range(5)]
    assert [(d.sets, d.reps) for d, _ in steps] == [(3, 8), (3, 10), (3, 12), (3, 12), (4, 12)]
    assert [note == LOAD_NOTE for _, note in steps] == [False, False, False, True, True]
    assert "about 5 %" in LOAD_NOTE


def test_the_offset_staggers_the_week_a_set_is_added():
    base = Dose(sets=3, reps=8, each_side=True)
    first = [progressed_dose(base, level, kind=HEAVY, offset=0).sets for level in range(5)]
    second = [progressed_dose(base, level, kind=HEAVY, offset=1).sets for level in range(5)]
    assert first.index(4) != second.index(4)


def test_hip_work_goes_up_to_20_reps_then_a_set():
    base = Dose(sets=3, reps=15, each_side=True, rest_s=45)
    doses = [progressed_dose(base, level, kind=HIP) for level in range(5)]
    assert [(d.sets, d.reps) for d in doses] == [(3, 15), (3, 17), (3, 19), (3, 20), (4, 20)]


def test_side_bridge_holds_go_20_30_45_seconds():
    base = Dose(sets=3, hold_s=20, each_side=True, rest_s=45)
    assert dose_kind(base) == HOLD
    doses = [progressed_dose(base, level) for level in range(4)]
    assert [(d.sets, d.hold_s) for d in doses] == [(3, 20), (3, 30), (3, 45), (4, 45)]


def test_one_variable_changes_at_a_time_on_every_ladder():
    for base, kind in (
        (Dose(sets=3, reps=8, each_side=True), HEAVY),
        (Dose(sets=2, reps=15), HIP),
        (Dose(sets=3, hold_s=20), HOLD),
        (Dose(sets=2, duration_s=60), TIMED),
        (Dose(sets=3, reps=15, hold_s=3), HIP),
    ):
        for offset, maintenance in ((None, False), (0, False), (1, False), (None, True)):
            doses = [
                progressed_dose(base, level, kind=kind, offset=offset, maintenance=maintenance) for level in range(12)
            ]
            for a, b in itertools.pairwise(doses):
                changed = [a.sets != b.sets, a.reps != b.reps, a.hold_s != b.hold_s, a.duration_s != b.duration_s]
                assert sum(changed) <= 1, (a, b)
            for a, b in zip(doses, doses[2:], strict=False):
                assert a != b  # a rise at least every other level


def test_a_missed_week_never_skips_a_rung():
    assert [exercise_level(week_level, 0) for week_level in (0, 1, 2, 3)] == [0, 1, 1, 1]
    assert exercise_level(2, None) == 2  # not done yet in the block: the week's level
    assert exercise_level(1, 3) == 1  # never above the week's level


def test_an_exercise_back_after_a_missed_week_changes_one_thing_only():
    # A C race on Thursday of week 2 leaves room for Strength A only: session B's single-leg squat misses a week.
    athlete = Athlete(
        name="Runner",
        week=running_week("rest", "rest", "quality", "rest", "rest", "quality", "rest"),
        equipment=frozenset({"band", "step", "dumbbell", "kettlebell", "barbell", "machine"}),
        races=(Race(START + dt.timedelta(days=10), "Race 1", Priority.C),),
    )
    plan = build_plan(athlete, small_library(), start=START, weeks=3)
    squat = [
        [(e.dose.sets, e.dose.reps) for s in w.strength_sessions() for e in s.exercises if e.id == "single-leg-squat"]
        for w in plan.weeks
    ]
    assert squat == [[(2, 10)], [], [(2, 12)]]  # 10 -> 12 reps, the same 2 sets: not 3 x 12


def test_fit_minutes_trims_the_least_important_exercise_first():
    exercises = [PlannedExercise(f"e{i}", f"E{i}", Dose(sets=3, reps=10, each_side=True, rest_s=60)) for i in range(5)]
    full = sum(e.dose.minutes() for e in exercises)
    fitted = fit_minutes(exercises, full - 1)
    assert [e.dose.sets for e in fitted] == [3, 3, 3, 3, 2]
    fitted = fit_minutes(exercises, 25)
    assert sum(e.dose.minutes() for e in fitted) <= 25
    assert [e.id for e in fitted] == [e.id for e in exercises[: len(fitted)]]
    assert all(e.dose.sets >= 2 for e in fitted)


def _zoe_like_plan(weeks: int = 24):
    from planner.store.seed import builtin_exercises

    athlete = Athlete(
        name="Z",
        week=ZOE_WEEK,
        equipment=frozenset({"band", "step", "dumbbell", "foam_roller", "mat", "wall"}),
        races=(Race(dt.date(2027, 3, 7), "Half", Priority.B), Race(dt.date(2027, 4, 18), "Marathon", Priority.A)),
    )
    return athlete, build_plan(athlete, list(builtin_exercises()), start=dt.date(2026, 11, 16), weeks=weeks)


def test_a_marathon_season_fits_each_phase_time_and_session_size():
    _, plan = _zoe_like_plan()
    limits = {Phase.OFF_SEASON: (45, 5), Phase.PRE_SEASON: (40, 5), Phase.IN_SEASON: (30, 4), Phase.TAPER: (20, 3)}
    for week in plan.weeks:
        for s in week.strength_sessions():
            minutes, size = limits[week.phase]
            assert s.minutes() <= minutes
            assert len(s.exercises) <= size
            assert all(e.dose.sets <= 4 for e in s.exercises)
    assert any(LOAD_NOTE in e.notes for w in plan.weeks for s in w.strength_sessions() for e in s.exercises)


def test_race_week_runs_easy_before_the_marathon():
    _, plan = _zoe_like_plan()
    race_week = next(w for w in plan.weeks if w.phase is Phase.RACE_WEEK)
    assert race_week.runs == {
        "mon": "rest",
        "tue": "easy",
        "wed": "easy",
        "thu": "easy",
        "fri": "rest",
        "sat": "easy",
        "sun": "race",
    }
    other = next(w for w in plan.weeks if w.phase is Phase.IN_SEASON and not w.race)
    assert other.runs == {day: kind.value for day, kind in ZOE_WEEK.items()}


def test_corrective_doses_start_at_the_wizards_and_rise_slowly():
    clam = Dose(sets=3, reps=15, each_side=True, rest_s=45)
    assert [corrective_dose(clam, week).reps for week in range(1, 8)] == [15, 15, 17, 17, 19, 19, 20]
    bridge = Dose(sets=3, hold_s=20, each_side=True)
    assert [corrective_dose(bridge, week).hold_s for week in range(1, 6)] == [20, 20, 25, 25, 30]
    wall = Dose(sets=4, hold_s=15, each_side=True, rest_s=30)
    holds = [corrective_dose(wall, week, exercise_id="isometric-hip-abduction-wall").hold_s for week in range(1, 7)]
    assert holds == [15, 15, 30, 30, 30, 30]
    step_down = Dose(sets=3, reps=5, each_side=True)
    assert corrective_dose(step_down, 40, tags=("heavy",)).reps == 12
    assert all(corrective_dose(clam, week).sets == 3 for week in range(1, 30))


def test_the_corrective_routine_holds_its_dose_in_race_week_and_recovery():
    athlete = Athlete(name="R", week=ZOE_WEEK, races=(Race(START + dt.timedelta(days=7 * 4 + 6), "M", Priority.A),))
    program = clamshell_program(3)
    # The corrective block runs 6 weeks from the check (here the plan's start), then asks for a re-check.
    plan = build_plan(athlete, small_library(), start=START, weeks=6, program=program)
    reps = []
    for week in plan.weeks:
        doses = {
            e.dose.reps
            for s in week.sessions
            if s.kind is SessionKind.CORRECTIVE
            for e in s.exercises
            if e.id == "side-lying-clamshell"
        }
        assert len(doses) == 1
        reps.append(doses.pop())
        for s in week.sessions:
            if s.kind is SessionKind.CORRECTIVE:
                assert s.minutes() <= CORRECTIVE_MINUTES
    assert plan.weeks[0].sessions and reps[0] == program.exercises[0].dose.reps
    phases = [w.phase for w in plan.weeks]
    assert phases[4:6] == [Phase.RACE_WEEK, Phase.RECOVERY]
    assert reps[4] == reps[5] == reps[3]
    assert reps == sorted(reps)
