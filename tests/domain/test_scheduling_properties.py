"""Property tests: for random running weeks, race calendars and equipment, every scheduling rule of
the interface spec holds, or a `Week N:` warning says why it could not."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from planner.domain.athlete import DAYS, Athlete, DayKind, Phase, Priority, Race
from planner.domain.exercise import EQUIPMENT, Category, Dose, Exercise
from planner.domain.placement import STRENGTH_PER_WEEK
from planner.domain.plan import CorrectiveProgram, Plan, PlannedExercise, SessionKind
from planner.domain.scheduling import build_plan
from planner.domain.session_content import (
    CORRECTIVE_MINUTES,
    MOBILITY_MINUTES,
    STRENGTH_MINUTES,
    strength_order,
)

START = dt.date(2027, 1, 4)  # a Monday


def _ex(
    ex_id: str,
    category: Category,
    tags: tuple[str, ...],
    equipment: tuple[str, ...] = (),
    dose: Dose | None = None,
    targets: tuple[str, ...] = (),
) -> Exercise:
    return Exercise(
        id=ex_id,
        name=ex_id.replace("-", " ").capitalize(),
        category=category,
        dose=dose or Dose(sets=3, reps=10, each_side=True, rest_s=60),
        tags=tags,
        equipment=equipment,
        targets=targets,
    )


def small_library() -> list[Exercise]:
    """A small library shaped like the built-in one: heavy, maintenance, activation, stretch,
    foam-roll, isometric and gait work, some needing equipment."""
    hold = Dose(sets=2, hold_s=30, each_side=True, rest_s=15)
    roll = Dose(sets=2, duration_s=60, each_side=True, rest_s=15)
    return [
        _ex("single-leg-rdl", Category.STRENGTH, ("heavy", "maintenance"), targets=("glute_max",)),
        _ex("single-leg-squat", Category.STRENGTH, ("heavy", "maintenance"), targets=("quadriceps",)),
        _ex("side-step-up", Category.STRENGTH, ("heavy", "maintenance"), ("step",), targets=("glute_med",)),
        _ex("bulgarian-split-squat", Category.STRENGTH, ("heavy",), ("bench",), targets=("quadriceps",)),
        _ex("goblet-squat", Category.STRENGTH, ("heavy",), ("dumbbell",), targets=("quadriceps",)),
        _ex(
            "heavy-slow-squat",
            Category.STRENGTH,
            ("heavy",),
            ("machine",),
            Dose(sets=4, reps=15, rest_s=150, tempo="3-0-3"),
            targets=("quadriceps",),
        ),
        _ex(
            "side-lying-clamshell",
            Category.STRENGTH,
            ("activation", "maintenance"),
            dose=Dose(sets=3, reps=15, each_side=True, rest_s=45),
            targets=("glute_med",),
        ),
        _ex(
            "lateral-band-walk",
            Category.STRENGTH,
            ("activation", "maintenance"),
            ("band",),
            dose=Dose(sets=3, reps=15, each_side=True, rest_s=45),
            targets=("glute_med",),
        ),
        _ex(
            "glute-bridge",
            Category.STRENGTH,
            ("activation", "maintenance"),
            dose=Dose(sets=3, reps=15, rest_s=45),
            targets=("glute_max",),
        ),
        _ex(
            "side-bridge",
            Category.ISOMETRIC,
            ("maintenance",),
            dose=Dose(sets=3, hold_s=20, each_side=True, rest_s=45),
            targets=("core",),
        ),
        _ex("spanish-squat", Category.ISOMETRIC, ("isometric",), ("wall",), Dose(sets=5, hold_s=30, rest_s=90)),
        _ex("figure-4-stretch", Category.MOBILITY, ("stretch",), dose=hold),
        _ex("hamstring-stretch", Category.MOBILITY, ("stretch",), ("strap",), hold),
        _ex("runners-lunge-stretch", Category.MOBILITY, ("stretch",), dose=hold),
        _ex("foam-roll-quads", Category.FOAM_ROLL, ("foam_roll",), ("foam_roller",), roll),
        _ex("cadence-drill", Category.GAIT, ("gait",), ("metronome",), Dose(sets=1, duration_s=600)),
    ]


def clamshell_program(frequency: int = 3, *, heavy_slow: bool = False) -> CorrectiveProgram:
    return CorrectiveProgram(
        frequency_per_week=frequency,
        exercises=(
            PlannedExercise(
                "side-lying-clamshell", "Side-lying clamshell", Dose(sets=3, reps=15, each_side=True, rest_s=45)
            ),
            PlannedExercise("side-bridge", "Side bridge", Dose(sets=3, hold_s=20, each_side=True)),
        ),
        conditions=("patellar_tendinopathy",) if heavy_slow else ("itbs",),
        heavy_slow_resistance=heavy_slow,
    )


def warned(plan: Plan, index: int) -> bool:
    return bool(plan.warnings_for(index))


def check_every_rule(athlete: Athlete, plan: Plan, library: list[Exercise], program: CorrectiveProgram | None) -> None:
    """Assert every scheduling rule of the interface spec on `plan`."""
    from planner.domain.week_suggestions import suggested_runs, with_suggestions

    # The rules hold for the weeks as planned: the usual week with its default suggestions (#13 item 8).
    athlete = with_suggestions(athlete, suggested_runs(athlete, plan.start, len(plan.weeks)))
    by_id = {e.id: e for e in library}
    strength_dates = sorted(s.date for w in plan.weeks for s in w.strength_sessions())
    a_races = [r.date for r in athlete.races if r.priority is Priority.A]
    for day in strength_dates:
        assert athlete.race_on(day) is None
        tomorrow = day + dt.timedelta(days=1)
        assert athlete.race_on(tomorrow) is None
        assert athlete.day_kind(tomorrow) not in (DayKind.QUALITY, DayKind.LONG)
        assert day - dt.timedelta(days=1) not in strength_dates
        assert not any(0 < (race - day).days <= 9 for race in a_races)
    for week in plan.weeks:
        assert week.start.weekday() == 0
        strength = week.strength_sessions()
        wanted = STRENGTH_PER_WEEK[week.phase]
        if week.phase is Phase.IN_SEASON and week.race:
            wanted = 1
        assert len(strength) <= wanted
        if len(strength) < wanted:
            assert warned(plan, week.index), f"week {week.index} short of strength with no warning"
        for session in strength:
            if athlete.day_kind(session.date) in (DayKind.QUALITY, DayKind.LONG):
                assert "after the" in session.why.lower()
            assert session.why
        assert [s for s in week.sessions if s.kind is SessionKind.MOBILITY], f"week {week.index} lacks mobility"
        correctives = [s for s in week.sessions if s.kind is SessionKind.CORRECTIVE]
        if program is None or week.start >= plan.recheck_due:
            # Issue #12: after its block the routine is not repeated; the plan asks for a re-check.
            assert not correctives
        else:
            assert len(correctives) == program.frequency_per_week
            assert len({s.date for s in correctives}) == len(correctives)
            assert all(athlete.race_on(s.date) is None for s in correctives)
        for session in week.sessions:
            assert len({(s.kind, s.title) for s in week.sessions_on(session.date)}) == len(
                week.sessions_on(session.date)
            )
            for ex in session.exercises:
                assert ex.dose.sets >= 1
                assert ex.dose.reps or ex.dose.hold_s or ex.dose.duration_s
                if ex.id in by_id:
                    assert by_id[ex.id].needs(athlete.equipment), f"{ex.id} needs equipment the athlete lacks"
    for before, week in zip(plan.weeks, plan.weeks[1:], strict=False):
        if week.deload:
            assert week.phase is Phase.OFF_SEASON
            assert week.strength_sets() <= math.floor(0.7 * before.strength_sets())
    last_in_season = None
    for week in plan.weeks:
        if week.phase is Phase.IN_SEASON:
            last_in_season = week.strength_sets()
        if week.phase is Phase.TAPER and last_in_season is not None:
            assert week.strength_sets() <= 0.6 * last_in_season
    for warning in plan.warnings:
        assert warning.startswith("Week ")
    if program is not None:
        assert (plan.recheck_due - plan.start).days in (6 * 7, 12 * 7)
    check_session_minutes(plan)
    check_strength_order(plan, by_id)
    check_race_week_runs(athlete, plan)
    check_progression(plan)


def session_cap(phase: Phase, kind: SessionKind) -> float:
    if kind is SessionKind.STRENGTH:
        return STRENGTH_MINUTES[phase]
    return CORRECTIVE_MINUTES if kind is SessionKind.CORRECTIVE else MOBILITY_MINUTES


def check_session_minutes(plan: Plan) -> None:
    """Every session fits a runner's week: strength by phase, corrective 25 min, mobility 20 min."""
    for week in plan.weeks:
        for s in week.sessions:
            assert s.minutes() <= session_cap(week.phase, s.kind), (
                f"week {week.index} {s.title} ({week.phase}) runs {s.minutes():.1f} min"
            )


