"""Window fixtures: a fresh database and context per test, and a check that nothing is left running."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from planner.store.database import Database, open_database
from planner.ui.context import AppContext
from planner.ui.operations import wait_for_all
from planner.ui.settings import Settings


@pytest.fixture(autouse=True)
def no_leftovers(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a visible window or a background thread behind."""
    yield
    qapp.processEvents()
    # Every preview, save, print, import and batch runs as an operation: each must stop when cancelled, as the
    # window's quit asks them to. One the test's last step started may still be finishing its current step on a
    # loaded machine (that is not a leak, and failing for it made CI fail by chance); one that will not stop
    # within the quit's wait is.
    stuck = wait_for_all()
    windows = [w for w in qapp.topLevelWidgets() if w.isVisible()]
    for window in windows:
        window.close()
    assert not stuck, f"operations that would not stop when cancelled: {stuck}"
    assert not windows, f"windows left open: {[type(w).__name__ + ' ' + w.windowTitle() for w in windows]}"


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def db(tmp_path: Path, db_path: Path | str) -> Iterator[Database]:
    # A file of its own; with STRIDE_TEST_DB=postgresql the test's database on the server (tests/conftest.py).
    database = open_database(db_path if isinstance(db_path, str) else tmp_path / "library.db")
    yield database
    database.close()


@pytest.fixture
def other_coach(db: Database, db_path: Path | str) -> Iterator[Database]:
    """A second handle on the test's database (the file, or the server's database): another coach, "ben"."""
    other = open_database(db.path if db.path is not None else db_path)
    other.who = "ben"
    yield other
    other.close()


@pytest.fixture
def maya(ctx: AppContext) -> int:
    """A runner with a 10k race in week 9 and a 10-week plan from tests.ui.club.START (the club tests' athlete)."""
    import datetime as dt

    from planner.domain.athlete import Athlete, Priority, Race
    from planner.store import athletes
    from planner.store.plans import regenerate_plan
    from tests.ui.club import START

    race = Race(START + dt.timedelta(weeks=8, days=6), "Spring 10k", Priority.A)
    athlete_id = athletes.add_athlete(ctx.db, Athlete(name="Maya", races=(race,)))
    regenerate_plan(ctx.db, athlete_id, start=START, weeks=10)
    return athlete_id


@pytest.fixture
def library_view(qtbot, ctx: AppContext):
    """The Library view on the test database, shown at 1100 x 700, loaded and painted."""
    from tests.ui.views import open_library_view

    return open_library_view(qtbot, ctx)


@pytest.fixture
def ctx(db: Database, settings: Settings) -> AppContext:
    context = AppContext(db, settings)
    yield context
    context.undo_stack.clear()
    context.deleteLater()


@pytest.fixture
def main_window(qtbot, ctx: AppContext, settings: Settings, db: Database):
    """The main window on the test database, shown on the library; closed after the test."""
    from planner.ui.main_window import MainWindow

    window = MainWindow(AppContext(None, settings), settings)
    window.show_view("library")
    window.show()
    qtbot.waitExposed(window)
    window.set_database(db)
    yield window
    window.close()
    window.ctx.undo_stack.clear()
    window.deleteLater()
    QApplication.processEvents()


@pytest.fixture(autouse=True, scope="session")
def keyboard_manners(qapp: QApplication) -> None:
    """The window installs them once per process; install them for every UI test, so none depends on order."""
    from planner.ui.keyboard import install

    install(qapp)
