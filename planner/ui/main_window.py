"""The main window: a sidebar of views, the active view, its toolbar actions, menus and status bar.

The window is built and painted before the database is opened (start-up speed); `set_database()`
then hands the database to every view created so far, and later views load when first shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from planner.ui.main_window_actions import WindowActions
from planner.ui.main_window_views import VIEWS, PlaceholderView, entry
from planner.ui.open_folder import OpenFolderButton
from planner.ui.style import app_icon, on_accent_icon

if TYPE_CHECKING:
    from planner.store.database import Database
    from planner.ui.context import AppContext
    from planner.ui.operations import Failure, Operation
    from planner.ui.settings import Settings

STATUS_TIMEOUT_MS = 6000
NO_ATHLETE = "No athlete selected"


class MainWindow(QMainWindow):
    first_painted = Signal()  # emitted once, just after the window's first paint
    view_changed = Signal(str)

    def __init__(
        self, ctx: AppContext, settings: Settings, *, database_label: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.views: dict[str, QWidget] = {}
        self.current_view_name: str | None = None
        self._painted = False
        self._build(database_label)
        self.actions_ = WindowActions(self)
        self._wire()
        self.restore_window_state()

    # -- layout --------------------------------------------------------------------------------
    def _build(self, database_label: str) -> None:
        self.setObjectName("main_window")
        self.setWindowIcon(app_icon())
        self.set_database_label(database_label)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(160)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { background: palette(base); padding: 8px 0; outline: 0; }"
            "QListWidget#sidebar::item { padding: 8px 12px; margin: 2px 8px; border-radius: 6px; }"
            "QListWidget#sidebar::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        )
        for view in VIEWS:
            item = QListWidgetItem(on_accent_icon(view.icon), view.label)
            item.setData(Qt.ItemDataRole.UserRole, view.name)
            item.setSizeHint(QSize(0, 40))
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        self.stack.setObjectName("view_stack")
        body = QWidget()
        body.setObjectName("body")
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.toolbar = QToolBar("Actions")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self._toolbar_separator = QAction(self)
        self._toolbar_separator.setSeparator(True)

        self.database_status = QLabel()
        self.database_status.setObjectName("database_status")
        self.athlete_status = QLabel(NO_ATHLETE)
        self.athlete_status.setObjectName("athlete_status")
        # Long work with a label (imports, saves, prints) shows here with its progress and a Cancel button.
        self.operation_label = QLabel()
        self.operation_label.setObjectName("operation_label")
        self.operation_progress = QProgressBar()
        self.operation_progress.setObjectName("operation_progress")
        self.operation_progress.setMaximumWidth(160)
        self.operation_progress.setTextVisible(False)
        self.operation_cancel = QPushButton("Cancel")
        self.operation_cancel.setObjectName("operation_cancel")
        self.operation_cancel.setToolTip("Stop this; nothing half-done is kept")
        for widget in (self.operation_label, self.operation_progress, self.operation_cancel):
            widget.hide()
            self.statusBar().addPermanentWidget(widget)
        self.statusBar().addPermanentWidget(self.database_status)
        self.statusBar().addPermanentWidget(self.athlete_status)
        self.open_folder = OpenFolderButton(self.statusBar(), self.ctx)  # "Open folder" after a save or print
        self.resize(1280, 800)
        self._sidebar_narrow = False

    # Below this width the sidebar keeps its icons only (names in tooltips): 1024 px screens get the room.
    NARROW_BELOW = 1180

    def _fit_sidebar(self) -> None:
        narrow = self.width() < self.NARROW_BELOW
        if narrow == self._sidebar_narrow:
            return
        self._sidebar_narrow = narrow
        self.sidebar.setFixedWidth(64 if narrow else 160)
        for row, view in enumerate(VIEWS):
            item = self.sidebar.item(row)
            item.setText("" if narrow else view.label)
            item.setToolTip(view.label if narrow else "")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, view.label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_sidebar()

    def _wire(self) -> None:
        self.sidebar.currentRowChanged.connect(lambda row: self.show_view(VIEWS[row].name) if row >= 0 else None)
        # A mouse click on the sidebar hands the keyboard to the view it opened.
        self.sidebar.itemClicked.connect(
            lambda _item: self.stack.currentWidget().setFocus(Qt.FocusReason.MouseFocusReason)
        )
        self.ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, STATUS_TIMEOUT_MS))
        self.ctx.database_opened.connect(self._load_views)
        self.ctx.current_athlete_changed.connect(self._show_athlete)
        self.ctx.athletes_changed.connect(lambda: self._show_athlete(self.ctx.current_athlete_id))
        self.ctx.wizard_requested.connect(self.open_wizard_for)
        self.operation_cancel.clicked.connect(self._cancel_operation)

    def _watch_operations(self) -> None:
        # Wired after the database's views have loaded (a zero timer from set_database): nothing the status bar
        # shows can run before the database, and the view gets on screen without waiting for this import.
        # An operation already started by then (the demo athlete's plan on a first run) is shown at once.
        from planner.ui.operations import runner

        operations = runner()
        for signal in (operations.started, operations.progressed, operations.ended):
            signal.connect(self._show_operation)
        operations.unhandled_failure.connect(self._operation_failed)
        self._show_operation()

    # -- views ---------------------------------------------------------------------------------
    def view(self, name: str) -> QWidget:
        """The view called `name`, created (and loaded, if the database is open) on first use."""
        if name not in self.views:
            spec = entry(name)
            try:
                widget = spec.factory()(self.ctx, self.stack)
            except Exception as exc:
                widget = PlaceholderView(spec.label, self._failure(exc), self.stack)
            self.views[name] = widget
            self.stack.addWidget(widget)
            self._restore_splitters(name, widget)
            if self.ctx.db is not None:
                self._load(name, widget)
        return self.views[name]

    def show_view(self, name: str) -> QWidget:
        widget = self.view(name)
        self.stack.setCurrentWidget(widget)
        self.current_view_name = name
        row = [v.name for v in VIEWS].index(name)
        if self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)
        self._fill_toolbar(widget)
        if not self.sidebar.hasFocus():
            # Reached by Ctrl+1..5 or from another view: the view's own shortcuts should work at once.
            # Arrowing through the sidebar keeps the focus there.
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view_changed.emit(name)
        return widget

    def open_wizard_for(self, athlete_id: int) -> None:
        """Make `athlete_id` current and start a fresh symptom check for them in the Wizard view."""
        self.ctx.set_current_athlete(athlete_id)  # the embedded wizard follows the current athlete
        view = self.show_view("wizard")
        if hasattr(view, "start_check"):
            view.start_check()

    def current_view(self) -> QWidget | None:
        return self.views.get(self.current_view_name) if self.current_view_name else None

    def _fill_toolbar(self, widget: QWidget) -> None:
        # Not toolbar.clear(): in Qt 6.12 it deletes the actions, which belong to the views and the window.
        for action in self.toolbar.actions():
            self.toolbar.removeAction(action)
        actions = widget.toolbar_actions() if hasattr(widget, "toolbar_actions") else []
        for action in actions:
            self.toolbar.addAction(action)
        if actions:
            self.toolbar.addAction(self._toolbar_separator)
        self.toolbar.addAction(self.actions_.undo)
        self.toolbar.addAction(self.actions_.redo)

    def _load_views(self) -> None:
        for name, widget in list(self.views.items()):
            self._load(name, widget)

    def _load(self, name: str, widget: QWidget) -> None:
        try:
            widget.load()
        except Exception as exc:
            spec = entry(name)
            placeholder = PlaceholderView(spec.label, self._failure(exc), self.stack)
            self.stack.insertWidget(self.stack.indexOf(widget), placeholder)
            self.stack.removeWidget(widget)
            widget.deleteLater()
            self.views[name] = placeholder
            if self.current_view_name == name:
                self.show_view(name)

    @staticmethod
    def _failure(exc: Exception) -> str:
        from planner.logs import log_exception, log_location

        where = log_location(log_exception(exc, context="opening a view"))
        return f"This view could not be opened. Details are in {where}."

    # -- database and status -------------------------------------------------------------------
    def set_database(self, db: Database) -> None:
        label = str(db.path) if db.path is not None else db.url
        self.set_database_label(label)
        QTimer.singleShot(0, self._watch_operations)
        self.ctx.set_database(db)
        self._show_athlete(self.ctx.current_athlete_id)
        from planner.ui.remote_changes import watch

        self.remote_changes = watch(self.ctx)  # a shared (server) database: refresh with other coaches' saves

    def set_database_label(self, label: str) -> None:
        if "://" in label:
            from planner.store.server import redact

            label = redact(label)  # a server URL is shown without its password, if it carried one
        name = Path(label).name if label else ""
        self.setWindowTitle(f"Stride Planner — {name}" if name else "Stride Planner")
        if hasattr(self, "database_status"):
            self.database_status.setText(label)
            self.database_status.setToolTip(f"Database: {label}")

    def _show_athlete(self, athlete_id: int | None) -> None:
        text = NO_ATHLETE
        if athlete_id is not None and self.ctx.db is not None:
            from planner.store.roster import athlete_name

            try:
                name = athlete_name(self.ctx.db, athlete_id)  # sqlite3 alone for a file: no ORM at start-up
                text = f"Athlete: {name}" if name is not None else NO_ATHLETE
            except Exception:  # unreadable meanwhile: the label must never break the window
                text = NO_ATHLETE
        self.athlete_status.setText(text)

    # -- operations ----------------------------------------------------------------------------
    def _labelled_operation(self) -> Operation | None:
        from planner.ui.operations import runner

        labelled = [op for op in runner().running() if op.label]
        return labelled[-1] if labelled else None

    def _show_operation(self, _changed: Operation | None = None) -> None:
        op = self._labelled_operation()
        for widget in (self.operation_label, self.operation_progress, self.operation_cancel):
            widget.setVisible(op is not None)
        if op is None:
            return
        progress = op.progress
        self.operation_label.setText("Cancelling…" if op.cancelled else op.label)
        self.operation_cancel.setEnabled(not op.cancelled)
        if progress is None or progress.total <= 0:
            self.operation_progress.setRange(0, 0)  # busy: how long is not known
        else:
            self.operation_progress.setRange(0, progress.total)
            self.operation_progress.setValue(progress.done)

    def _cancel_operation(self) -> None:
        op = self._labelled_operation()
        if op is not None:
            op.cancel()
            self._show_operation()

    def _operation_failed(self, name: str, failure: Failure) -> None:
        self.statusBar().showMessage(failure.text(name), STATUS_TIMEOUT_MS)

    # -- state ---------------------------------------------------------------------------------
    def restore_window_state(self) -> None:
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self._fit_screen(first_start=geometry.isEmpty())
        state = self.settings.get("window/state")
        if not state.isEmpty():
            self.restoreState(state)

    def _fit_screen(self, *, first_start: bool) -> None:
        """Keep the whole window (title bar to status bar) inside the screen's available area.

        A first start centres a 1280 x 800 window, or a smaller one on a smaller screen; a remembered
        geometry from a larger screen, or off the edge, is pulled back in.
        """
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # the title bar and borders
        if frame.height() <= 0:  # not shown yet: the window manager has not framed it; allow a title bar
            frame = QSize(16, 48)
        width = min(self.width() if not first_start else 1280, area.width() - frame.width())
        height = min(self.height() if not first_start else 800, area.height() - frame.height())
        self.resize(max(width, self.minimumSizeHint().width()), max(height, self.minimumSizeHint().height()))
        if first_start:  # move() places the frame: centre the framed window in the free area
            self.move(
                area.left() + (area.width() - self.width() - frame.width()) // 2,
                area.top() + (area.height() - self.height() - frame.height()) // 2,
            )
        left = min(max(self.x(), area.left()), area.right() - self.width() - frame.width() + 1)
        top = min(max(self.y(), area.top()), area.bottom() - self.height() - frame.height() + 1)
        self.move(max(left, area.left()), max(top, area.top()))

    def save_window_state(self) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        if self.current_view_name:
            self.settings.set("window/last_view", self.current_view_name)
        for name, widget in self.views.items():
            for splitter in widget.findChildren(QSplitter):
                if splitter.objectName():
                    self.settings.set_splitter_state(name, splitter.objectName(), splitter.saveState())
        self.settings.sync()

    def _restore_splitters(self, name: str, widget: QWidget) -> None:
        for splitter in widget.findChildren(QSplitter):
            state = self.settings.splitter_state(name, splitter.objectName()) if splitter.objectName() else None
            if state is not None and not state.isEmpty():
                splitter.restoreState(state)

    # -- events --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # once this paint has reached the screen

    def closeEvent(self, event: QCloseEvent) -> None:
        import sys

        for widget in self.views.values():  # every change is saved as made, even one still being typed
            if hasattr(widget, "commit_pending"):
                widget.commit_pending()
        if getattr(self, "remote_changes", None) is not None:
            self.remote_changes.stop()
        # Whatever still runs is cancelled and waited for: no result may reach a view that is going away.
        # (Nothing can run before the operations module was first imported: a window closed at once skips it.)
        if "planner.ui.operations" in sys.modules:
            from planner.ui.operations import wait_for_all

            wait_for_all()
        self.save_window_state()
        super().closeEvent(event)
