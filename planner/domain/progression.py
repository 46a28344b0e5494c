"""How doses move from week to week: steady rises inside a block, lighter deload and taper weeks.

Inside a block the dose of a repeated exercise never falls and rises at least once in any three
weeks (add reps, hold time or one set, ACSM). In a run of off-season weeks every 4th week is a
deload; the loading then climbs again in waves (1-2-3-deload, 2-3-4-deload, 3-4-5-deload) and a
fresh wave of three starts over, when a coach would add load rather than more reps.

Each exercise climbs a ladder of rungs, and one rung changes one thing only:

- heavy single-leg work (tag `heavy`): reps in steps of two up to the top of its range (8 -> 10 -> 12),
  then "add load" in the notes with the reps held, then one more set;
- hip and activation work: reps in steps of two up to 20, then one more set;
- isometric holds: 20 -> 30 -> 45 s, then one more set;
- timed work: +10 s a step, up to 30 s more, then one more set.

Past the top of its range an exercise rises every other week only (a week of holding the reps,
with heavier load for heavy work), and `offset` staggers which week that is, so the exercises of a
session do not all add a set in the same week. The session planner trims sets so a session fits its
time (`fit_minutes`). An exercise that missed a week climbs one rung from where it was last done, never
two (`exercise_level`), so from one time it is done to the next only one thing changes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from planner.domain.athlete import Phase
from planner.domain.exercise import DOSE_LIMITS, Dose
from planner.domain.plan import PlannedExercise, Session, SessionKind

HEAVY = "heavy"  # heavy single-leg work: reps to the top of the range, then load
HIP = "hip"  # hip, activation and trunk work done for reps: up to 20, then a set
HOLD = "hold"  # isometric holds: 20 -> 30 -> 45 s, then a set
TIMED = "timed"  # timed work: +10 s a step

HEAVY_TOP_REPS = 12
HIP_TOP_REPS = 20
HOLD_RUNGS_S: tuple[int, ...] = (30, 45)
TIMED_RANGE_S = 30
MAX_SETS = 4  # a set is added only up to 4 sets
LOAD_NOTE = "Add load: a heavier dumbbell or backpack, about 5 %; keep the reps"

DELOAD_EVERY = 4
DELOAD_SHARE = 0.7  # a deload week keeps at most 70 % of the week before's strength sets
TAPER_SHARE = 0.6  # the taper keeps at most 60 % of the last in-season week's strength sets

# The one pain rule while loading (Silbernagel 2007 pain-monitoring model; clinical content 5.3). Cards,
# sheets, the routine page and the plan's notes all print this text, so they can never disagree.
PAIN_RULE = (
    "Pain rule: up to 5/10 during exercise is fine if it has settled by the next morning and is not "
    "getting worse from week to week; otherwise step back to an easier version or fewer sets."
)

_PAIN_LIMIT = re.compile(r"\b\d+(?:\s*-\s*\d+)?\s*(?:/|out of)\s*10\b", re.I)


def states_pain_limit(text: str) -> bool:
    """True when `text` gives its own pain limit ("up to 3/10", "3-5 out of 10"): printed pages show
    `PAIN_RULE` in its place, so no page can disagree with it."""
    return bool(_PAIN_LIMIT.search(text)) and "pain" in text.lower()


# Heavy slow resistance (Kongsgaard 2009; Malliaras 2015): 4 sets, 3 s down / 3 s up. The one rep-max
# schedule the plan doses, the routine cards and the library text all follow: (first week, last week, RM).
HEAVY_SLOW_SCHEDULE: tuple[tuple[int, int, int], ...] = ((1, 1, 15), (2, 3, 12), (4, 5, 10), (6, 8, 8), (9, 12, 6))
HEAVY_SLOW_REP_MAX: tuple[int, ...] = tuple(
    rm for first, last, rm in HEAVY_SLOW_SCHEDULE for _ in range(first, last + 1)
)
HEAVY_SLOW_WEEKS = len(HEAVY_SLOW_REP_MAX)
HEAVY_SLOW_ID = "heavy-slow-squat"


def heavy_slow_schedule_text() -> str:
    """The rep-max schedule in words: "15 RM week 1, 12 RM weeks 2-3, ..., 6 RM weeks 9-12"."""
    parts = []
    for first, last, rm in HEAVY_SLOW_SCHEDULE:
        weeks = f"week {first}" if first == last else f"weeks {first}-{last}"
        parts.append(f"{rm} RM {weeks}")
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class WeekLoad:
    """Where a week sits in its block: the loading level and whether it is a deload week."""

    level: int
    deload: bool = False


def week_loads(phases: list[Phase]) -> list[WeekLoad]:
    """The loading level of every plan week; off-season runs deload every 4th week."""
    loads: list[WeekLoad] = []
    position = 0
    for i, phase in enumerate(phases):
        position = position + 1 if i > 0 and phases[i - 1] is phase else 0
        if phase is Phase.OFF_SEASON:
            wave, step = divmod(position, DELOAD_EVERY)
            if step == DELOAD_EVERY - 1:
                loads.append(WeekLoad(level=loads[-1].level, deload=True))
            else:
                loads.append(WeekLoad(level=wave % 3 + step))
        elif phase is Phase.PRE_SEASON:
            loads.append(WeekLoad(level=position))
        elif phase is Phase.IN_SEASON:
            # Maintenance: rise every other week, enough to keep the stimulus without piling on.
            loads.append(WeekLoad(level=position // 2))
        else:
            loads.append(WeekLoad(level=0))
    return loads


def _clamp(name: str, value: int) -> int:
    low, high = DOSE_LIMITS[name]
    return max(low, min(high, value))


def dose_kind(base: Dose, tags: tuple[str, ...] | frozenset[str] = ()) -> str:
    """How an exercise progresses: HEAVY (tag `heavy`, done for reps), HIP, HOLD or TIMED."""
    if base.reps is not None:
        return HEAVY if "heavy" in tags else HIP
    if base.hold_s is not None:
        return HOLD
    return TIMED


def _top_reps(base_reps: int, kind: str) -> int:
    if kind == HEAVY and base_reps <= HEAVY_TOP_REPS:
        return HEAVY_TOP_REPS  # 8 -> 10 -> 12, then load
    return max(base_reps, HIP_TOP_REPS)  # hip work, and high-rep heavy work such as calf raises


def _range_rungs(base: Dose, kind: str) -> list[Dose]:
    """The base dose and each one-variable step up to the top of the exercise's range."""
    rungs = [base]
    d = base
    if d.reps is not None:
        top = _top_reps(d.reps, kind)
        while d.reps < top:
            d = replace(d, reps=min(top, d.reps + 2))
            rungs.append(d)
    elif d.hold_s is not None:
        for hold in HOLD_RUNGS_S:
            if hold > d.hold_s:
                d = replace(d, hold_s=hold)
                rungs.append(d)
    elif d.duration_s is not None:
        top = _clamp("duration_s", base.duration_s + TIMED_RANGE_S)
        while d.duration_s < top:
            d = replace(d, duration_s=min(top, d.duration_s + 10))
            rungs.append(d)
    return rungs


