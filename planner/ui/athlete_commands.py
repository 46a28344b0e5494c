"""Undoable changes to the roster. Each command writes at once and announces what changed.

They are DatabaseCommands: a write that fails (a busy or read-only database) leaves nothing on the undo
stack and one calm line in the status bar; an undo that fails keeps the change undoable.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from planner.domain.athlete import DAY_NAMES, DAYS, MAX_WEEK_OVERRIDES, Athlete, DayKind
from planner.domain.conflict import EditConflict
from planner.domain.errors import BadInput
from planner.store import athletes as store
from planner.ui.undo import DatabaseCommand

if TYPE_CHECKING:
    from planner.ui.conflict_dialog import ConflictChoices
    from planner.ui.context import AppContext

log = logging.getLogger(__name__)

MAX_WEEKS = 52


def season_changed(before: Athlete, after: Athlete) -> bool:
    """True when the edit changes what the scheduler sees (the name, level and note do not)."""
    return (
        before.week != after.week
        or before.week_overrides != after.week_overrides
        or before.races != after.races
        or before.equipment != after.equipment
        or before.phases != after.phases
        or before.mileage != after.mileage
        or before.wizard_answers != after.wizard_answers
    )


def refresh_plan(ctx: AppContext, athlete_id: int) -> None:
    """Rebuild the athlete's plan off the UI thread keeping the coach's edits, over the weeks of the saved
    plan (or of the rebuild still running) stretched to cover the last race; it is saved and announced once
    built. A failure is logged and said in the status bar, not raised: the athlete edit itself has been saved."""
    from planner.domain.dates import monday_of
    from planner.ui.plan_rebuilds import plan_rebuilds, rebuild_plan

    start = weeks = None
    running = plan_rebuilds(ctx).pending_range(athlete_id)  # superseded below: its range is the latest asked for
    saved = store.load_plan(ctx.db, athlete_id) if running is None else None
    if running is not None:
        start, weeks = running
    elif saved is not None and saved.weeks:
        start, weeks = saved.start, len(saved.weeks)
    if start is not None and weeks is not None:
        races = [r.date for r in store.get_athlete(ctx.db, athlete_id).athlete.races if r.date >= start]
        if races:
            weeks = max(weeks, (monday_of(max(races)) - start).days // 7 + 2)
        weeks = min(weeks, MAX_WEEKS)
    rebuild_plan(ctx, athlete_id, start=start, weeks=weeks)


class AddAthlete(DatabaseCommand):
    """Adds an athlete; redo after undo brings it back under the same id."""

    def __init__(self, ctx: AppContext, athlete: Athlete, text: str | None = None) -> None:
        super().__init__(ctx, text or f"Add athlete {athlete.name}")
        self.athlete = athlete
        self.athlete_id: int | None = None
        self.version: int | None = None
        self.rows: store.AthleteRows = {}  # what the undo took away: a redo puts back the same rows (ids, UUIDs)

    def apply(self) -> None:
        if self.rows:
            store.restore_athlete_rows(self.ctx.db, self.rows)
        else:
            self.athlete_id = store.add_athlete(self.ctx.db, self.athlete)
        assert self.athlete_id is not None
        self.version = store.athlete_version(self.ctx.db, self.athlete_id)
        self.ctx.athletes_changed.emit()
        self.ctx.set_current_athlete(self.athlete_id)

    def revert(self) -> None:
        assert self.athlete_id is not None
        self.rows = store.athlete_rows(self.ctx.db, self.athlete_id)
        # Never over another coach's edit of the athlete made since: refused and said, not deleted unseen.
        store.delete_athlete(self.ctx.db, self.athlete_id, expected_version=self.version)
        if self.ctx.current_athlete_id == self.athlete_id:
            self.ctx.set_current_athlete(None)
        self.ctx.athletes_changed.emit()


class DuplicateAthlete(AddAthlete):
    """A copy of an athlete named "… (copy)", with the same season and no plan edits."""

    def __init__(self, ctx: AppContext, source: Athlete) -> None:
        super().__init__(ctx, replace(source, name=f"{source.name} (copy)"), f"Duplicate {source.name}")


class EditAthlete(DatabaseCommand):
    """Replaces an athlete's fields; when the season changes, the plan is rebuilt (keeping edits).

    `expected_version` is the athlete's version when the coach started editing: a save another coach
    overtook is refused (EditConflict). After that the command checks against the version it wrote itself,
    so an undo or redo never writes over someone else's newer change.
    """

    def __init__(
        self,
        ctx: AppContext,
        athlete_id: int,
        before: Athlete,
        after: Athlete,
        text: str | None = None,
        *,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(ctx, text or f"Edit {after.name}")
        self.athlete_id = athlete_id
        self.before = before
        self.after = after
        self.version = expected_version  # what the next write starts from; None: the first write checks nothing

    def _apply(self, athlete: Athlete) -> None:
        self.version = store.update_athlete(self.ctx.db, self.athlete_id, athlete, expected_version=self.version)
        self.ctx.athletes_changed.emit()
        if season_changed(self.before, self.after) and self._has_plan():
            refresh_plan(self.ctx, self.athlete_id)
        elif self.before.name != self.after.name:
            self.ctx.plan_changed.emit(self.athlete_id)  # the plan header shows the name

    def _has_plan(self) -> bool:
        from planner.ui.plan_rebuilds import plan_rebuilds

        # A first plan still being built read the athlete before this edit: it must be built again too.
        return (
            plan_rebuilds(self.ctx).pending(self.athlete_id)
            or store.load_plan(self.ctx.db, self.athlete_id) is not None
        )

    def apply(self) -> None:
        self._apply(self.after)

    def revert(self) -> None:
        self._apply(self.before)

    def conflict_choices(self, conflict: EditConflict) -> ConflictChoices:
        from planner.ui.conflict_dialog import ConflictChoices

        ctx, athlete_id, mine = self.ctx, self.athlete_id, self.after

        def keep_mine() -> None:
            try:
                theirs = store.get_athlete(ctx.db, athlete_id)
            except BadInput:  # deleted meanwhile: add this coach's version as a new athlete
                ctx.undo_stack.push(AddAthlete(ctx, mine, f"Add {mine.name} again"))
                return
            ctx.undo_stack.push(
                EditAthlete(ctx, athlete_id, theirs.athlete, mine, f"Edit {mine.name}", expected_version=theirs.version)
            )

        def save_copy() -> None:
            ctx.undo_stack.push(
                AddAthlete(ctx, replace(mine, name=f"{mine.name} (copy)"), f"Save {mine.name} as a copy")
            )

        return ConflictChoices(reload=lambda: _reload_roster(ctx), keep_mine=keep_mine, save_copy=save_copy)


def with_week_run(athlete: Athlete, day: dt.date, kind: DayKind | None) -> Athlete:
    """`athlete` with the run of `day` set for that week only; None gives the day its usual run back.

    Setting the usual kind is kept as an override on purpose: it is how a coach turns down a suggestion.
    """
    monday = (day - dt.timedelta(days=day.weekday())).isoformat()
    name = DAYS[day.weekday()]
    overrides = {m: dict(days) for m, days in athlete.week_overrides.items()}
    week = overrides.setdefault(monday, {})
    if kind is None:
        week.pop(name, None)
    else:
        week[name] = kind
    if not week:
        del overrides[monday]
    if len(overrides) > MAX_WEEK_OVERRIDES:
        raise BadInput(f"at most {MAX_WEEK_OVERRIDES} weeks can be changed one by one", field="week_overrides")
    return replace(athlete, week_overrides=overrides)


class ChangeWeekRun(EditAthlete):
    """One week's run of one day, changed in the Plan view (the athlete's usual week stays as it is);
    the plan is rebuilt around it, and undo gives back both the run and the plan."""

    def __init__(
        self,
        ctx: AppContext,
        athlete_id: int,
        before: Athlete,
        day: dt.date,
        kind: DayKind | None,
        *,
        expected_version: int | None = None,
    ) -> None:
        after = with_week_run(before, day, kind)
        what = "its usual run" if kind is None else {"rest": "rest"}.get(kind.value, f"{kind.value} run")
        text = f"{DAY_NAMES[DAYS[day.weekday()]]} {day.day} {day:%b}: {what}"
        super().__init__(ctx, athlete_id, before, after, text, expected_version=expected_version)


def _reload_roster(ctx: AppContext) -> None:
    from PySide6.QtWidgets import QApplication

    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()  # the refused edit is no longer in progress: let the form show their version
    ctx.athletes_changed.emit()


class DeleteAthlete(DatabaseCommand):
    """Deletes an athlete; undo puts back exactly the rows that were deleted (the athlete, races, phases, plan,
    dose edits, training log and calendar memory, with their ids and UUIDs) in one transaction."""

    def __init__(self, ctx: AppContext, athlete_id: int) -> None:
        stored = store.get_athlete(ctx.db, athlete_id)
        super().__init__(ctx, f"Delete {stored.athlete.name}")
        self.athlete_id = athlete_id
        self.athlete = stored.athlete
        self.version: int | None = stored.version  # another coach's change since: refused, not deleted unseen
        self.rows: store.AthleteRows = {}
        self.rebuild_on_undo = False  # the plan above was being rebuilt when the athlete was deleted

    def apply(self) -> None:
        from planner.ui.plan_rebuilds import plan_rebuilds

        # Read at each delete (a redo after undo too): what the undo puts back is what this delete took away.
        self.rows = store.athlete_rows(self.ctx.db, self.athlete_id)
        store.delete_athlete(self.ctx.db, self.athlete_id, expected_version=self.version)
        self.version = None  # a redo after undo deletes the athlete its undo put back
        # A plan still being built is for nobody now; the undo builds it again over the plan it restores.
        self.rebuild_on_undo = plan_rebuilds(self.ctx).cancel(self.athlete_id) or self.rebuild_on_undo
        if self.ctx.current_athlete_id == self.athlete_id:
            self.ctx.set_current_athlete(None)
        self.ctx.athletes_changed.emit()

    def revert(self) -> None:
        store.restore_athlete_rows(self.ctx.db, self.rows)  # all or nothing: a failed undo can be tried again
        self.ctx.athletes_changed.emit()
        self.ctx.set_current_athlete(self.athlete_id)
        self.ctx.plan_changed.emit(self.athlete_id)
        if self.rebuild_on_undo:
            refresh_plan(self.ctx, self.athlete_id)
