"""First start: a demo athlete with a season plan, so a new coach sees the whole flow at once,
and a short welcome. The data step runs before the views load (screenshots included); only the
welcome dialog is skipped in screenshot mode or with STRIDE_PLANNER_NO_WELCOME=1."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from planner.store.database import Database
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import Settings

WELCOME = (
    "Welcome to Stride Planner.\n\n"
    "We added a demo athlete with a season plan so you can look around: the Plan view shows where each "
    "strength session sits and why, the Wizard runs a symptom check, and Export prints the weekly sheets. "
    "Add your own athletes in the Athletes view; the exercise library is yours to edit."
)


def prepare_first_run(db: Database, settings: Settings) -> int | None:
    """On a database without athletes, the first time: store the demo athlete and build its plan.

    Returns the demo athlete's id, or None when it was not the first run. A demo that fails is logged
    and never keeps the coach out of the app. The first run counts as done only once the demo athlete
    is stored: a database that was busy (another Stride Planner importing) or read-only gets its demo
    on a later start.
    """
    from planner.store.athletes import add_athlete, delete_athlete, list_athletes
    from planner.store.database import DatabaseUnavailable, retry_when_busy

    try:
        if settings.get("first_run_done") or list_athletes(db):
            return None
        from planner.export.demo import demo_athlete
        from planner.store.plans import regenerate_plan

        athlete_id = retry_when_busy(lambda: add_athlete(db, demo_athlete()), db)
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


def starting_athlete(db: Database, settings: Settings, demo_id: int | None) -> int | None:
    """The athlete the window opens on: the demo on a first run, else the last one shown, else the first."""
    from planner.store.athletes import list_athletes

    if demo_id is not None:
        return demo_id
    ids = [a.id for a in list_athletes(db)]
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
