"""Build a season plan: strength, corrective and mobility sessions placed around the running week.

Session length: every session fits its time (`session_content.STRENGTH_MINUTES` by phase,
`CORRECTIVE_MINUTES`, `MOBILITY_MINUTES`). For a training phase the trimming is worked out once, at
the phase's hardest week, and the same cut applies to every week of it, so doses still never fall
inside a block.

Race week runs: `Week.runs` shows the athlete's usual week, except in race week, where the day
before an A race is an easy shake-out run and any quality or long day becomes easy: the race is the
hard run of the week.

The plan obeys the symptom check (clinical content 5.3):
- a `hold` (the check is not self-care) removes every strength, corrective and mobility session from
  its day on; urgent and emergency results mark every running day "see a clinician before running".
  Mobility goes too: the plan cannot tell which stretch or roller loads the painful area (a calf with a
  possible clot, a hip with a possible stress fracture), so the clinician decides;
- the corrective block starts on the check's day, runs about 6 weeks (12 for heavy slow resistance),
  then a `Week N:` warning asks for a re-check instead of repeating the routine all season;
- patellofemoral pain: the strength days of the first two weeks from the check hold no deep single-leg
  knee bends or split squats; they come back after that with a note to deepen as pain allows;
- patellar or quadriceps tendon pain: while the block runs, the tendon programme is the week's only
  heavy knee work (the strength days keep hip and posterior-chain work), and heavy slow squats go on
  rest or easy days at least 48 h apart, at most 2 a week in-season.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from planner.domain.athlete import DAYS, Athlete, DayKind, Phase, Priority
from planner.domain.dates import monday_of
from planner.domain.exercise import Dose, Exercise
from planner.domain.library_index import LibraryIndex, library_index
from planner.domain.load_warnings import running_load_warnings
from planner.domain.phases import phase_of_weeks
from planner.domain.placement import (
    STRENGTH_PER_WEEK,
    PlacedDay,
    heavy_slow_per_week,
    place_corrective_days,
    place_heavy_slow_days,
    place_mobility_days,
    place_strength_days,
    races_in_week,
    run_of,
    week_days,
)
from planner.domain.plan import RUN_NOTE, CorrectiveProgram, Hold, Plan, PlannedExercise, Session, SessionKind, Week
from planner.domain.progression import (
    DELOAD_SHARE,
    HEAVY_SLOW_ID,
    TAPER_SHARE,
    WeekLoad,
    cap_strength_sets,
    corrective_exercise,
    deload_dose,
    dose_kind,
    exercise_level,
    fit_minutes,
    heavy_slow_resistance_dose,
    progression,
    taper_dose,
    total_strength_sets,
    week_loads,
)
from planner.domain.session_content import (
    CORRECTIVE_MINUTES,
    MOBILITY_MINUTES,
    STRENGTH_MINUTES,
    deep_knee_bend,
    mobility_exercises,
    strength_exercises,
    strength_title,
)
from planner.domain.week_suggestions import past_race_warnings, suggested_runs, suggestion_warnings, with_suggestions

_KIND_ORDER = {SessionKind.CORRECTIVE: 0, SessionKind.STRENGTH: 1, SessionKind.MOBILITY: 2}
HEAVY_SLOW_PER_WEEK = 3
_WEEK_PREFIX = re.compile(r"^Week (\d+):")

TAPER_NOTE = "Light: stop 2-3 reps short of failure; no sets to failure"
DEEPEN_NOTE = "Back after two easier weeks for the kneecap: start shallow and go deeper only as the pain rule allows"

CORRECTIVE_BLOCK_WEEKS = 6  # then the plan asks for a re-check (clinical content 5.3)
HEAVY_SLOW_BLOCK_WEEKS = 12  # a heavy slow resistance tendon programme runs its 12-week schedule
PFPS_GENTLE_DAYS = 14  # patellofemoral pain: two weeks of low joint stress from the check
PFPS = "pfps"
TENDON_PAIN = frozenset({"patellar_tendinopathy", "quadriceps_tendinopathy"})


@dataclass(frozen=True, slots=True)
class CorrectiveBlock:
    """The days the corrective routine runs: from the check's day for `weeks` weeks (`end` excluded)."""

    start: dt.date
    end: dt.date
    weeks: int

    def open_days(self, monday: dt.date) -> list[dt.date]:
        return [d for d in week_days(monday) if self.start <= d < self.end]


