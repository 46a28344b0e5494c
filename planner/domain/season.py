"""The season plan both doors ask for: the wizard's routine (when it is safe) plus the scheduler."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from planner.domain.athlete import Athlete
from planner.domain.exercise import Exercise
from planner.domain.plan import CorrectiveProgram, Plan
from planner.domain.scheduling import build_plan

SELF_CARE = "self_care"


def corrective_program_for(
    athlete: Athlete, library: list[Exercise], rules: Any
) -> tuple[CorrectiveProgram | None, str | None]:
    """The athlete's corrective routine from their wizard answers, or a `Week 1:` note saying why none.

    Only a self-care result gives a routine; any other triage means a clinician should look first.
    Answers that break the wizard's contract are BadInput.
    """
    if not athlete.wizard_answers:
        return None, None
    from planner.domain.wizard import evaluate, parse_answers

    result = evaluate(parse_answers(athlete.wizard_answers), rules, {e.id: e.name for e in library})
    if result.triage != SELF_CARE:
        return None, (
            "Week 1: the symptom check advises seeing a clinician; no corrective routine added "
            "until they have had a look"
        )
    if result.program is None:
        return None, None
    return result.program, None


def make_plan(athlete: Athlete, library: list[Exercise], rules: Any, *, start: dt.date, weeks: int) -> Plan:
    """The athlete's season plan: evaluates `athlete.wizard_answers` (when present) with the wizard
    `rules`, adds its corrective routine only for a self-care result, and builds the plan.

    `start` is moved back to the Monday of its week. Deterministic: same inputs, same plan.
    """
    program, note = corrective_program_for(athlete, library, rules)
    plan = build_plan(athlete, library, start=start, weeks=weeks, program=program)
    if note is None:
        return plan
    return replace(plan, warnings=(note, *plan.warnings))
