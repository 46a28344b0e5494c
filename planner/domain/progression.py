"""How doses move from week to week: steady rises inside a block, lighter deload and taper weeks.

Inside a block the dose of a repeated exercise never falls and rises at least once in any three
weeks (add reps, hold time or one set, ACSM). In a run of off-season weeks every 4th week is a
deload; the loading then climbs again in waves (1-2-3-deload, 2-3-4-deload, 3-4-5-deload) and a
fresh wave of three starts over, when a coach would add load rather than more reps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from planner.domain.athlete import Phase
from planner.domain.exercise import DOSE_LIMITS, Dose
from planner.domain.plan import PlannedExercise, Session, SessionKind

DELOAD_EVERY = 4
DELOAD_SHARE = 0.7  # a deload week keeps at most 70 % of the week before's strength sets
TAPER_SHARE = 0.6  # the taper keeps at most 60 % of the last in-season week's strength sets

# Kongsgaard heavy slow resistance: rep max per week, 4 sets, 3 s down / 3 s up, 3 times a week.
HEAVY_SLOW_REP_MAX: tuple[int, ...] = (15, 15, 12, 12, 10, 10, 10, 8, 8, 8, 6, 6)
HEAVY_SLOW_ID = "heavy-slow-squat"


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


def progressed_dose(base: Dose, level: int, *, maintenance: bool = False) -> Dose:
    """The library dose raised `level` steps: reps (or hold time) first, one extra set at step 2.

    Every component is non-decreasing in `level` and each step raises at least one of them.
    `maintenance` (in-season) keeps the sets and adds one rep (or 5 s) a step, to hold the gains
    without piling on volume.
    """
    if level <= 0:
        return base
    extra_set = 1 if level >= 2 and base.sets < 5 and not maintenance else 0
    steps = level - extra_set
    sets = _clamp("sets", base.sets + extra_set)
    reps, hold_s, duration_s = base.reps, base.hold_s, base.duration_s
    if reps is not None:
        reps = _clamp("reps", reps + steps * (1 if reps <= 10 or maintenance else 2))
    elif hold_s is not None:
        hold_s = _clamp("hold_s", hold_s + 5 * steps)
    elif duration_s is not None:
        duration_s = _clamp("duration_s", duration_s + 10 * steps)
    return replace(base, sets=sets, reps=reps, hold_s=hold_s, duration_s=duration_s)


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
        note = (f"Heavy slow resistance: the 12-week schedule is done; keep a weight you can lift {reps} "
                f"times at most, 3 s down and 3 s up")
    else:
        note = (f"Heavy slow resistance week {week_number} of 12: a weight you can lift {reps} times at "
                f"most, 3 s down and 3 s up, 2-3 min rest; tendon pain up to 3-5/10 that settles by "
                f"morning is fine")
    return dose, note


def planned_with_dose(exercise: PlannedExercise, dose: Dose, notes: str | None = None) -> PlannedExercise:
    return replace(exercise, dose=dose, notes=exercise.notes if notes is None else notes)