def _creep(dose: Dose, steps: int) -> Dose:
    """Small rises past the ladder (a very long block): a rep, 5 s or 10 s a step."""
    if steps <= 0:
        return dose
    if dose.reps is not None:
        return replace(dose, reps=_clamp("reps", dose.reps + steps))
    if dose.hold_s is not None:
        return replace(dose, hold_s=_clamp("hold_s", dose.hold_s + 5 * steps))
    return replace(dose, duration_s=_clamp("duration_s", (dose.duration_s or 0) + 10 * steps))


def _ladder_position(level: int, top: int, offset: int | None) -> int:
    """The rung of `level`: one a level up to the top of the range; past it (with an `offset`)
    one every other level, the week between holding the dose."""
    if offset is None or level <= top:
        return level
    return top + (level - top + offset) // 2


def exercise_level(week_level: int, last_done: int | None) -> int:
    """The level an exercise is dosed at in a week of level `week_level`: at most one step above
    `last_done`, the level it was last done at in this block (None: not yet done in it).

    A week the exercise missed (its session found no day, or another session slot took it) does not
    skip a rung: two rungs at once can change two things at once (the last reps and a set), and a coach
    progresses from what the athlete last did, one variable at a time.
    """
    if last_done is None:
        return week_level
    return min(week_level, last_done + 1)


def progression(
    base: Dose, level: int, *, kind: str | None = None, maintenance: bool = False, offset: int | None = None
) -> tuple[Dose, str]:
    """The dose `level` steps up the exercise's ladder, and a note ("add load") when it has one.

    One variable changes per step. `maintenance` (in-season) keeps the sets and adds one rep (or
    5 s) a step. `offset` (0 or 1) makes a dose past the top of its range rise every other level,
    staggered, rather than every level; without it every level rises.
    """
    return _progression(base, max(level, 0), kind or dose_kind(base), maintenance, offset)


