"""Undoable "Add to athlete's plan" from the symptom wizard.

Setting an athlete's wizard answers changes the plan (corrective sessions come or go, or a hold
starts), so the command rebuilds it: the answers are written at once, the plan is built off the UI thread
and saved when it is ready (`planner.ui.plan_commands`). The check is dated today: the plan's hold and
corrective block start on that day. Undo puts back the previous answers, their date and exactly the plan
that was saved (a rebuild still running is superseded), or rebuilds it when that plan was itself about to
be replaced by a rebuild.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from planner.ui.undo import DatabaseCommand

if TYPE_CHECKING:
    from planner.domain.plan import Plan
    from planner.ui.context import AppContext


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
    ) -> None:
        from planner.store.athletes import get_athlete, load_plan

        athlete = get_athlete(ctx.db, athlete_id).athlete
        super().__init__(ctx, text or f"Add the symptom-check routine to {athlete.name}'s plan")
        self.athlete_id = athlete_id
        self.answers = dict(answers) if answers is not None else None
        self.previous_answers = athlete.wizard_answers
        self.previous_checked_on = athlete.wizard_checked_on
        # The day of this check (today unless given): the hold and the corrective block start there.
        self.checked_on = (checked_on or dt.date.today()) if answers is not None else None
        self.previous_plan: Plan | None = load_plan(ctx.db, athlete_id)
        self._previous_plan_kept = False  # read when it was the athlete's plan for good (no rebuild running)
        self._captured = False

    def _set_answers(self, answers: dict[str, Any] | None, checked_on: dt.date | None) -> None:
        from planner.store.athletes import get_athlete, update_athlete

        athlete = get_athlete(self.ctx.db, self.athlete_id).athlete
        update_athlete(
            self.ctx.db, self.athlete_id, replace(athlete, wizard_answers=answers, wizard_checked_on=checked_on)
        )

    def _rebuild(self) -> None:
        from planner.ui.plan_rebuilds import rebuild_plan

        if self.previous_plan is not None and self.previous_plan.weeks:
            # Keep the season the coach is looking at; only its content changes.
            rebuild_plan(self.ctx, self.athlete_id, start=self.previous_plan.start, weeks=len(self.previous_plan.weeks))
        else:
            rebuild_plan(self.ctx, self.athlete_id)

    def apply(self) -> None:
        from planner.store.athletes import load_plan
        from planner.ui.plan_rebuilds import plan_rebuilds

        if not self._captured:  # the plan as it is when the answers change, which undo brings back
            self.previous_plan = load_plan(self.ctx.db, self.athlete_id)
            self._previous_plan_kept = not plan_rebuilds(self.ctx).pending(self.athlete_id)
            self._captured = True
        self._set_answers(self.answers, self.checked_on)
        self._rebuild()

    def revert(self) -> None:
        from planner.store.athletes import save_plan
        from planner.ui.plan_rebuilds import plan_rebuilds

        self._set_answers(self.previous_answers, self.previous_checked_on)
        if self.previous_plan is not None and self._previous_plan_kept:
            plan_rebuilds(self.ctx).cancel(self.athlete_id)  # the plan with these answers is being built: not now
            save_plan(self.ctx.db, self.athlete_id, self.previous_plan, weeks=len(self.previous_plan.weeks))
        else:
            self._rebuild()

    def announce(self) -> None:
        self.ctx.athletes_changed.emit()
        self.ctx.plan_changed.emit(self.athlete_id)
