"""Undoable changes to a saved plan: a coach's dose edit, and regenerating (with or without edits)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from planner.domain.plan import Plan, PlannedExercise
from planner.store import athletes as store

if TYPE_CHECKING:
    from planner.ui.context import AppContext

log = logging.getLogger(__name__)

_SET_DOSE_ID = 4101


def with_exercise(plan: Plan, session_key: str, exercise: PlannedExercise) -> Plan:
    """The plan with `exercise` (matched by id) replaced in the session with `session_key`."""
    for week in plan.weeks:
        for session in week.sessions:
            if session.key == session_key:
                exercises = tuple(exercise if e.id == exercise.id else e for e in session.exercises)
                return plan.replace_session(week.index, session_key, replace(session, exercises=exercises))
    return plan


class SetDoseCommand(QUndoCommand):
    """The coach's dose for one exercise in one session: kept as a dose edit and in the saved plan."""

    def __init__(
        self, ctx: AppContext, athlete_id: int, session_key: str, old: PlannedExercise, new: PlannedExercise
    ) -> None:
        super().__init__(f"Change dose of {new.name}")
        self.ctx = ctx
        self.athlete_id = athlete_id
        self.session_key = session_key
        self.old = old
        self.new = new
        self.previous_edit = store.dose_edits(ctx.db, athlete_id).get((session_key, new.id))

    def _write(self, edit: PlannedExercise | None, shown: PlannedExercise, expected: PlannedExercise) -> None:
        # One transaction; `expected` (what the coach saw) makes it refuse a dose another coach changed meanwhile.
        store.change_dose(self.ctx.db, self.athlete_id, self.session_key, edit, shown, expected=expected)
        self.ctx.plan_changed.emit(self.athlete_id)

    def redo(self) -> None:
        from planner.domain.conflict import EditConflict

        try:
            self._write(self.new, self.new, self.old)
        except EditConflict as exc:  # another coach's save got there first: nothing was written
            from planner.ui.conflict_dialog import ask_after_save
            from planner.ui.dose_conflict import dose_conflict_choices

            self.setObsolete(True)
            ask_after_save(exc, dose_conflict_choices(self.ctx, self.athlete_id, self.session_key, self.new))

    def undo(self) -> None:
        from planner.domain.conflict import EditConflict

        try:
            self._write(self.previous_edit, self.old, self.new)
        except EditConflict as exc:  # never over another coach's newer dose
            self.ctx.say(f"Could not undo {self.text()}: {exc}")
            self.ctx.plan_changed.emit(self.athlete_id)

    def id(self) -> int:
        return _SET_DOSE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Clicking a spin box up three times is one change to undo, not three.
        if not isinstance(other, SetDoseCommand) or (other.athlete_id, other.session_key, other.new.id) != (
            self.athlete_id,
            self.session_key,
            self.new.id,
        ):
            return False
        self.new = other.new
        return True


class RegeneratePlan(QUndoCommand):
    """Rebuild the plan (keeping the coach's edits, or forgetting them); undo brings back the old one."""

    def __init__(
        self,
        ctx: AppContext,
        athlete_id: int,
        *,
        start: dt.date | None = None,
        weeks: int | None = None,
        keep_edits: bool = True,
    ) -> None:
        super().__init__("Regenerate plan" if keep_edits else "Reset dose edits")
        self.ctx = ctx
        self.athlete_id = athlete_id
        self.start = start
        self.weeks = weeks
        self.keep_edits = keep_edits
        self.old_plan = store.load_plan(ctx.db, athlete_id)
        self.old_edits = store.dose_edits(ctx.db, athlete_id)
        self.new_plan: Plan | None = None
        self.failed = False

    def redo(self) -> None:
        db = self.ctx.db
        if self.new_plan is None:
            from planner.store.plans import regenerate_plan

            try:
                self.new_plan = regenerate_plan(
                    db, self.athlete_id, start=self.start, weeks=self.weeks, keep_edits=self.keep_edits
                )
            except Exception:  # the scheduler is ours: log the traceback, keep the window usable
                from planner.logs import log_exception, log_location

                path = log_exception(context=f"regenerating the plan of athlete {self.athlete_id}")
                self.ctx.say(f"The plan could not be regenerated; details are in {log_location(path)}.")
                self.failed = True
                self.setObsolete(True)  # nothing changed: keep it off the undo stack
                return
        else:
            if not self.keep_edits:
                store.clear_dose_edits(db, self.athlete_id)
            store.save_plan(db, self.athlete_id, self.new_plan, weeks=len(self.new_plan.weeks))
        self.ctx.plan_changed.emit(self.athlete_id)

    def undo(self) -> None:
        db = self.ctx.db
        if self.old_plan is not None:
            store.save_plan(db, self.athlete_id, self.old_plan, weeks=len(self.old_plan.weeks))
        if not self.keep_edits:
            for (session_key, _exercise_id), exercise in self.old_edits.items():
                store.set_dose_edit(db, self.athlete_id, session_key, exercise)
        self.ctx.plan_changed.emit(self.athlete_id)