# A plan asks for the same few hundred (dose, level) pairs week after week, and every rung is a validated
# Dose: worked out once per process. Doses are frozen values, so a remembered answer is the same answer.
@lru_cache(maxsize=4096)
def _progression(base: Dose, level: int, kind: str, maintenance: bool, offset: int | None) -> tuple[Dose, str]:
    ladder_top = 0  # the last rung of the range (without the added set); read only when not maintenance
    if maintenance:
        dose = base
        if base.reps is not None:
            dose = replace(base, reps=_clamp("reps", base.reps + level))
        elif base.hold_s is not None:
            dose = replace(base, hold_s=_clamp("hold_s", base.hold_s + 5 * level))
        elif base.duration_s is not None:
            dose = replace(base, duration_s=_clamp("duration_s", base.duration_s + 10 * level))
    else:
        rungs = _range_rungs(base, kind)
        ladder_top = len(rungs) - 1
        if base.sets < MAX_SETS:
            rungs.append(replace(rungs[-1], sets=_clamp("sets", base.sets + 1)))
        position = _ladder_position(level, ladder_top, offset)
        dose = rungs[min(position, len(rungs) - 1)]
        dose = _creep(dose, position - (len(rungs) - 1))
    # Heavy work held at the top of its range gets heavier instead (a week after reaching it).
    top_reps = _top_reps(base.reps, kind) if base.reps is not None else None
    held = (
        top_reps is not None and dose.reps is not None and dose.reps >= top_reps and (maintenance or level > ladder_top)
    )
    note = LOAD_NOTE if kind == HEAVY and held and level > 0 else ""
    return dose, note


def progressed_dose(
    base: Dose, level: int, *, maintenance: bool = False, kind: str | None = None, offset: int | None = None
) -> Dose:
    """The library dose raised `level` steps (see `progression`).

    Every component is non-decreasing in `level`; without an `offset` each step raises one of them.
    """
    return progression(base, level, kind=kind, maintenance=maintenance, offset=offset)[0]


def fit_minutes(
    exercises: list[PlannedExercise],
    cap: float,
    *,
    floor: int = 2,
    keep: frozenset[str] = frozenset(),
    floors: dict[str, int] | None = None,
) -> list[PlannedExercise]:
    """Trim a session (most important exercise first in the list) to at most `cap` minutes.

    Sets come off the least important exercise first, down to `floor` (or its own sets when fewer),
    then the next; when every exercise is at its floor the last one goes, then sets go down to one.
    Exercises in `keep` (a prescribed protocol) are never trimmed; `floors` sets an exercise's own floor.
    """
    out = list(exercises)
    floors = floors or {}

    def minutes() -> float:
        return sum(e.dose.minutes() for e in out)

    if minutes() <= cap:
        return out  # nearly every session fits: one pass over it, not one per trimming rule below

    for low in (floor, 1):
        while minutes() > cap:
            trimmable = [
                i
                for i, e in enumerate(out)
                if e.id not in keep and e.dose.sets > (floors.get(e.id, low) if low == floor else low)
            ]
            if not trimmable:
                break
            i = trimmable[-1]
            out[i] = replace(out[i], dose=replace(out[i].dose, sets=out[i].dose.sets - 1))
        while minutes() > cap and low == floor:
            droppable = [i for i, e in enumerate(out) if e.id not in keep]
            if len(droppable) <= 1 or len(out) <= 1:
                break
            out.pop(droppable[-1])
    return out


# Holds with their own schedule (clinical.md section 3): exercise id -> (from week, hold in seconds).
CORRECTIVE_HOLD_SCHEDULE: dict[str, tuple[tuple[int, int], ...]] = {
    "isometric-hip-abduction-wall": ((1, 15), (3, 30)),
}
CORRECTIVE_WEEKS_PER_STEP = 2