def corrective_block(program: CorrectiveProgram, check_day: dt.date, *, heavy_slow: bool) -> CorrectiveBlock:
    """The corrective block of a self-care check made on `check_day`: 6 weeks, 12 with heavy slow squats."""
    weeks = HEAVY_SLOW_BLOCK_WEEKS if heavy_slow else CORRECTIVE_BLOCK_WEEKS
    return CorrectiveBlock(start=check_day, end=check_day + dt.timedelta(days=7 * weeks), weeks=weeks)


@dataclass
class _SeasonState:
    """What carries from one week to the next while the plan is built."""

    last_strength: dt.date | None = None
    last_heavy_slow: dt.date | None = None
    previous_strength_sets: int | None = None
    last_in_season_sets: int | None = None
    heavy_slow_weeks: int = 0
    corrective_weeks: int = 0  # weeks of the corrective routine done outside race week and recovery
    warnings: list[str] = field(default_factory=list)
    prescriptions: dict[tuple[Phase, frozenset[str]], _Prescription] = field(default_factory=dict)
    library_tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The level each strength exercise was last done at in the current block (a phase's run of weeks, a new one
    # after each deload): a week an exercise missed does not make it skip a rung (`progression.exercise_level`).
    done_levels: dict[str, int] = field(default_factory=dict)
    block_phase: Phase | None = None
    previous_deload: bool = False


@dataclass(frozen=True)
class _Prescription:
    """How a training phase's strength sessions fit their time, worked out at its hardest week.

    `cut`: sets taken off an exercise in every week of the phase; `offset`: which week an exercise
    past the top of its range rises (staggered, so a session's exercises do not all add a set at
    once); `kept`: the exercises each session slot keeps.
    """

    cut: dict[str, int]
    offset: dict[str, int]
    kept: dict[int, tuple[str, ...]]


def build_plan(
    athlete: Athlete,
    library: list[Exercise] | LibraryIndex,
    *,
    start: dt.date,
    weeks: int,
    program: CorrectiveProgram | None = None,
    hold: Hold | None = None,
    checked_on: dt.date | None = None,
) -> Plan:
    """The athlete's plan for `weeks` weeks; the same inputs always give the same plan.

    A `start` that is not a Monday is moved back to the Monday of its week (weeks run Monday to
    Sunday), so a coach can type any day of the week the plan should begin. `hold` (a check that is
    not self-care) or `program` (a self-care check's routine) come from the symptom check made on
    `checked_on` (default: the plan's first Monday); see the module docstring for how the plan obeys it.
    """
    first = monday_of(start)
    check_day = checked_on or first
    # The default changes to the running weeks (recovery after an A race, the eve of a B race) become week
    # overrides the coach can turn down; placement then works around each week's own runs.
    suggestions = suggested_runs(athlete, first, weeks)
    athlete = with_suggestions(athlete, suggestions)
    if hold is not None:
        program = None  # no corrective routine beside a result that needs a clinician
    phases = phase_of_weeks(athlete, first, weeks)
    loads = week_loads(phases)
    state = _SeasonState()
    # The library-wide work (allowed lists, pools, maps) once per library and equipment set, not per session.
    index = library_index(library)
    by_id = index.by_id
    state.library_tags = index.tags
    heavy_slow = _heavy_slow_exercise(athlete, by_id, program, state, _week_of(first, check_day, weeks))
    block = corrective_block(program, check_day, heavy_slow=heavy_slow is not None) if program else None
    mondays = [first + dt.timedelta(days=7 * i) for i in range(weeks)]
    excludes = [_strength_exclusions(index, program, block, check_day, monday) for monday in mondays]
    _fit_prescriptions(athlete, index, phases, loads, excludes, state)
    built: list[Week] = []
    for i, (phase, load) in enumerate(zip(phases, loads, strict=True)):
        built.append(
            _build_week(
                athlete,
                index,
                index=i + 1,
                monday=mondays[i],
                phase=phase,
                load=load,
                program=program,
                block=block,
                heavy_slow=heavy_slow,
                exclude=excludes[i],
                deepen=_deepening(program, check_day, mondays[i]),
                hold=hold,
                state=state,
            )
        )
    recheck_due = None
    if block is not None:
        recheck_due = block.end
        if block.end <= first + dt.timedelta(days=7 * weeks - 1):
            index = _week_of(first, block.end, weeks)
            state.warnings.append(
                f"Week {index}: the hip and knee routine from the symptom check on {_day(check_day)} has run its "
                f"{block.weeks} weeks (to {_day(block.end - dt.timedelta(days=1))}): repeat the symptom check, "
                f"or see a physical therapist if it is not clearly better, before carrying on with it"
            )
    warnings = (
        past_race_warnings(athlete, first)
        + state.warnings
        + suggestion_warnings(suggestions, first)
        + running_load_warnings(athlete.mileage, weeks)
    )
    return Plan(
        athlete=athlete.name,
        start=first,
        weeks=tuple(built),
        warnings=tuple(sort_by_week(warnings)),
        hold=hold,
        recheck_due=recheck_due,
    )


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _week_of(first: dt.date, day: dt.date, weeks: int) -> int:
    """The plan week (1-based) holding `day`, clamped to the plan."""
    return min(max((day - first).days // 7 + 1, 1), max(weeks, 1))


def _strength_exclusions(
    library: LibraryIndex,
    program: CorrectiveProgram | None,
    block: CorrectiveBlock | None,
    check_day: dt.date,
    monday: dt.date,
) -> frozenset[str]:
    """What the strength days of the week starting `monday` leave out because of the check's finding."""
    if program is None:
        return frozenset()
    out: set[str] = set()
    if program.heavy_slow_resistance:
        out.add(HEAVY_SLOW_ID)  # the routine holds it on its own schedule
    conditions = set(program.conditions)
    gentle_until = check_day + dt.timedelta(days=PFPS_GENTLE_DAYS)
    deep = PFPS in conditions and monday < gentle_until
    heavy = bool(TENDON_PAIN & conditions) and block is not None and monday < block.end
    out |= library.knee_exclusions(deep=deep or heavy, heavy=heavy)
    return frozenset(out)


def _deepening(program: CorrectiveProgram | None, check_day: dt.date, monday: dt.date) -> bool:
    """The two weeks after the gentle start for patellofemoral pain: deep knee bends come back with a note."""
    if program is None or PFPS not in program.conditions:
        return False
    gentle_until = check_day + dt.timedelta(days=PFPS_GENTLE_DAYS)
    return gentle_until <= monday < gentle_until + dt.timedelta(days=PFPS_GENTLE_DAYS) or (
        monday < gentle_until <= monday + dt.timedelta(days=6)
    )


def _fit_prescriptions(
    athlete: Athlete,
    library: LibraryIndex,
    phases: list[Phase],
    loads: list[WeekLoad],
    excludes: list[frozenset[str]],
    state: _SeasonState,
) -> None:
    """One prescription per phase and set of left-out exercises, with one cut per exercise in a phase,
    so an exercise's dose never falls when the finding's limits lift inside a block."""
    for phase in set(phases):
        peak = max(
            (load.level for p, load in zip(phases, loads, strict=True) if p is phase and not load.deload), default=0
        )
        variants = sorted({x for p, x in zip(phases, excludes, strict=True) if p is phase}, key=sorted)
        fitted = {x: _prescription(athlete, library, phase, peak, x) for x in variants}
        cut: dict[str, int] = {}
        for prescription in fitted.values():
            for ex_id, sets in prescription.cut.items():
                cut[ex_id] = max(cut.get(ex_id, 0), sets)
        for x, prescription in fitted.items():
            state.prescriptions[phase, x] = replace(prescription, cut=cut)


def sort_by_week(warnings: list[str]) -> list[str]:
    """Warnings in week order; those of the same week keep their order."""
    return _by_week(warnings)


def _by_week(warnings: list[str]) -> list[str]:
    def week_number(text: str) -> int:
        match = _WEEK_PREFIX.match(text)
        return int(match.group(1)) if match else 0

    return sorted(warnings, key=week_number)  # stable: same-week warnings keep their order


def _heavy_slow_exercise(
    athlete: Athlete, by_id: dict[str, Exercise], program: CorrectiveProgram | None, state: _SeasonState, week: int
) -> Exercise | None:
    if program is None or not program.heavy_slow_resistance:
        return None
    exercise = by_id.get(HEAVY_SLOW_ID)
    if exercise is None:
        state.warnings.append(
            f"Week {week}: the heavy slow resistance squat is not in the exercise library; "
            f"the routine goes on without it"
        )
        return None
    if not exercise.needs(athlete.equipment):
        needed = ", ".join(exercise.equipment)
        state.warnings.append(
            f"Week {week}: heavy slow resistance squats need equipment the athlete lacks "
            f"({needed}); the routine goes on without them — a gym makes them possible"
        )
        return None
    return exercise


def _planned(
    exercise: Exercise, dose_level: int, *, deload: bool, phase: Phase, cut: int = 0, offset: int = 0
) -> PlannedExercise:
    dose, notes = _week_dose(
        exercise.dose, dose_kind(exercise.dose, exercise.tags), dose_level, phase, deload, cut, offset
    )
    return PlannedExercise(id=exercise.id, name=exercise.name, dose=dose, notes=notes)


# Some 600 planned strength exercises a season come from a few dozen library doses at a handful of levels:
# each week's dose worked out once per process (doses are frozen values, so a remembered one is the same).
@lru_cache(maxsize=4096)
def _week_dose(
    base: Dose, kind: str, level: int, phase: Phase, deload: bool, cut: int, offset: int
) -> tuple[Dose, str]:
    """The dose of a strength exercise `level` steps up its ladder in a week of `phase`, with `cut` sets off,
    and its note; a taper week lightens the library's dose, a deload week the progressed one."""
    if phase is Phase.TAPER:
        return taper_dose(base), TAPER_NOTE
    dose, notes = progression(base, level, kind=kind, maintenance=phase is Phase.IN_SEASON, offset=offset)
    if cut:
        dose = replace(dose, sets=max(1, dose.sets - cut))
    if deload:
        dose, notes = deload_dose(dose), ""
    return dose, notes


def _prescription(
    athlete: Athlete, library: LibraryIndex, phase: Phase, peak: int, exclude: frozenset[str]
) -> _Prescription:
    """Fit every strength session slot of `phase` to its time at the phase's hardest week (`peak`).

    The sets an exercise loses are the same in every session and week of the phase, so a dose that
    rises from week to week keeps rising after the cut, and never falls.
    """
    cap = STRENGTH_MINUTES.get(phase)
    slots = STRENGTH_PER_WEEK.get(phase, 0)
    offset: dict[str, int] = {}
    cut: dict[str, int] = {}
    kept: dict[int, tuple[str, ...]] = {}
    sessions = []
    for slot in range(slots):
        exercises = strength_exercises(library, athlete, phase, slot=slot, slots=slots, exclude=exclude)
        for i, e in enumerate(exercises):
            offset.setdefault(e.id, i % 2)
        sessions.append(exercises)
    for slot, exercises in enumerate(sessions):
        at_peak = [_planned(e, peak, deload=False, phase=phase, offset=offset[e.id]) for e in exercises]
        if phase is Phase.TAPER or cap is None:
            kept[slot] = tuple(e.id for e in exercises)
            continue
        # Keep at least two sets in the block's first week too (the peak may hold an extra set).
        floors = {p.id: 2 + p.dose.sets - e.dose.sets for p, e in zip(at_peak, exercises, strict=True)}
        fitted = fit_minutes(at_peak, cap, floors=floors)
        kept[slot] = tuple(e.id for e in fitted)
        for e in fitted:
            full = next(p for p in at_peak if p.id == e.id)
            cut[e.id] = max(cut.get(e.id, 0), full.dose.sets - e.dose.sets)
    return _Prescription(cut=cut, offset=offset, kept=kept)


def _build_week(
    athlete: Athlete,
    library: LibraryIndex,
    *,
    index: int,
    monday: dt.date,
    phase: Phase,
    load: WeekLoad,
    program: CorrectiveProgram | None,
    block: CorrectiveBlock | None,
    heavy_slow: Exercise | None,
    exclude: frozenset[str],
    deepen: bool,
    hold: Hold | None,
    state: _SeasonState,
) -> Week:
    warnings_before = len(state.warnings)
    if phase is not state.block_phase or state.previous_deload:
        state.done_levels.clear()  # a new block starts at its week's level
    state.block_phase, state.previous_deload = phase, load.deload
    placement = place_strength_days(athlete, monday, phase, week_index=index, last_strength=state.last_strength)
    if placement.warning:
        state.warnings.append(placement.warning)
    sessions = _strength_sessions(
        athlete,
        library,
        placement.days,
        phase=phase,
        load=load,
        exclude=exclude,
        prescription=state.prescriptions[phase, exclude],
        done_levels=state.done_levels,
    )
    if deepen:
        sessions = [_with_deepen_note(s, library.by_id) for s in sessions]
    sessions = _apply_volume_caps(sessions, index=index, phase=phase, load=load, state=state)
    strength_days = [s.date for s in sessions if s.kind is SessionKind.STRENGTH]
    if program is not None and block is not None:
        sessions += _corrective_sessions(
            athlete, monday, index, phase, program, block, heavy_slow, strength_days, state
        )
    for slot, day in enumerate(place_mobility_days(athlete, monday, phase)):
        exercises = mobility_exercises(library, athlete, phase, slot=slot, slots=2)
        planned = fit_minutes([PlannedExercise(id=e.id, name=e.name, dose=e.dose) for e in exercises], MOBILITY_MINUTES)
        sessions.append(
            Session(
                date=day.date,
                kind=SessionKind.MOBILITY,
                title="Mobility" if phase not in (Phase.RACE_WEEK,) else "Mobility and activation",
                why=day.why,
                exercises=tuple(planned),
            )
        )
    sessions.sort(key=lambda s: (s.date, _KIND_ORDER[s.kind]))
    runs = _week_runs(athlete, monday, phase)
    run_notes: dict[str, str] = {}
    if hold is not None and hold.covers(monday + dt.timedelta(days=6)):
        # Nothing from the hold's day on; the warnings about fitting those sessions no longer apply.
        sessions = [s for s in sessions if not hold.covers(s.date)]
        del state.warnings[warnings_before:]
        if hold.see_before_running:
            run_notes = {
                DAYS[d.weekday()]: RUN_NOTE
                for d in week_days(monday)
                if hold.covers(d) and runs.get(DAYS[d.weekday()], "rest") != DayKind.REST.value
            }
        strength_days = [s.date for s in sessions if s.kind is SessionKind.STRENGTH]

    this_week_sets = total_strength_sets(sessions)
    state.previous_strength_sets = this_week_sets
    if phase is Phase.IN_SEASON:
        state.last_in_season_sets = this_week_sets
    state.last_strength = strength_days[-1] if strength_days else None
    done = {e.id for s in sessions if s.kind is SessionKind.STRENGTH for e in s.exercises}
    for ex_id in done:
        state.done_levels[ex_id] = exercise_level(load.level, state.done_levels.get(ex_id))
    races = races_in_week(athlete, monday)
    return Week(
        index=index,
        start=monday,
        phase=phase,
        deload=load.deload,
        sessions=tuple(sessions),
        runs=runs,
        race=", ".join(f"{r.name} ({r.priority.value})" for r in races) or None,
        run_notes=run_notes,
    )


def _with_deepen_note(session: Session, by_id: dict[str, Exercise]) -> Session:
    """Deep knee bends back after the gentle start for patellofemoral pain carry how to take them."""
    exercises = []
    for e in session.exercises:
        known = by_id.get(e.id)
        if known is not None and deep_knee_bend(known):
            e = replace(e, notes=f"{DEEPEN_NOTE}. {e.notes}" if e.notes else DEEPEN_NOTE)
        exercises.append(e)
    return replace(session, exercises=tuple(exercises))


def _week_runs(athlete: Athlete, monday: dt.date, phase: Phase) -> dict[str, str]:
    """The runs of the week; in race week the race is the only hard run: the day before an A race is
    an easy shake-out and quality and long days are easy."""
    runs = {DAYS[d.weekday()]: run_of(athlete, d) for d in week_days(monday)}
    if phase is not Phase.RACE_WEEK:
        return runs
    for d in week_days(monday):
        day = DAYS[d.weekday()]
        if runs[day] == "race":
            continue
        tomorrow = athlete.race_on(d + dt.timedelta(days=1))
        if runs[day] in (DayKind.QUALITY.value, DayKind.LONG.value) or (
            tomorrow is not None and tomorrow.priority is Priority.A
        ):
            runs[day] = DayKind.EASY.value
    return runs


def _strength_sessions(
    athlete: Athlete,
    library: LibraryIndex,
    days: tuple[PlacedDay, ...],
    *,
    phase: Phase,
    load: WeekLoad,
    exclude: frozenset[str],
    prescription: _Prescription,
    done_levels: dict[str, int],
) -> list[Session]:
    sessions = []
    for slot, day in enumerate(days):
        exercises = strength_exercises(library, athlete, phase, slot=slot, slots=len(days), exclude=exclude)
        if slot in prescription.kept:
            exercises = [e for e in exercises if e.id in prescription.kept[slot]]
        if not exercises:
            continue
        why = day.why
        if phase is Phase.TAPER:
            why = f"Taper, light: fewer sets and no sets to failure. {why}"
        elif load.deload:
            why = f"Deload week: same exercises, fewer sets, so the body absorbs the work. {why}"
        sessions.append(
            Session(
                date=day.date,
                kind=SessionKind.STRENGTH,
                title=strength_title(slot),
                why=why,
                exercises=tuple(
                    _planned(
                        e,
                        exercise_level(load.level, done_levels.get(e.id)),
                        deload=load.deload,
                        phase=phase,
                        cut=prescription.cut.get(e.id, 0),
                        offset=prescription.offset.get(e.id, 0),
                    )
                    for e in exercises
                ),
            )
        )
    cap = STRENGTH_MINUTES.get(phase)
    if cap is not None:  # a safety net: the prescription already fits every slot at the peak
        sessions = [_fitted(s, cap) for s in sessions]
    return sessions


def _fitted(session: Session, cap: float) -> Session:
    """`session` trimmed to `cap` minutes; the same session when it fits (nearly always)."""
    exercises = fit_minutes(list(session.exercises), cap)
    if len(exercises) == len(session.exercises) and all(
        a is b for a, b in zip(exercises, session.exercises, strict=True)
    ):
        return session
    return replace(session, exercises=tuple(exercises))


def _apply_volume_caps(
    sessions: list[Session], *, index: int, phase: Phase, load: WeekLoad, state: _SeasonState
) -> list[Session]:
    cap: int | None = None
    reason = ""
    if load.deload and state.previous_strength_sets is not None:
        cap = math.floor(DELOAD_SHARE * state.previous_strength_sets)
        reason = f"deload week, kept to {cap} strength sets (70 % of last week's {state.previous_strength_sets})"
    elif phase is Phase.TAPER and state.last_in_season_sets is not None:
        cap = math.floor(TAPER_SHARE * state.last_in_season_sets)
        reason = f"taper, kept to {cap} strength sets (60 % of the last in-season week's {state.last_in_season_sets})"
    if cap is None or total_strength_sets(sessions) <= cap:
        return sessions
    before = len([s for s in sessions if s.kind is SessionKind.STRENGTH])
    capped = cap_strength_sets(sessions, cap)
    after = len([s for s in capped if s.kind is SessionKind.STRENGTH])
    if after < before:
        state.warnings.append(f"Week {index}: {after} of {before} strength sessions kept — {reason}")
    return capped


def _corrective_sessions(
    athlete: Athlete,
    monday: dt.date,
    index: int,
    phase: Phase,
    program: CorrectiveProgram,
    block: CorrectiveBlock,
    heavy_slow: Exercise | None,
    strength_days: list[dt.date],
    state: _SeasonState,
) -> list[Session]:
    open_days = block.open_days(monday)
    if not open_days:
        return []  # before the check, or after the block: the plan asks for a re-check instead
    count = program.frequency_per_week
    if len(open_days) < 7:  # the block starts or ends inside this week
        count = min(count, (len(open_days) + 1) // 2)
    heavy_days = []
    if heavy_slow is not None:
        heavy_days = place_heavy_slow_days(
            athlete,
            monday,
            phase,
            min(HEAVY_SLOW_PER_WEEK, count),
            last_heavy=state.last_heavy_slow,
            open_days=open_days,
        )
        if heavy_days:
            state.last_heavy_slow = heavy_days[-1]
    days = place_corrective_days(athlete, monday, count, strength_days, required=heavy_days, open_days=open_days)
    if phase not in (Phase.RACE_WEEK, Phase.RECOVERY):
        state.corrective_weeks += 1  # race week and recovery hold the dose: no progression
    base = tuple(
        corrective_exercise(e, max(state.corrective_weeks, 1), state.library_tags.get(e.id, ()))
        for e in program.exercises
        if e.id != HEAVY_SLOW_ID
    )
    if heavy_days:
        state.heavy_slow_weeks += 1
    sessions = []
    for day in days:
        exercises = base
        if heavy_slow is not None and day.date in heavy_days:
            dose, note = heavy_slow_resistance_dose(state.heavy_slow_weeks, heavy_slow.dose.rest_s)
            exercises = (*base, PlannedExercise(id=heavy_slow.id, name=heavy_slow.name, dose=dose, notes=note))
        exercises = tuple(fit_minutes(list(exercises), CORRECTIVE_MINUTES, keep=frozenset({HEAVY_SLOW_ID})))
        sessions.append(
            Session(
                date=day.date,
                kind=SessionKind.CORRECTIVE,
                title="Hip and knee routine",
                why=day.why,
                exercises=exercises,
            )
        )
    allowed = heavy_slow_per_week(phase, races_in_week(athlete, monday))
    wanted = min(HEAVY_SLOW_PER_WEEK, count)
    if heavy_slow is not None and len(heavy_days) < wanted:
        if phase in (Phase.RACE_WEEK, Phase.RECOVERY):
            why = "race week and the recovery week after it stay free of heavy squats"
        elif len(heavy_days) >= allowed:
            why = f"{allowed} a week at most in the {phase.label.lower()} phase"
        else:
            why = (
                "heavy squats go only on a rest or easy day with no quality run, long run or race the next "
                "day, at least 48 h apart and clear of the 9 days before an A race"
            )
        state.warnings.append(
            f"Week {index}: heavy slow squats {len(heavy_days)} of {wanted} times this week "
            f"— {why}; the schedule picks up again after"
        )
    return sessions
