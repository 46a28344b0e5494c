"""Making an athlete's plan from what the database holds; the window and the CLI share this.

This is the one place a plan is made: `ensure_plan` when a view needs the athlete's plan and there may
be none yet (idempotent), `regenerate_plan` when the season changed or the coach asked for a new one.
`regenerate_plan` is `build_plan` (reads only: the athlete, library, wizard rules and training log, then the
scheduler) followed by `save_built_plan` (the coach's dose edits put back, one short write).

In the window, the build runs off the UI thread and the write on it: `planner.ui.plan_rebuilds.PlanRebuilds`
runs `build_plan` as an operation (plain data in, a Plan out) and saves the result with `save_built_plan` on
the UI thread, where every other write of the window happens, so the process stays one SQLite writer; the undo
command that records the change is pushed once that write succeeded. `ensure_plan` runs wherever the plan is
needed (the preview and the team batch in operations: it is safe across threads).
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

from planner.domain.plan import Plan

if TYPE_CHECKING:
    from planner.store.database import Database


def build_plan(db: Database, athlete_id: int, *, start: dt.date | None = None, weeks: int | None = None) -> Plan:
    """Make the athlete's plan from the library, wizard rules and stored training log, without the coach's
    dose edits and without saving it (over the season's default weeks when `start` or `weeks` is None).

    Only reads, each in its own short transaction: safe on a worker thread beside the UI thread's writes.
    The library is read once per handle and kept until the exercise table changes (store.library_cache).
    """
    from planner.domain.dates import season_horizon
    from planner.domain.season import make_plan
    from planner.store import athletes
    from planner.store.library_cache import library_for_plans
    from planner.store.training_log import log_entries
    from planner.store.wizard_rules import load_wizard_rules

    athlete = athletes.get_athlete(db, athlete_id).athlete
    if start is None or weeks is None:
        default_start, default_weeks = season_horizon([r.date for r in athlete.races])
        start = start or default_start
        weeks = weeks or default_weeks
    # The stored training log decides next week's doses, as the athlete file's `log` does for the CLI.
    log = log_entries(db, athlete_id)
    # The library as last read through this handle while nobody changed it (a 50,000-exercise read costs
    # seconds, a plan tens of milliseconds); read again after any change, by anyone (store.library_cache).
    library = library_for_plans(db)
    return make_plan(athlete, library, load_wizard_rules(), start=start, weeks=weeks, log=log)


def save_built_plan(
    db: Database, athlete_id: int, plan: Plan, *, keep_edits: bool = True, expected_version: int | None = None
) -> Plan:
    """Save a plan from `build_plan` as the athlete's plan, with the coach's dose edits as they are now put
    back (or, with `keep_edits` False, forgotten); return the plan as saved.

    `expected_version` (the plan's version when the coach asked for it): refused with EditConflict before
    anything is written, dose edits included, when another coach saved the plan since (athletes.save_plan).
    """
    from planner.domain.plan_edits import apply_dose_edits
    from planner.store import athletes

    if keep_edits:
        plan = apply_dose_edits(plan, athletes.dose_edits(db, athlete_id))
    else:
        athletes.check_plan(db, athlete_id, expected_version)  # before their dose edits could be forgotten
        athletes.clear_dose_edits(db, athlete_id)
    athletes.save_plan(db, athlete_id, plan, weeks=len(plan.weeks), expected_version=expected_version)
    return plan


def regenerate_plan(
    db: Database, athlete_id: int, *, start: dt.date | None = None, weeks: int | None = None, keep_edits: bool = True
) -> Plan:
    """Build the athlete's plan from the library and wizard rules, reapply the coach's dose edits
    (unless `keep_edits` is False, which also forgets them) and save it as the athlete's plan."""
    return save_built_plan(db, athlete_id, build_plan(db, athlete_id, start=start, weeks=weeks), keep_edits=keep_edits)


# In one process, a view on the UI thread and a preview on a worker may both find no plan for a new athlete:
# one makes it and the other waits and reads it. (Across processes save_plan's upsert keeps it safe.)
_making = threading.Lock()


def ensure_plan(db: Database, athlete_id: int) -> tuple[Plan, bool]:
    """The athlete's saved plan, made (over the season's default weeks) and saved first when there is none.

    Returns (plan, made). Safe to call from any thread, any number of times: a second call finds the plan.
    """
    from planner.store import athletes

    plan = athletes.load_plan(db, athlete_id)
    if plan is not None:
        return plan, False
    with _making:
        plan = athletes.load_plan(db, athlete_id)
        if plan is not None:
            return plan, False
        return regenerate_plan(db, athlete_id), True
