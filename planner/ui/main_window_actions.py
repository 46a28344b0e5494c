"""The window's menus and their actions, wired to the window (layout lives in main_window.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from planner.ui.keyboard import install as install_keyboard_manners
from planner.ui.main_window_views import VIEWS
from planner.ui.shortcuts import ShortcutsDialog, keys_of
from planner.ui.style import apply_style, icon

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow


def _install_keyboard_manners() -> None:
    manners = install_keyboard_manners()
    polish = QEvent(QEvent.Type.Polish)
    for widget in QApplication.allWidgets():
        manners.eventFilter(widget, polish)


def _show_about(window: MainWindow) -> None:
    # Imported when asked for: the About box (fonts, logs, links) has no part in the first paint.
    from planner.ui.about_dialog import AboutDialog

    AboutDialog.show_about(window)


def _keys(description: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in keys_of(description)]


class WindowActions:
    """Every window-level action; shortcuts come from the one table in planner.ui.shortcuts."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        ctx = window.ctx
        menu = window.menuBar()

        file_menu = menu.addMenu("&File")
        self.new_athlete = self._action(
            "&New athlete…", "New athlete, step by step, to a printed season", self.on_new_athlete
        )
        self.save_season = self._action(
            "&Save season PDF…", "Save the current athlete's season as a PDF", lambda: self.on_season("save_action")
        )
        self.print_season = self._action(
            "&Print season…", "Print the current athlete's season", lambda: self.on_season("print_action")
        )
        file_menu.addActions([self.new_athlete, self.save_season, self.print_season])
        file_menu.addSeparator()
        self.import_library = self._action("&Import library…", "Import an exercise library", self.on_import)
        self.export_library = self._action("&Export library…", "Export the exercise library", self.on_export)
        self.export_calendar = self._action(
            "Export &calendar…", "Export the current athlete's plan as a calendar (.ics)", self.on_export_calendar
        )
        self.quit = self._action("&Quit", "Quit", window.close)
        file_menu.addActions([self.import_library, self.export_library, self.export_calendar])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = menu.addMenu("&Edit")
        self.undo = ctx.undo_stack.createUndoAction(window, "&Undo")
        self.undo.setShortcuts(_keys("Undo"))
        self.undo.setIcon(icon("undo"))
        self.redo = ctx.undo_stack.createRedoAction(window, "&Redo")
        self.redo.setShortcuts(_keys("Redo"))
        self.redo.setIcon(icon("redo"))
        self.find = self._action("&Find", "Find in the current view", self.on_find)
        self.preferences = self._action("&Preferences…", "Preferences", self.on_preferences)
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences)

        view_menu = menu.addMenu("&View")
        self.show_view: dict[str, QAction] = {}
        descriptions = (
            "Show the exercise library",
            "Show the athletes",
            "Show the plan",
            "Show the symptom wizard",
            "Show the PDF export",
        )
        for view, description in zip(VIEWS, descriptions, strict=True):
            act = self._action(f"&{view.label}", description, lambda _c=False, n=view.name: window.show_view(n))
            act.setIcon(icon(view.icon))
            self.show_view[view.name] = act
            view_menu.addAction(act)
        view_menu.addSeparator()
        self.dark_palette = QAction("&Dark palette", window)
        self.dark_palette.setCheckable(True)
        self.dark_palette.setChecked(window.settings.get("dark_palette"))
        self.dark_palette.toggled.connect(self.on_dark_palette)
        view_menu.addAction(self.dark_palette)

        help_menu = menu.addMenu("&Help")
        self.shortcuts = self._action(
            "&Keyboard shortcuts…", "This list of keyboard shortcuts", lambda: ShortcutsDialog.show_table(window)
        )
        self.about = QAction("&About Stride Planner…", window)
        self.about.triggered.connect(lambda: _show_about(window))
        help_menu.addActions([self.shortcuts, self.about])

        for act in (self.undo, self.redo):
            window.addAction(act)
        # Tab leaves every text field and table, and Ctrl+Z reaches the undo stack whatever has the focus. The
        # filter sees every event of the application in Python (~1,500 before the first paint alone), so it goes
        # in once the window is painted and the start-up's own work (opening the database, loading the view) is
        # done; the widgets made before it are given what it would have done as they were polished.
        window.first_painted.connect(lambda: QTimer.singleShot(0, _install_keyboard_manners))

    def _action(self, text: str, description: str, slot) -> QAction:
        act = QAction(text, self.window)
        act.setShortcuts(_keys(description))
        act.setStatusTip(description)
        act.triggered.connect(slot)
        self.window.addAction(act)
        return act

    # -- slots ---------------------------------------------------------------------------------
    def _need_database(self) -> bool:
        if self.window.ctx.db is None:
            self.window.ctx.say("The database is still opening…")
            return False
        return True

    def on_new_athlete(self) -> None:
        from planner.ui.new_athlete_wizard import open_new_athlete

        open_new_athlete(self.window)

    def on_season(self, action_name: str) -> None:
        """Save or print from any view: the Export view does it, as soon as its season is built."""
        if not self._need_database():
            return
        view = self.window.show_view("export")
        action = getattr(view, action_name, None)
        if action is None:
            return
        if action.isEnabled():
            action.trigger()
            return
        self.window.ctx.say("Building the season; it goes on as soon as it is ready…")
        if hasattr(view, "preview_updated"):
            view.preview_updated.connect(
                lambda _pages: action.trigger() if action.isEnabled() else None,
                Qt.ConnectionType.SingleShotConnection,
            )

    def on_import(self) -> None:
        from planner.ui.library_transfer import ask_import

        if self._need_database():
            ask_import(self.window, self.window.ctx)

    def on_export(self) -> None:
        from planner.ui.library_transfer import ask_export

        if self._need_database():
            ask_export(self.window, self.window.ctx)

    def on_export_calendar(self) -> None:
        from planner.ui.calendar_export import ask_export_calendar

        if self._need_database():
            ask_export_calendar(self.window, self.window.ctx)

    def on_find(self) -> None:
        view = self.window.current_view()
        if view is not None and hasattr(view, "focus_search"):
            view.focus_search()
        else:
            self.window.ctx.say("This view has nothing to search")

    def on_preferences(self) -> None:
        from planner.ui.preferences_dialog import PreferencesDialog

        values, ok = PreferencesDialog.edit(self.window.settings, self.window)
        if ok and values.get("dark_palette") != self.dark_palette.isChecked():
            self.dark_palette.setChecked(values["dark_palette"])
        if ok:
            self.window.ctx.say("Preferences saved")

    def on_dark_palette(self, dark: bool) -> None:
        self.window.settings.set("dark_palette", dark)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_style(app, dark=dark)
