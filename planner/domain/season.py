"""The season plan both doors ask for: what the symptom check found, then the scheduler that obeys it.

The window, the CLI and the PDFs all come through `make_plan`, so they obey the check alike
(clinical content 5.3): a result that is not self-care puts the plan on hold from the check's day; a
self-care result adds its routine, fitted to the athlete's equipment, for a block that starts on the
check's day; and the finding shapes the strength days (see planner.domain.scheduling).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from planner.domain.adjustments import apply_log
from planner.domain.athlete import Athlete
from planner.domain.dates import monday_of
from planner.domain.exercise import Exercise
from planner.domain.library_index import LibraryIndex, library_index
from planner.domain.plan import SELF_CARE, CorrectiveProgram, Hold, Plan, PlannedExercise
from planner.domain.progression import HEAVY_SLOW_ID
from planner.domain.scheduling import PFPS, TENDON_PAIN, build_plan, sort_by_week
from planner.domain.session_content import equipment_alternative
from planner.domain.training_log import LogEntry, check_known_exercises


@dataclass(frozen=True, slots=True)
class CheckFinding:
    """What the plan takes from the athlete's latest symptom check."""

    program: CorrectiveProgram | None = None  # a self-care routine, fitted to the athlete's equipment
    hold: Hold | None = None  # the check needs a clinician first
    checked_on: dt.date | None = None  # the check's day (the plan's first Monday when the file gives none)
    notes: tuple[str, ...] = ()  # what fitting the routine to the equipment changed, for a `Week N:` warning


def check_finding(
    athlete: Athlete, library: list[Exercise] | LibraryIndex, rules: Any, *, start: dt.date
) -> CheckFinding:
    """Evaluate the athlete's wizard answers with the wizard `rules`: a hold, a routine, or nothing.

    Only a self-care result gives a routine; any other triage holds the plan until a clinician has
    looked. Answers that break the wizard's contract are BadInput.
    """
    if not athlete.wizard_answers:
        return CheckFinding()
    from planner.domain.wizard import evaluate
    from planner.domain.wizard_answers import parse_recorded_answers

    checked_on = athlete.wizard_checked_on or monday_of(start)
    names = library_index(library).names  # built once per library, not per plan
    answers = parse_recorded_answers(athlete.wizard_answers)  # a check ended by a warning has no regions
    # The wizard builds the routine for the athlete's equipment itself (its listed alternatives).
    result = evaluate(answers, rules, names, library=library, equipment=athlete.equipment)
    if result.triage != SELF_CARE:
        message = result.message or "See a clinician before you exercise or run on it."
        return CheckFinding(hold=Hold(triage=result.triage, message=message, since=checked_on), checked_on=checked_on)
    program = result.program
    if program is None:
        return CheckFinding(checked_on=checked_on)
    # A guard either way: nothing in the routine may need equipment the athlete lacks.
    program, notes = fit_routine_to_equipment(program, library, athlete.equipment)
    return CheckFinding(program=program, checked_on=checked_on, notes=notes)


def fit_routine_to_equipment(
    program: CorrectiveProgram, library: list[Exercise] | LibraryIndex, owned: frozenset[str]
) -> tuple[CorrectiveProgram, tuple[str, ...]]:
    """The routine with every exercise the athlete's equipment rules out swapped for its body-weight
    alternative (`session_content.equipment_alternative`), or left out when the library has none.

    Heavy slow squats stay: the scheduler weighs their equipment and warns on its own. A stand-in never
    brings back what the finding keeps out (deep knee bends for kneecap pain, heavy knee work for tendon
    pain). Returns the routine and a note per change.
    """
    index = library_index(library)
    by_id = index.by_id
    conditions = set(program.conditions)
    avoid = index.knee_exclusions(deep=bool(conditions & ({PFPS} | TENDON_PAIN)), heavy=bool(conditions & TENDON_PAIN))
    taken = {e.id for e in program.exercises}
    kept: list[PlannedExercise] = []
    notes: list[str] = []
    for planned in program.exercises:
        exercise = by_id.get(planned.id)
        if exercise is None or planned.id == HEAVY_SLOW_ID or exercise.needs(owned):
            kept.append(planned)
            continue
        needed = ", ".join(sorted(set(exercise.equipment) - set(owned))).replace("_", " ")
        alternative = equipment_alternative(exercise, library, owned, avoid=frozenset(taken) | avoid)
        if alternative is None:
            notes.append(f"{exercise.name} needs {needed}; left out of the routine (no body-weight alternative)")
            continue
        taken.add(alternative.id)
        kept.append(
            PlannedExercise(
                id=alternative.id,
                name=alternative.name,
                dose=alternative.dose,
                notes=f"In place of {exercise.name} (needs {needed})",
            )
        )
        notes.append(f"{alternative.name} in place of {exercise.name} (needs {needed})")
    return replace(program, exercises=tuple(kept)), tuple(notes)


def make_plan(
    athlete: Athlete,
    library: list[Exercise],
    rules: Any,
    *,
    start: dt.date,
    weeks: int,
    log: Sequence[LogEntry] | None = None,
) -> Plan:
    """The athlete's season plan, obeying their latest symptom check (`athlete.wizard_answers`,
    evaluated with the wizard `rules`, made on `athlete.wizard_checked_on`), with next week's doses
    decided by the training log (planner.domain.adjustments).

    `log` is the window's stored log; None takes the athlete file's `log`, whose exercises must be in
    the library (BadInput naming the entry). `start` is moved back to the Monday of its week.
    Deterministic: same inputs, same plan.
    """
    # Found (or built) once, then handed down in the library's place: each later step's lookup is free,
    # where each one finding a list in the cache compared it with the cached library (~0.3 ms at 50,000).
    index = library_index(library)
    if log is None:
        log = athlete.log
        if log:  # no entries, nothing to check: not a set of every exercise id for each plan
            check_known_exercises(log, index.by_id)
    plan = apply_log(_checked_plan(athlete, index, rules, start=start, weeks=weeks), log)
    if not log:
        return plan
    from planner.domain.log_summary import week_summaries

    return replace(plan, log_weeks=tuple(week_summaries(plan, log)))


def _checked_plan(
    athlete: Athlete, library: list[Exercise] | LibraryIndex, rules: Any, *, start: dt.date, weeks: int
) -> Plan:
    finding = check_finding(athlete, library, rules, start=start)
    plan = build_plan(
        athlete,
        library,
        start=start,
        weeks=weeks,
        program=finding.program,
        hold=finding.hold,
        checked_on=finding.checked_on,
    )
    if not finding.notes or finding.checked_on is None:
        return plan
    first = plan.start
    week = min(max((finding.checked_on - first).days // 7 + 1, 1), max(weeks, 1))
    notes = [f"Week {week}: equipment — {note}" for note in finding.notes]
    return replace(plan, warnings=tuple(sort_by_week([*plan.warnings, *notes])))
