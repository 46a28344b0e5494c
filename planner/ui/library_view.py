"""The exercise library view: search and filters, the table, the detail pane, and the edit actions."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.domain.exercise import CONDITION_NAMES, CONDITIONS, EQUIPMENT, EQUIPMENT_LABELS, Category, Exercise
from planner.ui.library_detail import ExerciseDetail
from planner.ui.library_model import Column, ExerciseFilterProxy, ExerciseIdRole, ExerciseRole, ExerciseTableModel
from planner.ui.library_painted import LibraryTable
from planner.ui.shortcuts import register_shortcut
from planner.ui.style import icon
from planner.ui.undo import AddExerciseCommand, DeleteExerciseCommand, EditExerciseCommand, push

if TYPE_CHECKING:
    from planner.ui.context import AppContext

BUILTIN_DELETE_REASON = "Built-in exercises cannot be deleted; edit them instead (your changes are kept)."

for _keys, _text in (
    (("Ctrl+N",), "New exercise"),
    (("Return", "Enter", "Ctrl+E"), "Edit the selected exercise"),
    (("Ctrl+D",), "Duplicate the selected exercise"),
    (("Delete",), "Delete the selected exercise"),
    (("Escape",), "Clear the search"),
):
    register_shortcut("Library", _keys, _text)


DETAIL_TYPING_PAUSE_MS = 150  # a pause in typing a search after which the detail pane shows the current row


class LibraryView(QWidget):
    """View protocol: ready, is_ready(), load(), toolbar_actions(), focus_search(), title."""

    ready = Signal()
    title = "Exercise library"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded = False
        self._ready = False
        self.model = ExerciseTableModel(self)
        self.proxy = ExerciseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._keep_id: str | None = None  # the current exercise while the visible rows are reset
        # The detail pane follows the current row after the table has painted, and once for a burst of changes
        # (typing, a held arrow key): the latest current row wins. Rendering it costs more than the table's paint,
        # so while the coach types a search it waits for a pause in the typing (as a mail client's preview pane
        # does); a row chosen with the keys or the mouse shows at once, after the paint.
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(0)
        self._detail_timer.timeout.connect(self._show_current)
        self._build()
        self._build_actions()
        self._wire()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("library_search")
        self.search.setPlaceholderText("Search by name, id or alias…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.category = QComboBox()
        self.category.addItem("All categories", None)
        for cat in Category:
            self.category.addItem(cat.value.replace("-", " ").capitalize(), cat.value)
        self.equipment = QComboBox()
        self.equipment.addItem("Any equipment", None)
        self.equipment.addItem("Body weight only", "none")
        for key in EQUIPMENT:
            self.equipment.addItem(EQUIPMENT_LABELS[key], key)
        self.condition = QComboBox()
        self.condition.addItem("Any condition", None)
        for key in CONDITIONS:
            self.condition.addItem(CONDITION_NAMES[key], key)
        self.count = QLabel()
        self.count.setObjectName("library_count")
        # Sized for the longest count (reload): a label that grew and shrank with its text would move the filters
        # beside it and repaint the whole row at every keystroke.
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.equipment, 1)
        filters.addWidget(self.condition, 2)
        filters.addWidget(self.count)

        self.table = LibraryTable(self.proxy)  # shows the filter model's rows through a C++ model
        self.table.setObjectName("library_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        em = self.fontMetrics().averageCharWidth()
        for col, chars in (
            (Column.NAME, 28),
            (Column.CATEGORY, 10),
            (Column.TARGETS, 14),
            (Column.EQUIPMENT, 12),
            (Column.DOSE, 31),
        ):
            self.table.setColumnWidth(col, chars * em)
        # Sorted by the filter model (header clicks: _sort), not by the view: the painted model holds only the
        # painted rows, and QTableView's sorting would sort those.
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(Column.NAME, Qt.SortOrder.AscendingOrder)

        self.detail = ExerciseDetail()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("library_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([780, 320])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    def _build_actions(self) -> None:
        def action(text: str, name: str, keys: tuple[str, ...], tip: str) -> QAction:
            act = QAction(icon(name), text, self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(f"{tip} ({QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)})")
            act.setStatusTip(tip)
            self.addAction(act)
            return act

        self.add_action = action("New", "add", ("Ctrl+N",), "Add an exercise of your own")
        self.edit_action = action("Edit", "edit", ("Return", "Enter", "Ctrl+E"), "Edit the selected exercise")
        self.duplicate_action = action("Duplicate", "duplicate", ("Ctrl+D",), "Copy the selected exercise as a new one")
        self.delete_action = action("Delete", "delete", ("Delete",), "Delete the selected exercise")

    def _wire(self) -> None:
        # A filter change or a sort resets the painted rows, and with them the current row: put back by id.
        self.table.painted.model.modelAboutToBeReset.connect(self._remember_current)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort)
        self.search.textChanged.connect(self._typing_pause)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.textChanged.connect(self._after_filter)
        self.category.currentIndexChanged.connect(
            lambda _i: (self.proxy.set_category(self.category.currentData()), self._after_filter())
        )
        self.equipment.currentIndexChanged.connect(self._equipment_changed)
        self.condition.currentIndexChanged.connect(self._condition_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_action.triggered.connect(self.add_exercise)
        self.edit_action.triggered.connect(self.edit_selected)
        self.duplicate_action.triggered.connect(self.duplicate_selected)
        self.delete_action.triggered.connect(self.delete_selected)
        self.ctx.library_changed.connect(self.reload)
        self.table.viewport().installEventFilter(self)
        self._update_actions()

    # -- view protocol -------------------------------------------------------------------------
    def is_ready(self) -> bool:
        return self._ready

    def load(self) -> None:
        """Read the library from the open database and select the first exercise."""
        self.reload()
        self._show_current()  # the first exercise is in the pane when the view says it is ready
        self._loaded = True
        if self.isVisible():
            self.table.viewport().update()  # ready after this paint (eventFilter)
        else:
            self._set_ready()

    def toolbar_actions(self) -> list[QAction]:
        return [self.add_action, self.edit_action, self.duplicate_action, self.delete_action]

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.table.viewport():
            if self._detail_timer.isActive():
                self._detail_timer.start()  # the pane after this paint: the rows first
            if not self._ready and self._loaded:
                QTimer.singleShot(0, self._set_ready)  # after this paint has finished
        return super().eventFilter(watched, event)

    def _set_ready(self) -> None:
        if not self._ready:
            self._ready = True
            self.ready.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return
        super().keyPressEvent(event)

    # -- data ----------------------------------------------------------------------------------
    def reload(self) -> None:
        from planner.store.exercises import get_exercise, list_summaries

        db = self.ctx.db
        if db is None:
            return
        keep = self._current_id()
        # The table lists summaries; the whole exercise is read when it is selected or edited.
        self.model.set_exercises(list_summaries(db), load=lambda exercise_id: get_exercise(db, exercise_id))
        total = self.model.rowCount()
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(f"{total} of {total}") + 4)
        self._after_filter()
        if keep is not None and self.select_exercise(keep):
            return
        self._select_first()

    def _current_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        return self.proxy.index(index.row(), 0).data(ExerciseIdRole) if index.isValid() else None

    def _remember_current(self) -> None:
        # A filter change resets the visible rows, and with them the current row: _after_filter puts it back.
        self._keep_id = self._current_id()

    def selected_exercise(self) -> Exercise | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.proxy.index(index.row(), 0).data(ExerciseRole)

    def select_exercise(self, exercise_id: str) -> bool:
        """Make the exercise the current one and show it in the detail pane; False when it is not listed."""
        if not self._make_current(exercise_id):
            return False
        self._show_current()
        return True

    def _make_current(self, exercise_id: str) -> bool:
        row = self.model.row_of(exercise_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._select(index.row())
        return True

    def _select(self, proxy_row: int) -> None:
        index = self.table.model().index(proxy_row, 0)  # the painted model's row: the filter model's row
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self._select(0)
        else:
            self._on_current_changed()

    def _after_filter(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total}" if shown != total else f"{total} exercises")
        keep, self._keep_id = self._keep_id, None
        if self.table.selectionModel().currentIndex().isValid():
            return
        if keep is not None and self._make_current(keep):
            return  # still shown: it stays the current one
        self._select_first()

    def _equipment_changed(self, _index: int = 0) -> None:
        self._details_first(self.equipment)
        self.proxy.set_equipment(self.equipment.currentData())
        self._after_filter()

    def _condition_changed(self, _index: int = 0) -> None:
        self._details_first(self.condition)
        self.proxy.set_condition(self.condition.currentData())
        self._after_filter()

    def _details_first(self, combo: QComboBox | None = None) -> None:
        """Before the first filter by equipment or condition (or sort by a column other than the name): every row's
        details are read from the database once, under a wait cursor (a few tenths of a second at 50,000)."""
        if self.model.all_prepared() or (combo is not None and combo.currentData() is None):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.model.prepare_all()
        finally:
            QApplication.restoreOverrideCursor()

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        if column != Column.NAME:
            self._details_first()
        self.proxy.sort(column, order)
        self._after_filter()  # the current exercise again, where the sort put it

    def _on_current_changed(self, *_args: object) -> None:
        self._update_actions()
        self._detail_timer.start()

    def _typing_pause(self, _text: str = "") -> None:
        self._detail_timer.setInterval(DETAIL_TYPING_PAUSE_MS)
        if self._detail_timer.isActive():
            self._detail_timer.start()  # another key: the pane waits for the pause after this one

    def _show_current(self) -> None:
        self._detail_timer.stop()
        self._detail_timer.setInterval(0)
        ex = self.selected_exercise()
        if ex is None or ex is not self.detail.exercise:  # the same exercise after a filter change: already shown
            self.detail.show_exercise(ex)

    def _update_actions(self) -> None:
        # The listed row (a summary) says enough: the whole exercise is read for the detail pane, after the paint.
        index = self.table.selectionModel().currentIndex()
        rows = self.proxy.visible_rows()
        ex = self.model.listed(rows[index.row()]) if index.isValid() and index.row() < len(rows) else None
        has = ex is not None
        self.edit_action.setEnabled(has)
        self.duplicate_action.setEnabled(has)
        can_delete = has and not ex.builtin
        self.delete_action.setEnabled(can_delete)
        tip = BUILTIN_DELETE_REASON if has and ex.builtin else "Delete the selected exercise (Del)"
        self.delete_action.setToolTip(tip)
        self.delete_action.setStatusTip(tip)

    # -- edits ---------------------------------------------------------------------------------
    def add_exercise(self) -> None:
        from planner.ui.exercise_dialog import ExerciseDialog

        new, ok = ExerciseDialog.get_exercise(self, None)
        if ok and new is not None:
            self._push_add(AddExerciseCommand(self.ctx, new))

    def edit_selected(self) -> None:
        from planner.ui.exercise_dialog import ExerciseDialog

        before = self.selected_exercise()
        if before is None:
            return
        after, ok = ExerciseDialog.get_exercise(self, before)
        if ok and after is not None and after != before:
            self._report(push(self.ctx, EditExerciseCommand(self.ctx, before, after)))
            self.select_exercise(before.id)

    def duplicate_selected(self) -> None:
        from planner.ui.exercise_dialog import ExerciseDialog

        source = self.selected_exercise()
        if source is None:
            return
        copy = replace(source, id=f"{source.id}-copy", name=f"{source.name} (copy)", builtin=False, edited=False)
        new, ok = ExerciseDialog.get_exercise(self, copy, title="Duplicate exercise")
        if ok and new is not None:
            self._push_add(
                AddExerciseCommand(self.ctx, replace(new, builtin=False, edited=False), text=f"Duplicate {source.name}")
            )

    def delete_selected(self) -> None:
        ex = self.selected_exercise()
        if ex is None:
            return
        if ex.builtin:
            self.ctx.say(BUILTIN_DELETE_REASON)
            return
        row = self.table.selectionModel().currentIndex().row()
        self._report(push(self.ctx, DeleteExerciseCommand(self.ctx, ex)))
        if self.proxy.rowCount():
            self._select(min(row, self.proxy.rowCount() - 1))
        self.ctx.say(f"Deleted {ex.name} (Undo brings it back)")

    def _push_add(self, command: AddExerciseCommand) -> None:
        error = push(self.ctx, command)
        self._report(error)
        if error is None and command.added is not None:
            self.reveal(command.added.id)

    def reveal(self, exercise_id: str) -> None:
        """Select the exercise, clearing the search and filters if they hide it."""
        if self.select_exercise(exercise_id):
            return
        self.search.clear()
        for combo in (self.category, self.equipment, self.condition):
            combo.setCurrentIndex(0)
        self.select_exercise(exercise_id)

    def _report(self, error: str | None) -> None:
        if error:
            QMessageBox.warning(self, "Exercise library", error)