def check_strength_order(plan: Plan, by_id: dict[str, Exercise]) -> None:
    """Heavy single-leg work first, hip work next, core and isometric holds last."""
    for week in plan.weeks:
        for s in week.strength_sessions():
            ranks = [strength_order(by_id[e.id]) for e in s.exercises if e.id in by_id]
            assert ranks == sorted(ranks), f"week {week.index} {s.title} out of order: {ranks}"


def check_race_week_runs(athlete: Athlete, plan: Plan) -> None:
    """In race week the race is the hard run: no quality or long day, and the day before an A race
    is an easy shake-out."""
    for week in plan.weeks:
        if week.phase is not Phase.RACE_WEEK:
            continue
        assert set(week.runs) == set(DAYS)
        assert not {"quality", "long"}.intersection(week.runs.values()), week.runs
        for i, day in enumerate(DAYS):
            date = week.start + dt.timedelta(days=i)
            race = athlete.race_on(date + dt.timedelta(days=1))
            if race is not None and race.priority is Priority.A and athlete.race_on(date) is None:
                assert week.runs[day] == "easy"


def check_progression(plan: Plan) -> None:
    """Between deloads, inside a run of same-phase weeks, a repeated exercise's dose never falls and
    rises at least once in any three weeks it appears in a row."""
    runs: list[list] = []
    for week in plan.weeks:
        if week.phase in (Phase.TAPER, Phase.RACE_WEEK, Phase.RECOVERY):
            runs.append([])
            continue
        if not runs or not runs[-1] or runs[-1][-1].phase is not week.phase or week.deload:
            runs.append([])
        if not week.deload:
            runs[-1].append(week)
    for run in runs:
        history: dict[str, list[tuple[int, int, int, int]]] = {}
        for week in run:
            seen: dict[str, tuple[int, int, int, int]] = {}
            for s in week.strength_sessions():
                for e in s.exercises:
                    d = e.dose
                    seen[e.id] = (d.sets, d.reps or 0, d.hold_s or 0, d.duration_s or 0)
            for ex_id, dose in seen.items():
                history.setdefault(ex_id, []).append(dose)
        for doses in history.values():
            for a, b in itertools.pairwise(doses):
                assert all(x <= y for x, y in zip(a, b, strict=True)), f"dose fell: {a} -> {b}"
                assert sum(x != y for x, y in zip(a, b, strict=True)) <= 1, f"two things changed: {a} -> {b}"
            for i in range(len(doses) - 2):
                assert doses[i] != doses[i + 2], f"no rise in three weeks: {doses[i : i + 3]}"
        check_sets_staggered(run)


