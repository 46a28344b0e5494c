"""The Athletes view: the roster with a search box on the left, the athlete's form on the right."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner import atomic
from planner.domain.athlete import Athlete
from planner.domain.errors import BadInput
from planner.export.file_names import file_stem
from planner.store import athletes as store
from planner.store.input_files import read_athlete_file
from planner.ui.athlete_commands import AddAthlete, DeleteAthlete, DuplicateAthlete, EditAthlete
from planner.ui.athlete_editor import AthleteEditor
from planner.ui.athlete_model import ATHLETE_ID_ROLE, AthleteFilterModel, AthleteListModel
from planner.ui.shortcuts import register_shortcut

if TYPE_CHECKING:
    from planner.ui.context import AppContext

# The keys below are the ones the actions use, so the F1 table and the view cannot disagree.
# Ctrl+D and Delete also act in the Library view: both bind them to their own view only.
NEW_KEYS, DUPLICATE_KEYS, DELETE_KEYS = "Ctrl+Shift+N", "Ctrl+D", "Delete"
register_shortcut("Athletes", NEW_KEYS, "New athlete")
register_shortcut("Athletes", DUPLICATE_KEYS, "Duplicate the selected athlete")
register_shortcut("Athletes", DELETE_KEYS, "Delete the selected athlete")


def write_athlete_file(path: Path, athlete: Athlete) -> None:
    """Write the athlete file so that a crash mid-write never leaves half a file behind."""
    atomic.write_text(path, json.dumps(athlete.to_dict(), ensure_ascii=False, indent=2) + "\n")


class AthletesView(QWidget):
    ready = Signal()
    wizard_requested = Signal(int)  # athlete id: the coach asked for a symptom check

    title = "Athletes"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ready = False
        self._loaded = False
        # The shown athlete's version when the form last showed it: a save names it, so one over another
        # coach's newer change is refused (club mode) instead of writing over it.
        self.editor_version: int | None = None

        self.model = AthleteListModel(self)
        self.proxy = AthleteFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search athletes")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_search)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)  # last week's log: done · pain
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

        self.editor = AthleteEditor()
        self.editor.changed.connect(self._on_edited)
        self.editor.wizard_requested.connect(self.open_wizard)

        self._make_actions()

        roster = QWidget()
        roster_layout = QVBoxLayout(roster)
        roster_layout.setContentsMargins(0, 0, 0, 0)
        roster_layout.addWidget(self.search_edit)
        roster_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("athletesSplitter")
        self.splitter.addWidget(roster)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([450, 660])

        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_state())
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)

    def _empty_state(self) -> QWidget:
        page = QWidget()
        message = QLabel(
            "<h2>No athletes yet</h2><p>Add a runner with their week and races, "
            "and Stride Planner places strength and mobility work around their season.</p>"
        )
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message.setWordWrap(True)
        self.empty_add_button = QPushButton("Add athlete")
        self.empty_add_button.setDefault(True)
        self.empty_add_button.clicked.connect(self.add_athlete)
        import_button = QPushButton("Import athlete file…")
        import_button.clicked.connect(self.import_athlete)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_add_button)
        buttons.addWidget(import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(message)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def _make_actions(self) -> None:
        def action(text: str, slot: object, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                # Only while this view has focus, so Delete in another view never deletes an athlete.
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(tip or text)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action("New athlete", self.add_athlete, NEW_KEYS, f"Add an athlete ({NEW_KEYS})")
        self.duplicate_action = action(
            "Duplicate",
            self.duplicate_athlete,
            DUPLICATE_KEYS,
            f"Copy the selected athlete with their season ({DUPLICATE_KEYS})",
        )
        self.delete_action = action(
            "Delete",
            self.delete_athlete,
            DELETE_KEYS,
            "Delete the selected athlete (Delete; Undo brings them back)",
        )
        self.import_action = action("Import…", self.import_athlete, None, "Add an athlete from an athlete file")
        self.export_action = action(
            "Export…", self.export_athlete, None, "Save the selected athlete as an athlete file"
        )

    # --- the view contract ----------------------------------------------------------------------

    def toolbar_actions(self) -> list[QAction]:
        return [self.new_action, self.duplicate_action, self.delete_action, self.import_action, self.export_action]

    def is_ready(self) -> bool:
        return self._ready

    def commit_pending(self) -> None:
        """Save an edit the coach has not finished yet (the window calls this before it closes)."""
        self.editor.commit_pending()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def load(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.ctx.athletes_changed.connect(self.reload)
            self.ctx.plan_changed.connect(lambda _athlete_id: self.show_last_weeks())
            self.ctx.current_athlete_changed.connect(self._select_athlete)
        if self.ctx.current_athlete_id is None:
            first = next(iter(store.list_athletes(self.ctx.db)), None)
            if first is not None:
                self.ctx.set_current_athlete(first.id)  # open on someone rather than on an empty form
        self.reload()
        QTimer.singleShot(0, self._mark_ready)

    def _mark_ready(self) -> None:
        self.repaint()
        self._ready = True
        self.ready.emit()

    # --- roster ---------------------------------------------------------------------------------

    def reload(self) -> None:
        athletes = store.list_athletes(self.ctx.db)
        self.model.set_athletes(athletes)
        self.show_last_weeks()
        self.stack.setCurrentIndex(1 if athletes else 0)
        has_any = bool(athletes)
        for act in (self.duplicate_action, self.delete_action, self.export_action):
            act.setEnabled(has_any)
        current = self.ctx.current_athlete_id
        if current is None or self.model.row_of(current) is None:
            self.editor.set_athlete(None)
            self.table.clearSelection()
            return
        self._select_athlete(current)

    def show_last_weeks(self) -> None:
        """Last week's adherence and highest pain per athlete, from the training log and their plan."""
        from planner.domain.log_summary import summary_of_week
        from planner.store.training_log import log_entries

        monday = self.model.last_monday()
        summaries = {}
        for row in range(self.model.rowCount()):
            stored = self.model.athlete_at(row)
            if stored is None:
                continue
            found = log_entries(self.ctx.db, stored.id, start=monday, end=monday + dt.timedelta(days=6))
            plan = store.load_plan(self.ctx.db, stored.id) if found else None
            summaries[stored.id] = summary_of_week(plan, found, monday)
        self.model.set_last_weeks(summaries)

    def selected_athlete_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(0).data(ATHLETE_ID_ROLE)

    def _select_athlete(self, athlete_id: int | None) -> None:
        row = self.model.row_of(athlete_id) if athlete_id is not None else None
        if row is None:
            self.editor.set_athlete(None)
            return
        stored = self.model.athlete_at(row)
        assert stored is not None
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if proxy_index.isValid() and self.table.currentIndex().row() != proxy_index.row():
            self.table.selectionModel().setCurrentIndex(
                proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        if self.editor.athlete() != stored.athlete or self.editor.athlete_id != stored.id:
            self.editor.set_athlete(stored.athlete, stored.id)
        self.editor_version = stored.version

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        athlete_id = current.siblingAtColumn(0).data(ATHLETE_ID_ROLE) if current.isValid() else None
        if athlete_id is None:
            return
        row = self.model.row_of(athlete_id)
        stored = self.model.athlete_at(row) if row is not None else None
        if stored is not None:
            self.editor.set_athlete(stored.athlete, stored.id)
            self.editor_version = stored.version
        self.ctx.set_current_athlete(athlete_id)

    # --- commands -------------------------------------------------------------------------------

    def add_athlete(self) -> None:
        self.search_edit.clear()
        self.ctx.undo_stack.push(AddAthlete(self.ctx, Athlete(name="New athlete")))
        self.editor.name_edit.setFocus()
        self.editor.name_edit.selectAll()

    def duplicate_athlete(self) -> None:
        athlete_id = self.ctx.current_athlete_id
        if athlete_id is None:
            return
        self.ctx.undo_stack.push(DuplicateAthlete(self.ctx, store.get_athlete(self.ctx.db, athlete_id).athlete))

    def delete_athlete(self) -> None:
        athlete_id = self.ctx.current_athlete_id
        if athlete_id is None:
            return
        row = self.model.row_of(athlete_id)
        command = DeleteAthlete(self.ctx, athlete_id)
        self.ctx.undo_stack.push(command)
        self.ctx.say(f"{command.athlete.name} deleted — Undo (Ctrl+Z) brings them back")
        neighbour = self.model.athlete_at(min(row or 0, self.model.rowCount() - 1))
        if neighbour is not None:
            self.ctx.set_current_athlete(neighbour.id)

    def _on_edited(self, athlete_id: int, after: Athlete) -> None:
        try:
            before = store.get_athlete(self.ctx.db, athlete_id).athlete
        except BadInput:  # deleted while the edit waited (e.g. undo of its creation)
            return
        if before != after:
            started_from = self.editor_version if self.editor.athlete_id == athlete_id else None
            command = EditAthlete(self.ctx, athlete_id, before, after, expected_version=started_from)
            self.ctx.undo_stack.push(command)
            if command.error is None:
                self.editor_version = command.version

    def open_wizard(self) -> None:
        athlete_id = self.ctx.current_athlete_id
        if athlete_id is None:
            return
        self.wizard_requested.emit(athlete_id)
        if hasattr(self.ctx, "open_wizard_for"):
            self.ctx.open_wizard_for(athlete_id)
            return
        window = self.window()
        if hasattr(window, "show_view"):  # the wizard view follows the current athlete
            window.show_view("wizard")

    # --- athlete files --------------------------------------------------------------------------

    def import_athlete(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import athlete file", "", "Athlete files (*.json)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> int | None:
        """Add the athlete in `path`; a bad file is explained in a dialog and nothing is stored."""
        try:
            athlete = read_athlete_file(path)
        except BadInput as exc:
            QMessageBox.warning(self, "Cannot import athlete", f"{exc}\n\nNothing was imported.")
            return None
        command = AddAthlete(self.ctx, athlete, f"Import {athlete.name}")
        self.ctx.undo_stack.push(command)
        self.ctx.say(f"Imported {athlete.name} from {path.name}")
        return command.athlete_id

    def export_athlete(self) -> None:
        athlete_id = self.ctx.current_athlete_id
        if athlete_id is None:
            return
        athlete = store.get_athlete(self.ctx.db, athlete_id).athlete
        suggested = file_stem(athlete.name) + ".json"  # the one file-name rule
        path, _ = QFileDialog.getSaveFileName(self, "Export athlete file", suggested, "Athlete files (*.json)")
        if path:
            self.export_file(Path(path), athlete_id)

    def export_file(self, path: Path, athlete_id: int) -> None:
        athlete = store.get_athlete(self.ctx.db, athlete_id).athlete
        try:
            write_athlete_file(path, athlete)
        except atomic.CannotWrite as exc:
            QMessageBox.warning(self, "Cannot export athlete", str(exc))
            return
        self.ctx.say(f"Saved {athlete.name} to {path}")
