"""Team batch export: pick athletes, a folder and what to print; the PDFs are built off the UI thread.

The work runs in an operation (planner.ui.operations): plans that are missing are made first, then
`export_team` builds the PDFs in two worker processes. Cancel sets the operation's cancel event; the PDFs
already finished stay, and `export_team` guarantees that no half-written file is left in the folder.

From the moment Export is pressed a table shows a row per athlete with its state (waiting, reading the
plan, building, done, failed); after a cancel the same rows say which PDFs were kept and which were not
written, and the dialog stays open on that summary.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.ui.export_options import CONTENTS, PAPERS
from planner.ui.operations import Control, Failure, Operation, ProgressReport, run_operation

if TYPE_CHECKING:
    from planner.export.batch import BatchResult
    from planner.store.database import Database
    from planner.ui.context import AppContext

WORKERS = 2  # both cores of a typical coach's laptop; the window keeps the main thread
PREPARING, EXPORTING = "preparing", "exporting"
# One athlete's state travels as a progress report: stage ATHLETE + state, `done` = the athlete's row.
ATHLETE = "athlete:"
WAITING, READING, BUILDING, DONE, FAILED = "waiting", "reading", "building", "done", "failed"
NOT_STARTED, STOPPED = "not started", "stopped"  # after a cancel: nothing written for these
STATE_TEXT = {
    WAITING: "Waiting",
    READING: "Reading the plan…",
    BUILDING: "Building the PDF…",
    DONE: "Done",
    FAILED: "Failed",
    NOT_STARTED: "Not written (cancelled before it started)",
    STOPPED: "Not written (stopped; nothing half-written)",
}


@dataclass(frozen=True, slots=True)
class BatchRequest:
    athlete_ids: tuple[int, ...]
    out_dir: Path
    combined: bool
    paper: str
    content: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    result: BatchResult
    generated: tuple[tuple[int, str], ...]  # (id, name) of athletes whose missing plan was made first
    total: int


def run_batch(db: Database, request: BatchRequest, control: Control) -> BatchOutcome:
    """Make missing plans, then export the team; runs in an operation (plain data in and out)."""
    from planner.export.batch import BatchResult, TeamJob, export_team
    from planner.store.athletes import get_athlete
    from planner.store.exercises import list_exercises
    from planner.store.plans import ensure_plan

    total = len(request.athlete_ids)
    library = tuple(e.to_dict() for e in list_exercises(db))
    jobs: list[TeamJob] = []
    generated: list[tuple[int, str]] = []
    for done, athlete_id in enumerate(request.athlete_ids):
        if control.cancelled():
            return BatchOutcome(BatchResult(cancelled=True), tuple(generated), total)
        control.progress(done, total, PREPARING)
        control.progress(done, total, ATHLETE + READING)
        stored = get_athlete(db, athlete_id)
        plan, made = ensure_plan(db, athlete_id)
        if made:
            generated.append((athlete_id, stored.athlete.name))
        jobs.append(TeamJob(athlete=stored.athlete.to_dict(), plan=plan.to_dict(), library=library))
        control.progress(done, total, ATHLETE + WAITING)
    result = export_team(
        jobs,
        request.out_dir,
        combined=request.combined,
        paper=request.paper,
        content=request.content,
        workers=WORKERS,
        cancel=control.cancel,
        progress=lambda done, all_: control.progress(done, all_, EXPORTING),
        on_athlete=lambda index, state: control.progress(index, total, ATHLETE + state),
    )
    return BatchOutcome(result, tuple(generated), total)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe(outcome: BatchOutcome, request: BatchRequest) -> str:
    """What the batch left in the folder, in the coach's words."""
    result = outcome.result
    kept = len(result.written)
    lines: list[str] = []
    if result.cancelled:
        if request.combined or kept == 0:
            lines.append("Cancelled. No PDF was written; nothing half-written.")
        else:
            lines.append(f"Cancelled. {plural(kept, 'complete PDF')} kept; nothing half-written.")
    elif request.combined and kept:
        lines.append(f"Wrote one PDF for {plural(outcome.total, 'athlete')} ({plural(result.pages, 'page')}).")
    elif kept:
        lines.append(f"Wrote {plural(kept, 'PDF')} ({plural(result.pages, 'page')}).")
    if result.cancelled and kept and not request.combined:
        lines.append("Kept: " + ", ".join(sorted(path.name for path in result.written)))
    for name, message in result.failed:
        lines.append(f"Not written for {name}: {message}")
    if outcome.generated:
        names = ", ".join(name for _id, name in outcome.generated)
        lines.append(f"Made a plan first for {names}, who had none saved.")
    lines += result.warnings
    return "\n".join(lines)


