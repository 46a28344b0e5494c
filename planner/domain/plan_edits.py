"""The coach's manual changes to a generated plan, reapplied when the plan is regenerated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from planner.domain.plan import Plan, PlannedExercise


def apply_dose_edits(plan: Plan, edits: Mapping[tuple[str, str], PlannedExercise]) -> Plan:
    """The plan with every edited exercise replaced by the coach's version.

    An edit is keyed by (session key, exercise id). Edits whose session or exercise no longer exists
    (the season changed) are left out, never forced onto another day.
    """
    if not edits:
        return plan
    weeks = []
    for week in plan.weeks:
        sessions = []
        for session in week.sessions:
            changed = False
            exercises = []
            for ex in session.exercises:
                edit = edits.get((session.key, ex.id))
                if edit is not None:
                    ex = replace(edit, name=ex.name)
                    changed = True
                exercises.append(ex)
            sessions.append(replace(session, exercises=tuple(exercises), edited=True) if changed else session)
        weeks.append(replace(week, sessions=tuple(sessions)))
    return replace(plan, weeks=tuple(weeks))


def with_exercise(plan: Plan, session_key: str, exercise: PlannedExercise) -> Plan:
    """The plan with `exercise` (matched by id) replaced in the session with `session_key` (unchanged when the
    session is not in the plan)."""
    for week in plan.weeks:
        for session in week.sessions:
            if session.key == session_key:
                exercises = tuple(exercise if e.id == exercise.id else e for e in session.exercises)
                return plan.replace_session(week.index, session_key, replace(session, exercises=exercises))
    return plan
