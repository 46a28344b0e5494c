"""Undoable changes to a saved plan: a coach's dose edit, and regenerating (keeping edits or forgetting them).

Regenerating builds the plan off the UI thread (`planner.ui.plan_rebuilds`); its RegeneratePlan is pushed once
the plan is built and only if its write succeeds, so the undo stack only ever holds a change that was made.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from typing import TYPE_CHECKING, Literal

from PySide6.QtGui import QUndoCommand

from planner.domain.errors import BadInput
from planner.domain.plan import Plan, PlannedExercise
from planner.store import athletes as store
from planner.ui.plan_rebuilds import failure_text, plan_rebuilds, save_rebuilt_plan
from planner.ui.undo import DatabaseCommand, push

if TYPE_CHECKING:
    from planner.domain.conflict import EditConflict
    from planner.ui.conflict_dialog import ConflictChoices
    from planner.ui.context import AppContext

log = logging.getLogger(__name__)

_SET_DOSE_ID = 4101


class Seen(enum.Enum):
    NOW = "now"  # regenerate's seen_version when the caller shows no plan: the plan's version when asked


def regenerate(
    ctx: AppContext,
    athlete_id: int,
    *,
    start: dt.date | None = None,
    weeks: int | None = None,
    keep_edits: bool = True,
    seen_version: int | Literal[Seen.NOW] | None = Seen.NOW,
) -> None:
    """The coach asked for a new plan (Regenerate, a new range, Reset edits): build it off the UI thread,
    then push a RegeneratePlan that saves it, so the undo stack only ever holds a change that was made.

    `seen_version` is the version of the plan the coach was looking at (the plan view's, None: no plan yet):
    a plan another coach saved after that, even before the button was pressed, stops the save with Reload /
    Keep mine (RegeneratePlan). Left out, the plan's version now is taken.
    """
    seen = store.plan_version(ctx.db, athlete_id) if seen_version is Seen.NOW else seen_version

    def save(plan: Plan, closing: bool) -> None:
        if closing:  # the undo stack goes with the window: only the plan is left to keep
            save_rebuilt_plan(ctx, ctx.db, athlete_id, plan, doing="regenerated", keep_edits=keep_edits)
            return
        # A write that fails leaves the command off the stack and has said why (RegeneratePlan.apply).
        if push(ctx, RegeneratePlan(ctx, athlete_id, plan, keep_edits=keep_edits, expected_version=seen)) is None:
            ctx.say(
                "Plan regenerated; your dose edits were kept."
                if keep_edits
                else "Dose edits reset; the plan uses the library's doses again."
            )

    plan_rebuilds(ctx).rebuild(
        athlete_id,
        start=start,
        weeks=weeks,
        then=save,
        failed=lambda failure: ctx.say(failure_text(failure, "regenerated")),
        request=True,
    )


# --- the undo commands ----------------------------------------------------------------------------


class SetDoseCommand(QUndoCommand):
    """The coach's dose for one exercise in one session: kept as a dose edit and in the saved plan.

    Short enough for the UI thread. A rebuild still running for the athlete keeps it: its plan is saved
    with the dose edits as they are when it is done."""

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
            ask_after_save(
                exc, dose_conflict_choices(self.ctx, self.athlete_id, self.session_key, self.new, SetDoseCommand)
            )

    def undo(self) -> None:
        from planner.domain.conflict import EditConflict

        # An undo while a regenerate the coach asked for is still being built: the undo is the latest word.
        if plan_rebuilds(self.ctx).cancel(self.athlete_id, requests_only=True):
            self.ctx.say("The plan was not regenerated: you undid a change meanwhile.")
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


class RegeneratePlan(DatabaseCommand):
    """A plan built by `regenerate`, saved as the athlete's plan keeping the coach's edits (or forgetting
    them); undo brings back the plan and edits that were there when it was saved.

    Pushed once the plan is built; its first redo writes it, and a write that fails leaves it off the stack.
    `expected_version` is the plan's version when the coach asked: a plan another coach saved since is not
    overwritten unseen (EditConflict: Reload or Keep mine), nor is it by an undo or redo later."""

    def __init__(
        self,
        ctx: AppContext,
        athlete_id: int,
        built: Plan,
        *,
        keep_edits: bool = True,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(ctx, "Regenerate plan" if keep_edits else "Reset dose edits")
        self.athlete_id = athlete_id
        self.built = built
        self.keep_edits = keep_edits
        self.version = expected_version  # what the next write starts from
        self.old_plan: Plan | None = None
        self.old_edits: dict[tuple[str, str], PlannedExercise] = {}
        self.new_plan: Plan | None = None
        self._captured = False

    def apply(self) -> None:
        from planner.domain.conflict import EditConflict
        from planner.store.database import DatabaseUnavailable

        try:
            self._write()
        except (DatabaseUnavailable, EditConflict):
            raise  # DatabaseCommand says these in the status bar
        except BadInput as exc:
            self.ctx.say(f"The plan was not {'regenerated' if self.keep_edits else 'reset'}: {exc}")
            raise
        except Exception as exc:  # ours: logged with its traceback; as a BadInput it keeps off the stack
            from planner.logs import log_exception, log_location

            where = log_location(log_exception(exc, context=f"saving the regenerated plan of {self.athlete_id}"))
            self.ctx.say(f"The plan could not be regenerated; details are in {where}.")
            raise BadInput(f"the plan could not be saved; details are in {where}") from None

    def _write(self) -> None:
        from planner.store.plans import save_built_plan

        db = self.ctx.db
        plan_rebuilds(self.ctx).cancel(self.athlete_id)  # this exact plan is the latest word
        if not self._captured:  # what undo brings back: the plan and edits as they are now, not at the request
            self.old_plan = store.load_plan(db, self.athlete_id)
            self.old_edits = store.dose_edits(db, self.athlete_id)
            self._captured = True
        if self.new_plan is not None:
            store.check_plan(db, self.athlete_id, self.version)  # before any dose edit is forgotten
            if not self.keep_edits:
                store.clear_dose_edits(db, self.athlete_id)
            weeks = len(self.new_plan.weeks)
            self.version = store.save_plan(
                db, self.athlete_id, self.new_plan, weeks=weeks, expected_version=self.version
            )
            return
        self.new_plan = save_built_plan(
            db, self.athlete_id, self.built, keep_edits=self.keep_edits, expected_version=self.version
        )
        self.version = store.plan_version(db, self.athlete_id)

    def revert(self) -> None:
        db = self.ctx.db
        plan_rebuilds(self.ctx).cancel(self.athlete_id)
        if self.old_plan is not None:
            weeks = len(self.old_plan.weeks)
            self.version = store.save_plan(
                db, self.athlete_id, self.old_plan, weeks=weeks, expected_version=self.version
            )
        if not self.keep_edits:
            for (session_key, _exercise_id), exercise in self.old_edits.items():
                store.set_dose_edit(db, self.athlete_id, session_key, exercise)

    def conflict_choices(self, conflict: EditConflict) -> ConflictChoices:
        from planner.ui.conflict_dialog import ConflictChoices

        ctx, athlete_id, built, keep_edits = self.ctx, self.athlete_id, self.built, self.keep_edits

        def keep_mine() -> None:  # over their plan, knowingly; the dose edits on record (theirs too) are put back
            push(ctx, RegeneratePlan(ctx, athlete_id, built, keep_edits=keep_edits))

        return ConflictChoices(
            reload=lambda: ctx.plan_changed.emit(athlete_id),
            keep_mine=keep_mine,
            no_copy=(
                "A plan belongs to its runner: a copy would be a second runner. Reload to see the plan as it is "
                "now, or Keep mine to save the plan you asked for over it."
            ),
        )

    def announce(self) -> None:
        self.ctx.plan_changed.emit(self.athlete_id)