class BatchDialog(QDialog):
    """Export PDFs for many athletes at once; `finished_batch` carries the outcome (for tests)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        paper: str | None = None,
        content: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operation: Operation[BatchOutcome] | None = None
        self.outcome: BatchOutcome | None = None
        self._close_when_done = False
        self._last_request: BatchRequest | None = None
        self.setWindowTitle("Team batch export")
        self.resize(560, 560)

        self.athlete_list = QListWidget()
        self.athlete_list.setObjectName("batch_athletes")
        self.athlete_list.itemChanged.connect(self._update_buttons)
        select_all = QPushButton("Select all")
        select_all.clicked.connect(lambda: self.set_all_checked(True))
        select_none = QPushButton("Select none")
        select_none.clicked.connect(lambda: self.set_all_checked(False))
        self.selection_label = QLabel()
        select_row = QHBoxLayout()
        select_row.addWidget(select_all)
        select_row.addWidget(select_none)
        select_row.addStretch(1)
        select_row.addWidget(self.selection_label)
        choices = QWidget()
        choices_layout = QVBoxLayout(choices)
        choices_layout.setContentsMargins(0, 0, 0, 0)
        choices_layout.addWidget(QLabel("Athletes"))
        choices_layout.addWidget(self.athlete_list, 1)
        choices_layout.addLayout(select_row)

        # A row per athlete of the running (or last) batch with its state: shown from the first moment.
        self.state_table = QTableWidget(0, 2)
        self.state_table.setObjectName("batch_states")
        self.state_table.setHorizontalHeaderLabels(["Athlete", "State"])
        self.state_table.verticalHeader().hide()
        self.state_table.horizontalHeader().setStretchLastSection(True)
        self.state_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.state_table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.state_table.setTabKeyNavigation(False)
        self.back_button = QPushButton("C&hange athletes")
        self.back_button.setToolTip("Back to the list of athletes to export")
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        states = QWidget()
        states_layout = QVBoxLayout(states)
        states_layout.setContentsMargins(0, 0, 0, 0)
        states_layout.addWidget(QLabel("Progress per athlete"))
        states_layout.addWidget(self.state_table, 1)
        states_layout.addLayout(back_row)
        self.pages = QStackedWidget()
        self.pages.addWidget(choices)
        self.pages.addWidget(states)
        self._states: list[str] = []

        default_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        self.folder_edit = QLineEdit(str(default_dir / "Stride Planner"))
        self.folder_edit.textChanged.connect(self._update_buttons)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)

        self.separate_radio = QRadioButton("One PDF per athlete")
        self.separate_radio.setChecked(True)
        self.combined_radio = QRadioButton("One combined PDF (team.pdf)")
        files_group = QButtonGroup(self)
        files_group.addButton(self.separate_radio)
        files_group.addButton(self.combined_radio)
        files_box = QVBoxLayout()
        files_box.addWidget(self.separate_radio)
        files_box.addWidget(self.combined_radio)

        self.paper_box = QComboBox()
        for key, label in PAPERS:
            self.paper_box.addItem(label, key)
        paper = paper or ctx.settings.get("paper")
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(paper)))
        self.content_checks: dict[str, QCheckBox] = {}
        content_row = QHBoxLayout()
        for key, label in CONTENTS:
            check = QCheckBox(label)
            check.setChecked(content is None or key in content)
            check.toggled.connect(self._update_buttons)
            self.content_checks[key] = check
            content_row.addWidget(check)
        content_row.addStretch(1)

        form = QFormLayout()
        form.addRow("Folder", folder_row)
        form.addRow("Files", files_box)
        form.addRow("Paper", self.paper_box)
        form.addRow("Contents", content_row)
        self.options_widgets: list[QWidget] = [
            self.athlete_list,
            select_all,
            select_none,
            self.folder_edit,
            choose,
            self.separate_radio,
            self.combined_radio,
            self.paper_box,
            *self.content_checks.values(),
            self.back_button,
        ]

        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("batch_progress")
        self.message_label = QLabel()
        self.message_label.setObjectName("batch_message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.open_folder_button = self.buttons.addButton("Open folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.load_athletes()

    # --- choices --------------------------------------------------------------------------------

    def load_athletes(self) -> None:
        from planner.store.athletes import list_athletes

        self.athlete_list.blockSignals(True)
        self.athlete_list.clear()
        for stored in list_athletes(self.ctx.db) if self.ctx.db is not None else []:
            item = QListWidgetItem(stored.athlete.name)
            item.setData(Qt.ItemDataRole.UserRole, stored.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.athlete_list.addItem(item)
        self.athlete_list.blockSignals(False)
        self._update_buttons()

    def set_all_checked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.athlete_list.blockSignals(True)
        for row in range(self.athlete_list.count()):
            self.athlete_list.item(row).setCheckState(state)
        self.athlete_list.blockSignals(False)
        self._update_buttons()

    def checked_ids(self) -> tuple[int, ...]:
        items = (self.athlete_list.item(row) for row in range(self.athlete_list.count()))
        return tuple(int(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked)

    def content(self) -> tuple[str, ...]:
        return tuple(key for key, _ in CONTENTS if self.content_checks[key].isChecked())

    def request(self) -> BatchRequest:
        return BatchRequest(
            athlete_ids=self.checked_ids(),
            out_dir=Path(self.folder_edit.text().strip()).expanduser(),
            combined=self.combined_radio.isChecked(),
            paper=self.paper_box.currentData(),
            content=self.content(),
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the PDFs", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def _update_buttons(self) -> None:
        count = len(self.checked_ids())
        self.selection_label.setText(f"{count} of {self.athlete_list.count()} selected")
        running = self.is_running()
        self.export_button.setEnabled(
            not running and count > 0 and bool(self.content()) and bool(self.folder_edit.text().strip())
        )

    # --- running --------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.operation is not None

    def start_export(self) -> None:
        if self.is_running() or self.ctx.db is None:
            return
        request = self.request()
        if not request.athlete_ids or not request.content:
            return
        self._last_request = request
        self.outcome = None
        self._show_states(request)
        self.operation = run_operation(
            functools.partial(run_batch, self.ctx.db, request),
            name="team batch export",
            owner=self,
            on_done=self._on_done,
            on_failed=self._on_failed,
            on_progress=self._on_progress,
        )
        self._set_running(True)
        self._on_progress(ProgressReport(0, len(request.athlete_ids), PREPARING))

    def cancel(self) -> None:
        """Ask the batch to stop: queued PDFs never start, running ones stop at their next page."""
        if self.operation is not None:
            self.operation.cancel()
            self.progress_label.setText("Cancelling… finished PDFs are kept.")
            self.close_button.setEnabled(False)

    def _set_running(self, running: bool) -> None:
        for widget in self.options_widgets:
            widget.setEnabled(not running)
        self.progress_bar.setVisible(running or self.progress_bar.value() > 0)
        self.message_label.setText("" if running else self.message_label.text())
        self.open_folder_button.setVisible(not running and bool(self.outcome and self.outcome.result.written))
        self.close_button.setText("Cancel" if running else "Close")
        self.close_button.setEnabled(True)
        self._update_buttons()

    def _show_states(self, request: BatchRequest) -> None:
        names = {
            int(item.data(Qt.ItemDataRole.UserRole)): item.text()
            for item in (self.athlete_list.item(row) for row in range(self.athlete_list.count()))
        }
        self.state_table.setRowCount(len(request.athlete_ids))
        self._states = [WAITING] * len(request.athlete_ids)
        for row, athlete_id in enumerate(request.athlete_ids):
            self.state_table.setItem(row, 0, QTableWidgetItem(names.get(athlete_id, f"Athlete {athlete_id}")))
            self.state_table.setItem(row, 1, QTableWidgetItem(STATE_TEXT[WAITING]))
        self.state_table.resizeColumnToContents(0)
        self.pages.setCurrentIndex(1)

    def athlete_states(self) -> list[tuple[str, str]]:
        """(name, state text) of every row of the progress table, as the coach reads them."""
        table = self.state_table
        return [(table.item(row, 0).text(), table.item(row, 1).text()) for row in range(table.rowCount())]

    def _set_state(self, row: int, state: str, detail: str = "") -> None:
        if not 0 <= row < len(self._states):
            return
        if self._states[row] in (DONE, FAILED) and state in (WAITING, READING, BUILDING):
            return  # a late "building" from a worker never undoes a finished row
        self._states[row] = state
        text = STATE_TEXT[state] + (f": {detail}" if detail else "")
        self.state_table.item(row, 1).setText(text)
        self.state_table.item(row, 1).setToolTip(text)

    def _final_states(self, outcome: BatchOutcome, request: BatchRequest) -> None:
        """What each row ended as; after a cancel every row says whether its PDF exists."""
        result = outcome.result
        failed = dict(result.failed)
        for row in range(len(self._states)):
            name = self.state_table.item(row, 0).text()
            if name in failed and self._states[row] != DONE:
                self._set_state(row, FAILED, failed[name])
            elif result.cancelled and request.combined:
                self._set_state(row, STOPPED)  # team.pdf is written whole or not at all
            elif result.cancelled and self._states[row] in (WAITING, READING):
                self._set_state(row, NOT_STARTED)
            elif result.cancelled and self._states[row] == BUILDING:
                self._set_state(row, STOPPED)

    def _on_progress(self, report: ProgressReport) -> None:
        if report.stage.startswith(ATHLETE):
            self._set_state(report.done, report.stage.removeprefix(ATHLETE))
            return
        if self.operation is not None and self.operation.cancelled:
            return
        stage, done, total = report.stage, report.done, report.total
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(done if stage == EXPORTING else 0)
        if stage == PREPARING:
            self.progress_label.setText(f"Reading plans… {done} of {plural(total, 'athlete')}")
        else:
            self.progress_label.setText(f"{done} of {plural(total, 'athlete')}")

    def _on_done(self, outcome: BatchOutcome) -> None:
        self.operation = None
        self.outcome = outcome
        request = self._last_request
        assert request is not None
        result = outcome.result
        if not result.cancelled:
            self.progress_bar.setValue(self.progress_bar.maximum())
            self.progress_label.setText(f"{outcome.total} of {plural(outcome.total, 'athlete')}")
        else:
            self.progress_label.setText("Cancelled")
        self._final_states(outcome, request)
        self.message_label.setText(describe(outcome, request))
        self._set_running(False)
        for athlete_id, _name in outcome.generated:
            self.ctx.plan_changed.emit(athlete_id)
        if result.written:
            self.ctx.say(f"Team batch: {plural(len(result.written), 'PDF')} in {request.out_dir}", str(request.out_dir))
        if self._close_when_done:
            super().reject()

    def _on_failed(self, failure: Failure) -> None:
        self.operation = None
        message = failure.text("the team batch")
        self.progress_label.setText("Stopped")
        self.message_label.setText(f"Nothing more was written. {message}")
        self._set_running(False)
        if self._close_when_done:
            super().reject()

    def open_folder(self) -> None:
        if self._last_request is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_request.out_dir)))

    # --- closing --------------------------------------------------------------------------------

    def reject(self) -> None:
        """Close; while a batch runs, Cancel (or Esc) stops it and the dialog stays on what was kept."""
        if self.is_running():
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running():
            self._close_when_done = True
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def wait(self) -> Any:
        """Stop a running batch and block until its thread ends (the window is closing)."""
        if self.operation is not None:
            self.operation.wait()
            self.operation = None
