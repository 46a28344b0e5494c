"""Plan rebuilds off the UI thread: built by a worker through the one operation helper, saved on the UI thread.

A rebuild has two steps. `build_plan` (the scheduler over the whole library: the slow part) runs as an
operation (`planner.ui.operations`): plain data in (the database handle, the athlete's id, start and weeks),
a Plan out. `save_built_plan` then writes it on the UI thread, with the coach's dose edits as they are at that
moment: every write of the window happens on the UI thread, so the process is one SQLite writer (a worker
only reads, which WAL lets it do beside a write), and a dose edit made while the plan was being built is kept.

Latest wins. `PlanRebuilds` keeps one generation counter per athlete: a new rebuild of an athlete supersedes
the one still running (cancelled, its result dropped when it comes), and so does a change that writes an
exact plan (an undo). A rebuild the coach asked for (`planner.ui.plan_commands.regenerate`) ends in an undo
command pushed once its plan is saved, and an undo of one of that athlete's plan changes meanwhile cancels it.
A rebuild that follows a change already on the undo stack (an athlete or wizard edit: `rebuild_plan`) just
saves and announces the plan.

Closing the window loses nothing: `wait_for_all` (the window's closeEvent, aboutToQuit) waits for every job and
drops its result; a rebuild that is the latest for its athlete still finishes its build then (quitting does not
stop it, only superseding does), and its plan is saved as the operation ends, without announcing it.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from planner.domain.errors import BadInput
from planner.domain.plan import Plan
from planner.ui.operations import Control, Failure, Operation, OperationCancelled, run_operation, runner
from planner.ui.undo import plain

if TYPE_CHECKING:
    from planner.store.database import Database
    from planner.ui.context import AppContext


@dataclass(slots=True)
class _Outcome:
    """Shared by a job and its rebuild, plain values only: the flag that supersedes it, and its plan once
    built (read when the window closes and the operation's own result is dropped)."""

    superseded: threading.Event = field(default_factory=threading.Event)
    plan: Plan | None = None


def _build(
    db: Database, athlete_id: int, start: dt.date | None, weeks: int | None, outcome: _Outcome, _control: Control
) -> Plan:
    """The job: build the plan on a worker thread. It only reads the database; the UI thread writes.

    It stops for `outcome.superseded`, not for the operation's cancel flag: that one is also raised when the
    window closes, and then the latest plan must still be built and saved."""
    from planner.store import plans

    if outcome.superseded.is_set():
        raise OperationCancelled
    plan = plans.build_plan(db, athlete_id, start=start, weeks=weeks)
    if outcome.superseded.is_set():
        raise OperationCancelled
    outcome.plan = plan
    return plan


@dataclass(slots=True)
class _Rebuild:
    athlete_id: int
    generation: int
    start: dt.date | None
    weeks: int | None
    then: Callable[[Plan, bool], None]  # (plan, closing): save it; announce it unless the window is closing
    failed: Callable[[Failure], None]
    request: bool  # the coach asked for it (no command on the stack yet): an undo cancels it
    outcome: _Outcome
    operation: Operation[Plan] | None = None


class PlanRebuilds(QObject):
    """The plan rebuilds of one window (one per AppContext: `plan_rebuilds(ctx)`); UI thread only."""

    settled = Signal(int)  # athlete id: none of their rebuilds runs any more (saved, failed or superseded)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.setObjectName("planRebuilds")
        self.ctx = ctx
        self._generation: dict[int, int] = {}
        self._pending: dict[int, _Rebuild] = {}
        runner().ended.connect(self._on_operation_ended)

    def rebuild(
        self,
        athlete_id: int,
        *,
        then: Callable[[Plan, bool], None],
        failed: Callable[[Failure], None],
        start: dt.date | None = None,
        weeks: int | None = None,
        request: bool = False,
        db: Database | None = None,
    ) -> None:
        """Build the athlete's plan off the UI thread, then call `then(plan, closing)` on the UI thread (it
        saves); a failure goes to `failed`. A rebuild of the same athlete still running is superseded."""
        self._supersede(athlete_id)
        generation = self._generation[athlete_id]
        outcome = _Outcome()
        pending = _Rebuild(athlete_id, generation, start, weeks, then, failed, request, outcome)
        job = functools.partial(_build, db or self.ctx.db, athlete_id, start, weeks, outcome)
        pending.operation = run_operation(
            job,
            name=f"rebuilding the plan of athlete {athlete_id}",
            owner=self,
            on_done=lambda plan: self._done(athlete_id, generation, plan),
            on_failed=lambda failure: self._failed(athlete_id, generation, failure),
            on_cancelled=lambda: self._cancelled(athlete_id, generation),
        )
        self._pending[athlete_id] = pending

    def pending(self, athlete_id: int) -> bool:
        """True while a rebuild of the athlete's plan runs (its plan in the database is about to change)."""
        return athlete_id in self._pending

    def pending_range(self, athlete_id: int) -> tuple[dt.date | None, int | None] | None:
        """(start, weeks) of the rebuild running for the athlete, or None."""
        pending = self._pending.get(athlete_id)
        return None if pending is None else (pending.start, pending.weeks)

    def cancel(self, athlete_id: int, *, requests_only: bool = False) -> bool:
        """Supersede the athlete's running rebuild (all of them, or only one the coach asked for); True if
        one was running. A change that writes an exact plan calls this first: its write is the latest word."""
        pending = self._pending.get(athlete_id)
        if pending is None or (requests_only and not pending.request):
            return False
        self._supersede(athlete_id)
        self.settled.emit(athlete_id)
        return True

    # -- on the UI thread, from the operation ---------------------------------------------------
    def _supersede(self, athlete_id: int) -> None:
        self._generation[athlete_id] = self._generation.get(athlete_id, 0) + 1
        old = self._pending.pop(athlete_id, None)
        if old is not None:
            old.outcome.superseded.set()
            if old.operation is not None:
                old.operation.cancel()

    def _current(self, athlete_id: int, generation: int) -> _Rebuild | None:
        pending = self._pending.get(athlete_id)
        return pending if pending is not None and pending.generation == generation else None

    def _settle(self, pending: _Rebuild, plan: Plan, *, closing: bool = False) -> None:
        del self._pending[pending.athlete_id]
        try:
            pending.then(plan, closing)
        finally:
            self.settled.emit(pending.athlete_id)

    def _done(self, athlete_id: int, generation: int, plan: Plan) -> None:
        pending = self._current(athlete_id, generation)
        if pending is not None:  # else superseded: latest wins
            self._settle(pending, plan)

    def _on_operation_ended(self, operation: Operation) -> None:
        # "dropped": wait_for_all joined the job's thread and threw its result away (the window is closing).
        if operation.outcome != "dropped":
            return
        pending = next((p for p in self._pending.values() if p.operation is operation), None)
        if pending is not None and pending.outcome.plan is not None:
            self._settle(pending, pending.outcome.plan, closing=True)

    def _failed(self, athlete_id: int, generation: int, failure: Failure) -> None:
        pending = self._current(athlete_id, generation)
        if pending is None:
            return
        del self._pending[athlete_id]
        try:
            pending.failed(failure)
        finally:
            self.settled.emit(athlete_id)

    def _cancelled(self, athlete_id: int, generation: int) -> None:
        if self._current(athlete_id, generation) is not None:  # cancelled from outside (not superseded)
            del self._pending[athlete_id]
            self.settled.emit(athlete_id)


def plan_rebuilds(ctx: AppContext) -> PlanRebuilds:
    """The window's PlanRebuilds (made on first use, a child of the context)."""
    found = ctx.findChild(PlanRebuilds, "planRebuilds", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else PlanRebuilds(ctx)


def failure_text(failure: Failure, doing: str) -> str:
    """One status-bar line for a rebuild that failed: the user's words for a database they can act on, the
    log file's path for a fault of ours. `doing` completes "The plan could not be …" ("rebuilt")."""
    if failure.user_error:
        return f"The plan was not {doing}: {_without_source(failure.message)}"
    from pathlib import Path

    from planner.logs import log_location

    where = log_location(None if failure.log_file is None else Path(failure.log_file))
    return f"The plan could not be {doing}; details are in {where}."


def _without_source(message: str) -> str:
    # A database error names the file first ("/…/stride-planner.db: the database is busy…"); the window
    # shows the file elsewhere, as `plain` does for an exception.
    head, sep, rest = message.partition(": ")
    return rest if sep and (head.endswith(".db") or "://" in head) else message


def rebuild_plan(
    ctx: AppContext,
    athlete_id: int,
    *,
    start: dt.date | None = None,
    weeks: int | None = None,
    doing: str = "rebuilt",
) -> None:
    """Rebuild the athlete's plan off the UI thread, keeping the coach's edits; once built, save it and
    announce it (plan_changed). For a change already on the undo stack (it follows an athlete or wizard edit):
    a failure is said in the status bar, not raised, and the change itself stays made."""

    def save(plan: Plan, closing: bool) -> None:
        if save_rebuilt_plan(ctx, ctx.db, athlete_id, plan, doing=doing) and not closing:
            ctx.plan_changed.emit(athlete_id)

    plan_rebuilds(ctx).rebuild(
        athlete_id, start=start, weeks=weeks, then=save, failed=lambda failure: ctx.say(failure_text(failure, doing))
    )


def save_rebuilt_plan(
    ctx: AppContext, db: Database, athlete_id: int, plan: Plan, *, doing: str = "rebuilt", keep_edits: bool = True
) -> bool:
    """Save a built plan (with the coach's dose edits as they are now) on the UI thread; say a failure."""
    from planner.store.database import retry_when_busy
    from planner.store.plans import save_built_plan

    try:
        retry_when_busy(lambda: save_built_plan(db, athlete_id, plan, keep_edits=keep_edits), db)
    except BadInput as exc:  # busy, read-only, full: the coach can act on it, no traceback
        ctx.say(f"The plan was not {doing}: {plain(exc)}")
        return False
    except Exception:  # ours: log it with its traceback, keep the window usable
        from planner.logs import log_exception, log_location

        path = log_exception(context=f"saving the rebuilt plan of athlete {athlete_id}")
        ctx.say(f"The plan could not be {doing}; details are in {log_location(path)}.")
        return False
    return True
