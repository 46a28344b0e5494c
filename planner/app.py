"""The window door: start Qt, paint the window shell, then open the database and load the views.

Nothing slow (sqlmodel, alembic, reportlab) is imported before the first paint; the database opens
from the event loop right after it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from planner.domain.errors import BadInput

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from planner.ui.main_window import MainWindow

SCREENSHOT_SIZE = (1280, 800)
SCREENSHOT_TIMEOUT_MS = 20_000
SCREENSHOT_PNG_QUALITY = 80  # Qt maps a PNG's quality to zlib's level: 80 is level 1
EXIT_OK, EXIT_FAULT, EXIT_BAD_INPUT, EXIT_NO_DISPLAY = 0, 1, 2, 3


def display_problem() -> str | None:
    """Why Qt could not show a window here, or None (only Linux/BSD need a display server)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return None
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return "neither DISPLAY nor WAYLAND_DISPLAY is set (run it in a desktop session, or use the command line)"


def database_target(args: Namespace) -> str:
    """--db, else STRIDE_PLANNER_DB, else the default database chosen in Preferences, else the data folder."""
    from planner.paths import default_database
    from planner.ui.settings import Settings

    if getattr(args, "db", None):
        return str(args.db)
    if os.environ.get("STRIDE_PLANNER_DB"):
        return os.environ["STRIDE_PLANNER_DB"]
    return Settings().get("default_database") or default_database()


def drop_import_sources() -> None:
    """Forget the source text PySide6 read while modules were imported.

    PySide6 reads the whole source of every module imported after it (inspect.getsource, to see whether the
    module uses PySide6: PYSIDE-2029), and Python's linecache keeps it: ~3 MiB of text for the window's modules,
    never used again. A traceback reads what it needs afresh.
    """
    import linecache

    linecache.clearcache()


class GarbageCollector:
    """Automatic gc off; a main-thread timer collects instead (Anki's GarbageCollector in qt/aqt/main.py).

    Qt wrappers (the window, the views, QUndoStack) end up in cyclic garbage after UI work. Automatic gc
    runs on whichever thread crosses an allocation threshold, so a worker building a PDF could free a Qt
    object on its thread and crash the process. Collecting only here keeps every collection on the UI
    thread: the young generation often (cheap), everything rarely. `freeze()` after start-up moves what
    start-up made (modules, the window) out of the collector's way for good.
    """

    def __init__(self, parent: QObject, *, tick_ms: int = 1000, full_every: int = 300) -> None:
        from PySide6.QtCore import QTimer

        gc.disable()
        self.full_every = full_every  # ticks between full collections: every 5 minutes by default
        self.ticks = 0
        self.young_threshold = max(1, gc.get_threshold()[0])  # what automatic gc would have waited for
        self.timer = QTimer(parent)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        self.ticks += 1
        if self.ticks % self.full_every == 0:
            gc.collect()
        elif gc.get_count()[0] >= self.young_threshold:
            gc.collect(0)

    @staticmethod
    def freeze() -> None:
        """Start-up is over: collect once, then keep what is left out of every later collection."""
        drop_import_sources()
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        self.timer.stop()


def run_window(args: Namespace) -> int:
    """Open the main window (or take a screenshot of it) and return the exit status."""
    # Automatic gc off from here, not only once the collector exists: importing PySide6 and the window's modules
    # made ~40 young collections (~40 ms) before the first paint, all of long-lived objects.
    gc.disable()
    from planner.logs import setup_logging

    setup_logging("window")
    screenshot = getattr(args, "screenshot", None)
    problem = display_problem()
    if problem is not None:
        if not screenshot:
            print(f"No display found: {problem}.", file=sys.stderr)
            return EXIT_NO_DISPLAY
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Stride Planner")
    app.setOrganizationName("StridePlanner")
    app.setApplicationVersion(_version())
    collector = GarbageCollector(app)  # before the window exists: no Qt wrapper is ever collected elsewhere
    session = WindowSession(app, args)
    session.collector = collector
    status = session.run()
    global _session_over
    _session_over = True
    return status


