"""Build a season plan: strength, corrective and mobility sessions placed around the running week.

Session length: every session fits its time (`session_content.STRENGTH_MINUTES` by phase,
`CORRECTIVE_MINUTES`, `MOBILITY_MINUTES`). For a training phase the trimming is worked out once, at
the phase's hardest week, and the same cut applies to every week of it, so doses still never fall
inside a block.

Race week runs: `Week.runs` shows the athlete's usual week, except in race week, where the day
before an A race is an easy shake-out run and any quality or long day becomes easy: the race is the
hard run of the week.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, replace

from planner.domain.athlete import DAYS, Athlete, DayKind, Phase, Priority
from planner.domain.dates import monday_of
from planner.domain.exercise import Exercise
from planner.domain.load_warnings import running_load_warnings
from planner.domain.phases import phase_of_weeks
from planner.domain.placement import (
    STRENGTH_PER_WEEK,
    PlacedDay,
    place_corrective_days,
    place_heavy_slow_days,
    place_mobility_days,
    place_strength_days,
    races_in_week,
    run_of,
    week_days,
)
from planner.domain.plan import CorrectiveProgram, Plan, PlannedExercise, Session, SessionKind, Week
from planner.domain.progression import (
    DELOAD_SHARE,
    HEAVY_SLOW_ID,
    TAPER_SHARE,
    WeekLoad,
    cap_strength_sets,
    corrective_exercise,
    deload_dose,
    dose_kind,
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
    mobility_exercises,
    strength_exercises,
    strength_title,
)

_KIND_ORDER = {SessionKind.CORRECTIVE: 0, SessionKind.STRENGTH: 1, SessionKind.MOBILITY: 2}
HEAVY_SLOW_PER_WEEK = 3
_WEEK_PREFIX = re.compile(r"^Week (\d+):")

TAPER_NOTE = "Light: stop 2-3 reps short of failure; no sets to failure"


@dataclass
class _SeasonState:
    """What carries from one week to the next while the plan is built."""

    last_strength: dt.date | None = None
    previous_strength_sets: int | None = None
    last_in_season_sets: int | None = None
    heavy_slow_weeks: int = 0
    corrective_weeks: int = 0  # weeks of the corrective routine done outside race week and recovery
    warnings: list[str] = field(default_factory=list)
    prescriptions: dict[Phase, _Prescription] = field(default_factory=dict)
    library_tags: dict[str, tuple[str, ...]] = field(default_factory=dict)


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
    athlete: Athlete, library: list[Exercise], *, start: dt.date, weeks: int, program: CorrectiveProgram | None = None
) -> Plan:
    """The athlete's plan for `weeks` weeks; the same inputs always give the same plan.

    A `start` that is not a Monday is moved back to the Monday of its week (weeks run Monday to
    Sunday), so a coach can type any day of the week the plan should begin.
    """
    first = monday_of(start)
    phases = phase_of_weeks(athlete, first, weeks)
    loads = week_loads(phases)
    state = _SeasonState()
    by_id = {e.id: e for e in library}
    state.library_tags = {e.id: tuple(e.tags) for e in library}
    heavy_slow = _heavy_slow_exercise(athlete, by_id, program, state)
    exclude = frozenset({HEAVY_SLOW_ID}) if program is not None and program.heavy_slow_resistance else frozenset()
    for phase in set(phases):
        peak = max(
            (load.level for p, load in zip(phases, loads, strict=True) if p is phase and not load.deload), default=0
        )
        state.prescriptions[phase] = _prescription(athlete, library, phase, peak, exclude)
    built: list[Week] = []
    for i, (phase, load) in enumerate(zip(phases, loads, strict=True)):
        monday = first + dt.timedelta(days=7 * i)
        built.append(
            _build_week(
                athlete,
                library,
                index=i + 1,
                monday=monday,
                phase=phase,
                load=load,
                program=program,
                heavy_slow=heavy_slow,
                exclude=exclude,
                state=state,
            )
        )
    warnings = state.warnings + running_load_warnings(athlete.mileage, weeks)
    return Plan(athlete=athlete.name, start=first, weeks=tuple(built), warnings=tuple(_by_week(warnings)))


def _by_week(warnings: list[str]) -> list[str]:
    def week_number(text: str) -> int:
        match = _WEEK_PREFIX.match(text)
        return int(match.group(1)) if match else 0

    return sorted(warnings, key=week_number)  # stable: same-week warnings keep their order


def _heavy_slow_exercise(
    athlete: Athlete, by_id: dict[str, Exercise], program: CorrectiveProgram | None, state: _SeasonState
) -> Exercise | None:
    if program is None or not program.heavy_slow_resistance:
        return None
    exercise = by_id.get(HEAVY_SLOW_ID)
    if exercise is None:
        state.warnings.append(
            "Week 1: the heavy slow resistance squat is not in the exercise library; the routine goes on without it"
        )
        return None
    if not exercise.needs(athlete.equipment):
        needed = ", ".join(exercise.equipment)
        state.warnings.append(
            f"Week 1: heavy slow resistance squats need equipment the athlete lacks "
            f"({needed}); the routine goes on without them — a gym makes them possible"
        )
        return None
    return exercise


def _planned(
    exercise: Exercise, dose_level: int, *, deload: bool, phase: Phase, cut: int = 0, offset: int = 0
) -> PlannedExercise:
    dose, notes = progression(
        exercise.dose,
        dose_level,
        kind=dose_kind(exercise.dose, exercise.tags),
        maintenance=phase is Phase.IN_SEASON,
        offset=offset,
    )
    dose = replace(dose, sets=max(1, dose.sets - cut))
    if phase is Phase.TAPER:
        dose, notes = taper_dose(exercise.dose), TAPER_NOTE
    elif deload:
        dose, notes = deload_dose(dose), ""
    return PlannedExercise(id=exercise.id, name=exercise.name, dose=dose, notes=notes)


def _prescription(
    athlete: Athlete, library: list[Exercise], phase: Phase, peak: int, exclude: frozenset[str]
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
    library: list[Exercise],
    *,
    index: int,
    monday: dt.date,
    phase: Phase,
    load: WeekLoad,
    program: CorrectiveProgram | None,
    heavy_slow: Exercise | None,
    exclude: frozenset[str],
    state: _SeasonState,
) -> Week:
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
        prescription=state.prescriptions[phase],
    )
    sessions = _apply_volume_caps(sessions, index=index, phase=phase, load=load, state=state)
    strength_days = [s.date for s in sessions if s.kind is SessionKind.STRENGTH]
    if program is not None:
        sessions += _corrective_sessions(athlete, monday, index, phase, program, heavy_slow, strength_days, state)
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

    this_week_sets = total_strength_sets(sessions)
    state.previous_strength_sets = this_week_sets
    if phase is Phase.IN_SEASON:
        state.last_in_season_sets = this_week_sets
    state.last_strength = strength_days[-1] if strength_days else None
    races = races_in_week(athlete, monday)
    return Week(
        index=index,
        start=monday,
        phase=phase,
        deload=load.deload,
        sessions=tuple(sessions),
        runs=_week_runs(athlete, monday, phase),
        race=", ".join(f"{r.name} ({r.priority.value})" for r in races) or None,
    )


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
    library: list[Exercise],
    days: tuple[PlacedDay, ...],
    *,
    phase: Phase,
    load: WeekLoad,
    exclude: frozenset[str],
    prescription: _Prescription,
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
                        load.level,
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
        sessions = [replace(s, exercises=tuple(fit_minutes(list(s.exercises), cap))) for s in sessions]
    return sessions


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
    heavy_slow: Exercise | None,
    strength_days: list[dt.date],
    state: _SeasonState,
) -> list[Session]:
    count = program.frequency_per_week
    heavy_days = []
    if heavy_slow is not None:
        heavy_days = place_heavy_slow_days(athlete, monday, phase, min(HEAVY_SLOW_PER_WEEK, count))
    days = place_corrective_days(athlete, monday, count, strength_days, required=heavy_days)
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
    wanted = min(HEAVY_SLOW_PER_WEEK, count)
    if heavy_slow is not None and len(heavy_days) < wanted:
        why = (
            "race week and the recovery week after it stay free of heavy squats"
            if phase in (Phase.RACE_WEEK, Phase.RECOVERY)
            else "heavy squats keep clear of race days, the 9 days before an A race and the day before a "
            "quality run or long run"
        )
        state.warnings.append(
            f"Week {index}: heavy slow squats {len(heavy_days)} of {wanted} times this week "
            f"— {why}; the schedule picks up again after"
        )
    return sessions
