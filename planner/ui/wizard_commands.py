"""Undoable "Add to athlete's plan" from the symptom wizard.

Setting an athlete's wizard answers changes the plan (corrective sessions come or go, or a hold
starts), so the command rebuilds it: the answers are written at once, the plan is built off the UI thread
and saved when it is ready (`planner.ui.plan_commands`). The check is dated today: the plan's hold and
corrective block start on that day. Undo puts back the previous answers, their date and exactly the plan
that was saved (a rebuild still running is superseded), or rebuilds it when that plan was itself about to
be replaced by a rebuild.

Several coaches may share the database: the command names the check on record when this coach started
(`seen`), and another coach's newer check stops it (EditConflict) with Reload or Keep mine; an undo over a
newer check, or over a plan another coach saved since, is refused and said, never written over theirs.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from planner.ui.undo import DatabaseCommand, push

if TYPE_CHECKING:
    from planner.domain.conflict import EditConflict
    from planner.domain.plan import Plan
    from planner.store.athletes import WizardCheck
    from planner.ui.conflict_dialog import ConflictChoices
    from planner.ui.context import AppContext

NO_COPY = (
    "A symptom check belongs to its runner: a copy would be a second runner with the same season. Reload to see "
    "the check on record, or Keep mine to record this one over it."
)


class SetWizardAnswers(DatabaseCommand):
    """Store the wizard answers on an athlete and rebuild their plan with the corrective routine."""

    def __init__(
        self,
        ctx: AppContext,
        athlete_id: int,
        answers: dict[str, Any] | None,
        text: str | None = None,
        *,
        checked_on: dt.date | None = None,
        seen: WizardCheck | None = None,
    ) -> None:
        from planner.store.athletes import get_athlete, load_plan

        athlete = get_athlete(ctx.db, athlete_id).athlete
        super().__init__(ctx, text or f"Add the symptom-check routine to {athlete.name}'s plan")
        self.athlete_id = athlete_id
        self.answers = dict(answers) if answers is not None else None
        self.previous_answers = athlete.wizard_answers
        self.previous_checked_on = athlete.wizard_checked_on
        # The check on record when the coach started this one (the window's), else as it is now.
        self.seen: WizardCheck = seen if seen is not None else (athlete.wizard_answers, athlete.wizard_checked_on)
        self.plan_version: int | None = None  # the plan's version when the answers changed: the undo checks it
        # The day of this check (today unless given): the hold and the corrective block start there.
        self.checked_on = (checked_on or dt.date.today()) if answers is not None else None
        self.previous_plan: Plan | None = load_plan(ctx.db, athlete_id)
        self._previous_plan_kept = False  # read when it was the athlete's plan for good (no rebuild running)
        self._captured = False

    def _set_answers(self, answers: dict[str, Any] | None, checked_on: dt.date | None, expected: WizardCheck) -> None:
        from planner.store.athletes import set_wizard_answers

        # Only the check is written: what another coach changed in the athlete meanwhile stays.
        set_wizard_answers(self.ctx.db, self.athlete_id, answers, checked_on, expected=expected)

    def _rebuild(self) -> None:
        from planner.ui.plan_rebuilds import rebuild_plan

        if self.previous_plan is not None and self.previous_plan.weeks:
            # Keep the season the coach is looking at; only its content changes.
            rebuild_plan(self.ctx, self.athlete_id, start=self.previous_plan.start, weeks=len(self.previous_plan.weeks))
        else:
            rebuild_plan(self.ctx, self.athlete_id)

    def apply(self) -> None:
        from planner.store.athletes import load_plan, plan_version
        from planner.ui.plan_rebuilds import plan_rebuilds

        if not self._captured:  # the plan as it is when the answers change, which undo brings back
            self.previous_plan = load_plan(self.ctx.db, self.athlete_id)
            self._previous_plan_kept = not plan_rebuilds(self.ctx).pending(self.athlete_id)
        self._set_answers(self.answers, self.checked_on, self.seen)
        self._captured = True
        self.seen = (self.previous_answers, self.previous_checked_on)  # what a redo after undo finds on record
        self.plan_version = plan_version(self.ctx.db, self.athlete_id)
        self._rebuild()

    def revert(self) -> None:
        from planner.store.athletes import check_plan, save_plan
        from planner.ui.plan_rebuilds import plan_rebuilds

        restore = self.previous_plan is not None and self._previous_plan_kept
        if restore:  # refused before anything is written when another coach saved the plan since
            check_plan(self.ctx.db, self.athlete_id, self.plan_version)
        self._set_answers(self.previous_answers, self.previous_checked_on, (self.answers, self.checked_on))
        if restore and self.previous_plan is not None:
            plan_rebuilds(self.ctx).cancel(self.athlete_id)  # the plan with these answers is being built: not now
            save_plan(self.ctx.db, self.athlete_id, self.previous_plan, weeks=len(self.previous_plan.weeks))
        else:
            self._rebuild()

    def conflict_choices(self, conflict: EditConflict) -> ConflictChoices:
        from planner.ui.conflict_dialog import ConflictChoices

        ctx, athlete_id, answers, checked_on, text = (
            self.ctx,
            self.athlete_id,
            self.answers,
            self.checked_on,
            self.text(),
        )

        def reload() -> None:
            ctx.athletes_changed.emit()
            ctx.plan_changed.emit(athlete_id)

        def keep_mine() -> None:  # over the check on record now (the dialog said whose it was); undo gives it back
            push(ctx, SetWizardAnswers(ctx, athlete_id, answers, text, checked_on=checked_on))

        return ConflictChoices(reload=reload, keep_mine=keep_mine, no_copy=NO_COPY)

    def announce(self) -> None:
        self.ctx.athletes_changed.emit()
        self.ctx.plan_changed.emit(self.athlete_id)
