"""First start: a demo athlete with a season plan, so a new coach sees the whole flow at once,
and a short welcome. The data step runs before the views load (screenshots included); only the
welcome dialog is skipped in screenshot mode or with STRIDE_PLANNER_NO_WELCOME=1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from planner.store.roster import athlete_ids

if TYPE_CHECKING:
    from planner.domain.plan import Plan
    from planner.store.database import Database
    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow
    from planner.ui.operations import Failure
    from planner.ui.settings import Settings

WELCOME = (
    "Welcome to Stride Planner.\n\n"
    "We added a demo athlete with a season plan so you can look around: the Plan view shows where each "
    "strength session sits and why, the Wizard runs a symptom check, and Export prints the weekly sheets. "
    "Add your own athletes in the Athletes view; the exercise library is yours to edit."
)


def prepare_first_run(
    db: Database, settings: Settings, ctx: AppContext | None = None, *, roster: Sequence[int] | None = None
) -> int | None:
    """On a database without athletes, the first time: store the demo athlete and build its plan.

    Returns the demo athlete's id, or None when it was not the first run. A demo that fails is logged
    and never keeps the coach out of the app. The first run counts as done only once the demo athlete
    and its plan are stored: a database that was busy (another Stride Planner importing) or read-only
    gets its demo on a later start.

    With the window's `ctx`, the plan is built off the UI thread (the window opens on the demo athlete
    while it is built; the Plan view waits for it) and saved when it is ready; without, before returning.
    `roster` is the athletes' ids the caller has already read (read here when not given).
    """
    from planner.store.database import DatabaseUnavailable, retry_when_busy

    try:
        if settings.get("first_run_done") or (roster if roster is not None else athlete_ids(db)):
            return None  # the usual start: nothing below is even imported
        from planner.export.demo import demo_athlete
        from planner.store.athletes import add_athlete, delete_athlete
        from planner.store.plans import regenerate_plan

        athlete_id = retry_when_busy(lambda: add_athlete(db, demo_athlete()), db)
        if ctx is not None:
            _build_demo_plan(ctx, db, settings, athlete_id)
            return athlete_id
        try:
            retry_when_busy(lambda: regenerate_plan(db, athlete_id), db)
        except DatabaseUnavailable:
            delete_athlete(db, athlete_id)  # a demo without its plan would show an empty Plan view
            raise
    except DatabaseUnavailable as exc:
        import logging

        logging.getLogger(__name__).warning("no demo athlete on this first run: %s", exc)
        return None
    except Exception as exc:
        from planner.logs import log_exception

        log_exception(exc, context="creating the demo athlete on a first run")
        return None
    settings.set("first_run_done", True)
    return athlete_id


def _build_demo_plan(ctx: AppContext, db: Database, settings: Settings, athlete_id: int) -> None:
    from planner.store.database import DatabaseUnavailable, retry_when_busy
    from planner.store.plans import save_built_plan
    from planner.ui.plan_rebuilds import plan_rebuilds

    def save(plan: Plan, closing: bool) -> None:
        try:
            retry_when_busy(lambda: save_built_plan(db, athlete_id, plan), db)
        except DatabaseUnavailable as exc:
            _no_demo(ctx, db, athlete_id, str(exc))
            return
        except Exception as exc:
            from planner.logs import log_exception

            log_exception(exc, context="saving the demo athlete's plan on a first run")
            return
        settings.set("first_run_done", True)
        if not closing:
            ctx.plan_changed.emit(athlete_id)

    def failed(failure: Failure) -> None:
        # A fault of ours was logged by the operation; the demo athlete stays, and the Plan view tries again.
        if failure.user_error:
            _no_demo(ctx, db, athlete_id, failure.message)

    plan_rebuilds(ctx).rebuild(athlete_id, then=save, failed=failed, db=db)


def _no_demo(ctx: AppContext, db: Database, athlete_id: int, why: str) -> None:
    """The demo's plan could not be stored: take the demo athlete out again, so a later start makes both."""
    import logging

    from planner.store.athletes import delete_athlete
    from planner.store.database import DatabaseUnavailable, retry_when_busy

    logging.getLogger(__name__).warning("no demo athlete on this first run: %s", why)
    try:
        retry_when_busy(lambda: delete_athlete(db, athlete_id), db)
    except DatabaseUnavailable:
        return  # still busy: the demo athlete stays, and its Plan view makes the plan when it is needed
    if ctx.current_athlete_id == athlete_id:
        ctx.set_current_athlete(None)
    ctx.athletes_changed.emit()


def starting_athlete(
    db: Database, settings: Settings, demo_id: int | None, *, roster: Sequence[int] | None = None
) -> int | None:
    """The athlete the window opens on: the demo on a first run, else the last one shown, else the first.

    `roster` is the athletes' ids, in the roster's order, the caller has already read (read here when not given).
    """
    if demo_id is not None:
        return demo_id
    ids = list(roster if roster is not None else athlete_ids(db))
    remembered = settings.get("current_athlete")
    if remembered in ids:
        return remembered
    return ids[0] if ids else None


def show_welcome(window: MainWindow, *, demo_created: bool) -> QMessageBox:
    text = WELCOME if demo_created else WELCOME.split("\n\n")[0] + "\n\nStart by adding an athlete."
    box = QMessageBox(QMessageBox.Icon.Information, "Welcome", text, QMessageBox.StandardButton.Ok, window)
    box.setModal(False)
    box.show()
    return box
