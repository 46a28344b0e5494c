"""First start: a short welcome and a demo athlete, so a new coach sees a filled-in plan at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import Settings

WELCOME = (
    "Welcome to Stride Planner.\n\n"
    "We added a demo athlete with a season plan so you can look around. Add your own athletes in the "
    "Athletes view; the exercise library is yours to edit."
)


def create_demo_athlete(ctx: AppContext) -> int | None:
    """Store the demo athlete, build its plan and make it current; None when the parts are not there yet."""
    try:
        from planner.export.demo import demo_athlete
        from planner.store.athletes import add_athlete
    except ImportError:
        return None
    athlete_id = add_athlete(ctx.db, demo_athlete())
    try:
        from planner.store.plans import regenerate_plan

        regenerate_plan(ctx.db, athlete_id)
    except ImportError:
        pass  # the scheduler is not there yet: the athlete still helps
    ctx.athletes_changed.emit()
    ctx.set_current_athlete(athlete_id)
    return athlete_id


def maybe_welcome(window: MainWindow, ctx: AppContext, settings: Settings) -> bool:
    """On a database without athletes, the first time: demo athlete + welcome. True when it ran."""
    from planner.store.athletes import list_athletes

    if settings.get("first_run_done") or ctx.db is None or list_athletes(ctx.db):
        return False
    settings.set("first_run_done", True)
    try:
        created = create_demo_athlete(ctx)
    except Exception as exc:  # a demo that fails must not keep the coach out of the app
        from planner.cli import log_exception

        log_exception(exc)
        created = None
    text = WELCOME if created is not None else WELCOME.split("\n\n")[0] + "\n\nStart by adding an athlete."
    box = QMessageBox(QMessageBox.Icon.Information, "Welcome", text, QMessageBox.StandardButton.Ok, window)
    box.setModal(False)
    box.show()
    return True