def check_sets_staggered(run: list) -> None:
    """From one week to the next, a session's exercises never all add a set at once."""
    for before, week in itertools.pairwise(run):
        earlier = {s.title: {e.id: e.dose.sets for e in s.exercises} for s in before.strength_sessions()}
        for s in week.strength_sessions():
            previous = earlier.get(s.title, {})
            shared = [e for e in s.exercises if e.id in previous]
            if len(shared) >= 2:
                assert not all(e.dose.sets > previous[e.id] for e in shared), (
                    f"week {week.index} {s.title}: every exercise added a set"
                )


day_kinds = st.sampled_from(list(DayKind))
weeks_pattern = st.lists(day_kinds, min_size=7, max_size=7).map(lambda kinds: dict(zip(DAYS, kinds, strict=True)))
races = st.lists(st.tuples(st.integers(0, 26 * 7), st.sampled_from(list(Priority))), max_size=3).map(
    lambda items: tuple(
        sorted(
            (Race(START + dt.timedelta(days=d), f"Race {i + 1}", p) for i, (d, p) in enumerate(items)),
            key=lambda r: r.date,
        )
    )
)
equipment = st.frozensets(st.sampled_from(EQUIPMENT))


def running_week(*kinds: str) -> dict[str, DayKind]:
    """A running week from its day kinds, Monday to Sunday."""
    return dict(zip(DAYS, (DayKind(k) for k in kinds), strict=True))