_session_over = False  # a window session has run and closed what it owns (see end_process)


def window_session_over() -> bool:
    """Whether this process ran the window and the window has closed its database and saved its settings."""
    return _session_over


def end_process(status: int) -> NoReturn:
    """End the window's process now that the window has closed its database, saved its settings and joined its
    jobs: run the exit handlers (the log's flush and close, temporary folders, worker pools), flush the standard
    streams, and leave without the interpreter's teardown.

    That teardown frees every module, Python object and Qt object one by one (50-100 ms here after a window,
    as long as a third of a start) only for the operating system to take the whole process back a moment later;
    browsers end the same way ("fast shutdown"). Called by the command's entry point (planner.cli.run), never by
    code that runs the window inside another program (the tests)."""
    import atexit

    atexit._run_exitfuncs()  # what the interpreter would run at exit; the rest of its teardown only frees memory
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(status)


def _version() -> str:
    from planner import __version__

    return __version__


class WindowSession:
    """One run of the window: builds it, opens the database after the first paint, takes screenshots."""

    def __init__(self, app: QApplication, args: Namespace) -> None:
        from planner.ui.context import AppContext
        from planner.ui.main_window import MainWindow
        from planner.ui.main_window_views import VIEW_NAMES
        from planner.ui.settings import Settings
        from planner.ui.style import app_icon, apply_style

        self.app = app
        self.args = args
        self.screenshot: str | None = getattr(args, "screenshot", None)
        self.view_name: str = getattr(args, "view", None) or ""
        self.exit_code = EXIT_OK
        self.collector: GarbageCollector | None = None  # run_window installs it; tests may run without
        self.settings = Settings()
        palette = getattr(args, "palette", None)  # --palette for this run only; Preferences keep theirs
        apply_style(app, dark=palette == "dark" if palette else bool(self.settings.get("dark_palette")))
        app.setWindowIcon(app_icon())
        self.target = database_target(args)
        self.ctx = AppContext(None, self.settings)
        self.window: MainWindow = MainWindow(self.ctx, self.settings, database_label=self.target)
        if not self.view_name:
            self.view_name = self.settings.get("window/last_view")
        size = getattr(args, "size", None)
        if size or self.screenshot:
            self.window.resize(*(size or SCREENSHOT_SIZE))
        self.window.show_view(self.view_name if self.view_name in VIEW_NAMES else "library")
        if os.environ.get("STRIDE_PLANNER_EXIT_AFTER") == "first-paint":
            # bench/run.py times process start -> first paint: quit there, before the database opens.
            self.window.first_painted.connect(self.app.quit)
        else:
            self.window.first_painted.connect(self._open_database)

    def run(self) -> int:
        from PySide6.QtCore import QTimer

        self.window.show()
        if self.screenshot:
            QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, self._screenshot_timeout)
        status = self.app.exec()
        self._close()
        return self.exit_code if self.exit_code != EXIT_OK else status

    # -- after the first paint -----------------------------------------------------------------
    def _open_database(self) -> None:
        drop_import_sources()  # before the Library's rows fill the memory it frees
        from planner.store.database import open_database

        try:
            db = self._open_asking_about_backup(open_database)
        except BadInput as exc:
            self._fail(EXIT_BAD_INPUT, "The database cannot be opened", f"{exc}\n\nThe file was not changed.")
            return
        except Exception as exc:
            from planner.logs import log_exception, log_location

            where = log_location(log_exception(exc, context="opening the database"))
            self._fail(
                EXIT_FAULT,
                "Something went wrong",
                f"The database could not be opened: {exc}\n\nDetails are in {where}.",
            )
            return
        self.db = db
        from planner.store.roster import athlete_ids
        from planner.ui.main_window_first_run import prepare_first_run, starting_athlete

        roster = athlete_ids(db)  # once, with sqlite3 alone for a file: both steps below need it
        demo_id = prepare_first_run(db, self.settings, self.ctx, roster=roster)  # its plan is built off the UI thread
        self.ctx.set_current_athlete(starting_athlete(db, self.settings, demo_id, roster=roster))
        self.ctx.current_athlete_changed.connect(
            lambda athlete_id: self.settings.set("current_athlete", athlete_id or 0)
        )
        self.window.set_database(db)
        drop_import_sources()  # again: the modules the database and the view brought in
        if self.collector is not None and not self.screenshot:
            # Once the view is on screen: the one full collection of start-up need not delay it. (A screenshot
            # run ends at that moment, with nothing to keep lean.)
            self._when_view_ready(self.collector.freeze)
        if self.screenshot:
            self._screenshot_when_ready()
        elif demo_id is not None and os.environ.get("STRIDE_PLANNER_NO_WELCOME") != "1":
            from planner.ui.main_window_first_run import show_welcome

            show_welcome(self.window, demo_created=True)

    def _open_asking_about_backup(self, open_database: Callable[[str], Any]) -> Any:
        """open_database; a server database that needs an upgrade pg_dump cannot back up first is upgraded
        only when the coach agrees (asked here, at start-up, before anything else happens in the window)."""
        from planner.store.database import BackupUnavailable, upgrades_without_backup

        try:
            return open_database(self.target)
        except BackupUnavailable as exc:
            if self.screenshot or not self._agree_to_upgrade_without_backup(str(exc)):
                raise
        with upgrades_without_backup():
            return open_database(self.target)

    def _agree_to_upgrade_without_backup(self, why: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self.window,
            "Upgrade without a backup?",
            f"{why}\n\nOther coaches using this database need the same version of Stride Planner after the "
            "upgrade. Upgrade it now without a backup?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _fail(self, code: int, title: str, text: str) -> None:
        self.exit_code = code
        print(f"stride-planner: {text.splitlines()[0]}", file=sys.stderr)
        if not self.screenshot:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(self.window, title, text)
        self.window.close()
        self.app.exit(code)

    # -- screenshots ---------------------------------------------------------------------------
    def _screenshot_when_ready(self) -> None:
        self._when_view_ready(self._save_screenshot)

    def _when_view_ready(self, then: Callable[[], None]) -> None:
        """Call `then` from the event loop once the current view is loaded (and the paint it asked for is done)."""
        from PySide6.QtCore import QTimer

        view = self.window.current_view()
        if view is None or view.is_ready():
            QTimer.singleShot(0, then)
        else:
            view.ready.connect(lambda: QTimer.singleShot(0, then))

    def _save_screenshot(self) -> None:
        if self.exit_code != EXIT_OK or not self.window.isVisible():
            return
        path = Path(self.screenshot or "screenshot.png")
        # PNG at zlib level 1 (Qt's quality 80): as small as the default level within a few per cent for a window's
        # flat colours, in half the time (the screenshot is the last step of a --screenshot run).
        if not self.window.grab().save(str(path), None, SCREENSHOT_PNG_QUALITY):
            self._fail(EXIT_FAULT, "Screenshot", f"could not write the screenshot to {path}")
            return
        print(f"stride-planner: wrote {path}", file=sys.stderr)
        self.window.close()
        self.app.exit(EXIT_OK)

    def _screenshot_timeout(self) -> None:
        if self.window.isVisible():
            self._fail(
                EXIT_FAULT,
                "Screenshot",
                f"the {self.view_name} view was not ready within {SCREENSHOT_TIMEOUT_MS // 1000} s",
            )

    def _close(self) -> None:
        if self.window.isVisible():
            self.window.close()
        self.window.deleteLater()
        self.settings.sync()  # written now, not left for QSettings' destructor
        db = getattr(self, "db", None)
        if db is not None:
            db.close()
