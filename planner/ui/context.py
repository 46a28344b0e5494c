"""What every view shares: the open database, the undo stack, the settings and change signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
    from planner.store.database import Database
    from planner.ui.settings import Settings


class AppContext(QObject):
    """One per window. Views read `db`, push edits onto `undo_stack`, and listen to the signals.

    Every change to the database goes through a QUndoCommand pushed on `undo_stack`; the command
    writes at once (no Save button) and emits the matching signal so every view refreshes.
    """

    library_changed = Signal()  # exercises added, edited or deleted
    athletes_changed = Signal()  # roster, an athlete's fields, races or phases changed
    current_athlete_changed = Signal(object)  # int | None: the athlete the views show
    plan_changed = Signal(int)  # athlete id whose plan was regenerated or edited
    status_message = Signal(str)  # a short message for the status bar
    folder_offered = Signal(str)  # a folder the last status message wrote into: the status bar offers "Open folder"
    database_opened = Signal()  # `db` was set (the window opens it after the first paint)
    wizard_requested = Signal(int)  # athlete id: run a fresh symptom check for this athlete

    def __init__(self, db: Database | None, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self._current_athlete: int | None = None

    @property
    def current_athlete_id(self) -> int | None:
        return self._current_athlete

    def set_current_athlete(self, athlete_id: int | None) -> None:
        if athlete_id != self._current_athlete:
            self._current_athlete = athlete_id
            self.current_athlete_changed.emit(athlete_id)

    def set_database(self, db: Database) -> None:
        """Called once by the window when the database is open; views then load their data."""
        self.db = db
        self.database_opened.emit()

    def open_wizard_for(self, athlete_id: int) -> None:
        """Ask the window for a fresh symptom check linked to `athlete_id` (the window decides how)."""
        self.wizard_requested.emit(athlete_id)

    def say(self, message: str, folder: str | None = None) -> None:
        """A short message for the status bar; with `folder` (where a file was just written) the status
        bar offers "Open folder" beside it."""
        self.status_message.emit(message)
        if folder is not None:
            self.folder_offered.emit(str(folder))