def c_race(days_after_start: int) -> tuple[Race, ...]:
    return (Race(START + dt.timedelta(days=days_after_start), "Race 1", Priority.C),)


@settings(max_examples=60, deadline=None)
# Counterexamples once found by chance (1 seed in 6), kept so every run tries them: a C race leaves a week room
# for one strength session, so session B's exercises miss that week; they used to come back two rungs up, two
# things changed at once: (2 sets, 10 reps) -> (3, 12), and (2, 19) -> (3, 20).
@example(
    week=running_week("rest", "rest", "quality", "rest", "rest", "quality", "rest"),
    race_calendar=c_race(10),
    owned=frozenset({"band", "step", "dumbbell", "kettlebell", "barbell", "machine"}),
    weeks=3,
    with_program=False,
    frequency=3,
    heavy_slow=False,
)
@example(
    week=running_week("quality", "rest", "quality", "quality", "quality", "rest", "rest"),
    race_calendar=c_race(63),
    owned=frozenset({"band"}),
    weeks=11,
    with_program=False,
    frequency=3,
    heavy_slow=False,
)
@given(
    week=weeks_pattern,
    race_calendar=races,
    owned=equipment,
    weeks=st.integers(1, 26),
    with_program=st.booleans(),
    frequency=st.integers(3, 4),
    heavy_slow=st.booleans(),
)
def test_every_rule_holds_or_a_week_warning_explains(
    week, race_calendar, owned, weeks, with_program, frequency, heavy_slow
):
    athlete = Athlete(name="Runner", equipment=owned, week=week, races=race_calendar)
    library = small_library()
    program = clamshell_program(frequency, heavy_slow=heavy_slow) if with_program else None
    plan = build_plan(athlete, library, start=START, weeks=weeks, program=program)
    check_every_rule(athlete, plan, library, program)
    assert plan == build_plan(athlete, library, start=START, weeks=weeks, program=program)


@settings(max_examples=60, deadline=None)
@given(week=weeks_pattern, owned=equipment)
def test_the_builtin_library_obeys_the_rules_too(week, owned):
    from planner.store.seed import builtin_exercises

    library = list(builtin_exercises())
    athlete = Athlete(
        name="Runner",
        equipment=owned,
        week=week,
        races=(
            Race(START + dt.timedelta(days=7 * 20 + 6), "Marathon", Priority.A),
            Race(START + dt.timedelta(days=7 * 14 + 6), "Half", Priority.B),
        ),
    )
    plan = build_plan(athlete, library, start=START, weeks=24)
    check_every_rule(athlete, plan, library, None)
