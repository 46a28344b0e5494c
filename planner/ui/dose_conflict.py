"""A dose change another coach overtook: what Reload, Keep mine and Save as a copy do (club mode).

Kept apart from plan_commands (the plan's undo commands and rebuilds): this is only what happens after a
SetDoseCommand was refused with EditConflict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from planner.domain.plan import Plan, PlannedExercise
from planner.domain.plan_edits import with_exercise
from planner.store import athletes as store
from planner.ui.conflict_dialog import ConflictChoices
from planner.ui.undo import DatabaseCommand

if TYPE_CHECKING:
    from planner.ui.context import AppContext


def exercise_in(plan: Plan, session_key: str, exercise_id: str) -> PlannedExercise | None:
    """The exercise with this id in the session with this key, or None."""
    for week in plan.weeks:
        for session in week.sessions:
            if session.key == session_key:
                return next((e for e in session.exercises if e.id == exercise_id), None)
    return None


def dose_conflict_choices(
    ctx: AppContext,
    athlete_id: int,
    session_key: str,
    mine: PlannedExercise,
    set_dose: Callable[[AppContext, int, str, PlannedExercise, PlannedExercise], QUndoCommand],
) -> ConflictChoices:
    """Reload: show the plan as the other coach left it. Keep mine: change the dose again, from theirs, with
    `set_dose` (the dose command: passed in so that this module does not import the one that uses it).
    Save as a copy: a copy of the athlete with this coach's dose, the original left as the other coach has it."""

    def keep_mine() -> None:
        plan = store.load_plan(ctx.db, athlete_id)
        theirs = exercise_in(plan, session_key, mine.id) if plan is not None else None
        if theirs is None:
            ctx.say(f"{mine.name} is no longer in that session; your dose was not saved")
            ctx.plan_changed.emit(athlete_id)
            return
        ctx.undo_stack.push(set_dose(ctx, athlete_id, session_key, theirs, mine))

    def save_copy() -> None:
        ctx.undo_stack.push(CopyAthleteWithDose(ctx, athlete_id, session_key, mine))

    return ConflictChoices(reload=lambda: ctx.plan_changed.emit(athlete_id), keep_mine=keep_mine, save_copy=save_copy)


class CopyAthleteWithDose(DatabaseCommand):
    """A new athlete "… (copy)" with the plan, the dose edits and this coach's dose, beside the athlete the other
    coach changed. Undo deletes the copy."""

    def __init__(self, ctx: AppContext, athlete_id: int, session_key: str, mine: PlannedExercise) -> None:
        super().__init__(ctx, f"Save the dose of {mine.name} in a copy of the athlete")
        self.athlete_id = athlete_id
        self.session_key = session_key
        self.mine = mine
        self.copy_id: int | None = None

    def apply(self) -> None:
        db = self.ctx.db
        original = store.get_athlete(db, self.athlete_id).athlete
        plan = store.load_plan(db, self.athlete_id)
        edits = store.dose_edits(db, self.athlete_id)
        self.copy_id = store.add_athlete(db, replace(original, name=f"{original.name} (copy)"), athlete_id=self.copy_id)
        try:
            if plan is not None:
                copied = with_exercise(plan, self.session_key, self.mine)
                store.save_plan(db, self.copy_id, copied, weeks=len(plan.weeks))
            for (session_key, _exercise_id), exercise in edits.items():
                store.set_dose_edit(db, self.copy_id, session_key, exercise)
            store.set_dose_edit(db, self.copy_id, self.session_key, self.mine)
        except Exception:
            store.delete_athlete(db, self.copy_id)  # half a copy is worse than none
            raise

    def revert(self) -> None:
        assert self.copy_id is not None
        store.delete_athlete(self.ctx.db, self.copy_id)
        if self.ctx.current_athlete_id == self.copy_id:
            self.ctx.set_current_athlete(self.athlete_id)

    def announce(self) -> None:
        self.ctx.athletes_changed.emit()
        if self.copy_id is not None and store.athlete_version(self.ctx.db, self.copy_id) is not None:
            self.ctx.set_current_athlete(self.copy_id)
            self.ctx.plan_changed.emit(self.copy_id)