def corrective_dose(base: Dose, week: int, *, exercise_id: str = "", tags: tuple[str, ...] = ()) -> Dose:
    """The corrective routine's dose in its `week` (1-based, counting only weeks that progress):
    the wizard's dose in weeks 1-2, then one step every 2 weeks, one variable at a time: +2 reps up
    to the top of the exercise's range (12 heavy, 20 hip work) or +5 s holds up to 45 s. Holds with
    their own schedule follow it (isometric hip abduction into a wall: 15 s weeks 1-2, 30 s from
    week 3). Sets never change.
    """
    schedule = CORRECTIVE_HOLD_SCHEDULE.get(exercise_id)
    if schedule is not None and base.hold_s is not None:
        hold = base.hold_s
        for from_week, seconds in schedule:
            if week >= from_week:
                hold = max(base.hold_s, seconds)
        return replace(base, hold_s=_clamp("hold_s", hold))
    steps = max(week - 1, 0) // CORRECTIVE_WEEKS_PER_STEP
    if steps == 0:
        return base
    if base.reps is not None:
        top = _top_reps(base.reps, dose_kind(base, tags))
        return replace(base, reps=min(top, base.reps + 2 * steps))
    if base.hold_s is not None:
        return replace(base, hold_s=max(base.hold_s, min(45, base.hold_s + 5 * steps)))
    return base


def corrective_exercise(exercise: PlannedExercise, week: int, tags: tuple[str, ...] = ()) -> PlannedExercise:
    """The wizard's exercise with its dose for routine week `week` (see `corrective_dose`)."""
    dose = corrective_dose(exercise.dose, week, exercise_id=exercise.id, tags=tags)
    return exercise if dose == exercise.dose else replace(exercise, dose=dose)


def deload_dose(dose: Dose) -> Dose:
    """The same work with about 60 % of the sets (at least one)."""
    return replace(dose, sets=max(1, math.floor(dose.sets * 0.6)))


def taper_dose(dose: Dose) -> Dose:
    """A light taper dose: two sets at most, nothing to failure."""
    return replace(dose, sets=max(1, min(2, dose.sets - 1)))


def total_strength_sets(sessions: list[Session]) -> int:
    return sum(s.strength_sets() for s in sessions if s.kind is SessionKind.STRENGTH)


def cap_strength_sets(sessions: list[Session], max_sets: int) -> list[Session]:
    """Trim strength sessions until their total sets are at most `max_sets`.

    Sets come off the biggest exercise first (never below one), then the last exercise of the
    longest session goes, and a session left with nothing is dropped. Other sessions stay as they are.
    """
    strength = [list(s.exercises) for s in sessions if s.kind is SessionKind.STRENGTH]
    total = sum(e.dose.sets for ex in strength for e in ex)
    while total > max_sets:
        flat = [(e.dose.sets, si, ei) for si, ex in enumerate(strength) for ei, e in enumerate(ex)]
        sets, si, ei = max(flat, key=lambda t: (t[0], -t[1], -t[2]))
        if sets > 1:
            e = strength[si][ei]
            strength[si][ei] = replace(e, dose=replace(e.dose, sets=sets - 1))
        else:
            longest = max(range(len(strength)), key=lambda k: (len(strength[k]), -k))
            strength[longest].pop()  # a session emptied here is dropped below
        total = sum(e.dose.sets for ex in strength for e in ex)
    out: list[Session] = []
    it = iter(strength)
    for s in sessions:
        if s.kind is not SessionKind.STRENGTH:
            out.append(s)
            continue
        exercises = next(it)
        if exercises:
            out.append(replace(s, exercises=tuple(exercises)))
    return out


def heavy_slow_resistance_dose(week_number: int, rest_s: int | None = 150) -> tuple[Dose, str]:
    """The heavy slow resistance squat of schedule week `week_number` (1-based) and its note."""
    index = min(max(week_number, 1), len(HEAVY_SLOW_REP_MAX)) - 1
    reps = HEAVY_SLOW_REP_MAX[index]
    dose = Dose(sets=4, reps=reps, rest_s=rest_s if rest_s is not None else 150, tempo="3-0-3")
    if week_number > len(HEAVY_SLOW_REP_MAX):
        note = (
            f"Heavy slow resistance: the 12-week schedule is done; keep a weight you can lift {reps} "
            f"times at most, 3 s down and 3 s up"
        )
    else:
        note = (
            f"Heavy slow resistance week {week_number} of 12 ({reps} RM): a weight you can lift {reps} times "
            f"at most, 3 s down and 3 s up, 2-3 min rest; follow the pain rule"
        )
    return dose, note


def planned_with_dose(exercise: PlannedExercise, dose: Dose, notes: str | None = None) -> PlannedExercise:
    return replace(exercise, dose=dose, notes=exercise.notes if notes is None else notes)
