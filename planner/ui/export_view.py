"""The Export view: print options for the current athlete beside a live preview of the PDF.

Every option change rebuilds the preview after a short pause, in an operation, into a temp file; a
build overtaken by a newer change is stopped at its next page. Save builds straight to the chosen
file (written atomically); Print sends the previewed file (planner.ui.printing). Outcomes are said in
the status line and the status bar, never in a dialog; a file written comes with "Open folder".

Save and Print stay available while the preview is built: asked for then, they wait for the build (the
status bar shows it, with Cancel) and go on as soon as it ends, so Ctrl+S is never silently dropped.
"""

from __future__ import annotations

import functools
import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.export.document import BuildReport
from planner.export.file_names import file_stem
from planner.ui.export_options import (
    CONTENTS,
    PAPERS,
    ExportInputs,
    ExportOptions,
    PreviewBuild,
    build_preview,
    save_pdf,
)
from planner.ui.operations import Failure, Operation, run_operation
from planner.ui.pdf_preview import PdfPreview
from planner.ui.printing import PrintOutcome, PrintRun
from planner.ui.shortcuts import register_shortcut
from planner.ui.style import count_suffix

if TYPE_CHECKING:
    from planner.ui.context import AppContext

log = logging.getLogger(__name__)

PREVIEW_DEBOUNCE_MS = 300
SAVE_KEYS, PRINT_KEYS, BATCH_KEYS = "Ctrl+S", "Ctrl+P", "Ctrl+Shift+B"
register_shortcut("Export", SAVE_KEYS, "Save the athlete's PDF")
register_shortcut("Export", PRINT_KEYS, "Print the athlete's PDF")
register_shortcut("Export", BATCH_KEYS, "Export PDFs for the whole team")


class ExportView(QWidget):
    ready = Signal()
    preview_updated = Signal(int)  # page count of the preview just shown (0: none)

    title = "Export"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ready = False
        self._loaded = False
        self.athlete_id: int | None = None
        self.inputs: ExportInputs | None = None
        self.report: BuildReport | None = None
        self._shown_options: ExportOptions | None = None
        self._build: Operation[PreviewBuild] | None = None
        self._print: PrintRun | None = None
        self._rebuild_after = False
        self._announcing = False
        self._pending_printer: QPrinter | None = None
        self._pending_save: Path | None = None
        self._batch_dialog: QDialog | None = None
        self._debounce = QTimer(self, singleShot=True, interval=PREVIEW_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.rebuild_preview)

        self._make_actions()
        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_state())
        self.stack.addWidget(self._export_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- layout ---------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(text: str, slot: Any, keys: str, tip: str) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(f"{tip} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.save_action = action("Save PDF…", self.save_pdf, SAVE_KEYS, "Save this athlete's PDF")
        self.print_action = action("Print…", self.print_pdf, PRINT_KEYS, "Print this athlete's PDF")
        self.batch_action = action("Team batch…", self.open_batch, BATCH_KEYS, "Export PDFs for the whole team")

    def _empty_state(self) -> QWidget:
        page = QWidget()
        self.empty_label = QLabel(
            "<h2>No athlete selected</h2><p>Choose an athlete in the Athletes view: "
            "their printable season appears here.</p>"
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        batch = QPushButton("Team batch…")
        batch.clicked.connect(self.open_batch)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(batch)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _export_page(self) -> QWidget:
        self.name_label = QLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.plan_label.setStyleSheet("color: palette(placeholder-text);")

        self.paper_box = QComboBox()
        for key, label in PAPERS:
            self.paper_box.addItem(label, key)
        self.paper_box.currentIndexChanged.connect(self._options_changed)
        paper_form = QFormLayout()
        paper_form.addRow("Paper", self.paper_box)

        contents = QGroupBox("Contents")
        contents_layout = QVBoxLayout(contents)
        self.content_checks: dict[str, QCheckBox] = {}
        for key, label in CONTENTS:
            check = QCheckBox(label)
            check.setChecked(True)
            check.toggled.connect(self._options_changed)
            self.content_checks[key] = check
            contents_layout.addWidget(check)

        weeks = QGroupBox("Weeks")
        self.all_weeks_radio = QRadioButton("All weeks of the saved plan")
        self.all_weeks_radio.setChecked(True)
        self.first_weeks_radio = QRadioButton("First")
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 52)
        self.weeks_spin.setValue(4)
        count_suffix(self.weeks_spin, " week", " weeks")
        self.weeks_spin.setEnabled(False)
        group = QButtonGroup(self)
        group.addButton(self.all_weeks_radio)
        group.addButton(self.first_weeks_radio)
        self.first_weeks_radio.toggled.connect(self.weeks_spin.setEnabled)
        self.first_weeks_radio.toggled.connect(self._options_changed)
        self.weeks_spin.valueChanged.connect(self._options_changed)
        first_row = QHBoxLayout()
        first_row.addWidget(self.first_weeks_radio)
        first_row.addWidget(self.weeks_spin, 1)
        weeks_layout = QVBoxLayout(weeks)
        weeks_layout.addWidget(self.all_weeks_radio)
        weeks_layout.addLayout(first_row)

        self.save_button = QPushButton("Save PDF…")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_action.trigger)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_action.trigger)
        self.batch_button = QPushButton("Team batch…")
        self.batch_button.clicked.connect(self.batch_action.trigger)

        options = QWidget()
        options.setObjectName("export_options")
        options.setFixedWidth(280)
        left = QVBoxLayout(options)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(8)
        left.addWidget(self.name_label)
        left.addWidget(self.plan_label)
        left.addSpacing(8)
        left.addLayout(paper_form)
        left.addWidget(contents)
        left.addWidget(weeks)
        left.addStretch(1)
        for button in (self.save_button, self.print_button, self.batch_button):
            left.addWidget(button)

        self.status_label = QLabel()
        self.status_label.setObjectName("export_status")
        self.warning_strip = QLabel()
        self.warning_strip.setObjectName("export_warnings")
        # Its colours are the app style sheet's (planner.ui.style): they follow the light or dark palette.
        self.warning_strip.setWordWrap(True)
        self.warning_strip.setTextFormat(Qt.TextFormat.RichText)
        self.warning_strip.hide()
        self.preview = PdfPreview()
        self.preview.setMinimumWidth(360)
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(self.status_label)
        right.addWidget(self.warning_strip)
        right.addWidget(self.preview, 1)

        page = QWidget()
        body = QHBoxLayout(page)
        body.setContentsMargins(12, 12, 12, 12)
        body.setSpacing(16)
        body.addWidget(options)
        body.addLayout(right, 1)
        return page

    # --- the view contract ----------------------------------------------------------------------

    def toolbar_actions(self) -> list[QAction]:
        return [self.save_action, self.print_action, self.batch_action]

    def is_ready(self) -> bool:
        return self._ready

    def load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        paper = self.ctx.settings.get("paper")
        self.paper_box.blockSignals(True)
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(paper)))
        self.paper_box.blockSignals(False)
        self.ctx.current_athlete_changed.connect(self.show_athlete)
        self.ctx.plan_changed.connect(self._on_plan_changed)
        self.ctx.athletes_changed.connect(self._reload_athlete)
        self.ctx.library_changed.connect(self._reload_athlete)
        athlete_id = self.ctx.current_athlete_id
        if athlete_id is None:
            from planner.store.athletes import list_athletes

            first = next(iter(list_athletes(self.ctx.db)), None)
            if first is not None:
                self.ctx.set_current_athlete(first.id)  # arrives back through show_athlete
                return
        self.show_athlete(athlete_id)

    def _mark_ready(self) -> None:
        if not self._ready:
            self._ready = True
            self.ready.emit()

    # --- which athlete --------------------------------------------------------------------------

    def show_athlete(self, athlete_id: int | None) -> None:
        if athlete_id == self.athlete_id and self.inputs is not None:
            return
        if athlete_id != self.athlete_id and self._pending_save is not None:
            self._pending_save = None
            self._say("Save cancelled: another athlete was chosen; nothing was written.")
        self.athlete_id = athlete_id
        self.inputs = None
        self._shown_options = None
        if athlete_id is None or self.ctx.db is None:
            self._show_empty()
            return
        self.stack.setCurrentIndex(1)
        self.name_label.setText("")
        self.plan_label.setText("Reading the plan…")
        self.rebuild_preview()

    def _show_empty(self) -> None:
        self._stop_build()
        self.preview.clear()
        self.report = None
        self.stack.setCurrentIndex(0)
        self._set_actions_enabled(False)
        QTimer.singleShot(0, self._mark_ready)

    def _on_plan_changed(self, athlete_id: int) -> None:
        if athlete_id == self.athlete_id and not self._announcing:
            self._reload_athlete()

    def _reload_athlete(self) -> None:
        if self.athlete_id is not None and self._loaded:
            self.inputs = None
            self._shown_options = None
            self._debounce.start()

    def _show_inputs(self, inputs: ExportInputs) -> None:
        self.name_label.setText(inputs.athlete.name)
        weeks = len(inputs.plan.weeks)
        first = inputs.plan.start.strftime("%a %-d %b %Y") if weeks else ""
        text = f"{weeks} week{'s' if weeks != 1 else ''} from {first}" if weeks else "The plan has no weeks."
        if inputs.generated:
            text += "<br>There was no saved plan, so one was made from the athlete's season."
        self.plan_label.setText(text)
        self.all_weeks_radio.setText(f"All {weeks} weeks of the saved plan")
        self.weeks_spin.setMaximum(max(1, weeks))

    # --- options and the preview ----------------------------------------------------------------

    def options(self) -> ExportOptions:
        content = tuple(key for key, _ in CONTENTS if self.content_checks[key].isChecked())
        weeks = self.weeks_spin.value() if self.first_weeks_radio.isChecked() else None
        return ExportOptions(paper=self.paper_box.currentData(), content=content, weeks=weeks)

    def is_building(self) -> bool:
        return self._build is not None or self._debounce.isActive()

    def is_current(self) -> bool:
        """The preview shows exactly what the options ask for."""
        return not self.is_building() and self.report is not None and self._shown_options == self.options()

    def _options_changed(self) -> None:
        if self._loaded and self.athlete_id is not None:
            self.status_label.setText("Updating the preview…")
            self._set_actions_enabled(bool(self.options().content))  # asked for now, they wait for the build
            self._debounce.start()

    def rebuild_preview(self) -> None:
        self._debounce.stop()
        if self.athlete_id is None or self.ctx.db is None:
            return
        if self._build is not None:
            # Stop the running build at its next page; the newest options are built when it ends.
            self._build.cancel()
            self._rebuild_after = True
            return
        options = self.options()
        if not options.content:
            self.preview.clear()
            self.report = None
            self._shown_options = options
            self.status_label.setText("Choose at least one part to print.")
            self.warning_strip.hide()
            self._set_actions_enabled(False)
            self._mark_ready()
            return
        out = self.preview.next_path()
        self.status_label.setText(self._waiting_text() or "Updating the preview…")
        self._set_actions_enabled(True)
        job = functools.partial(
            build_preview, self.ctx.db, self.athlete_id, self.inputs, options, out, self.preview.scale_for_width()
        )
        self._build = run_operation(
            job,
            name="building the preview",
            label=self._waiting_text(),  # in the status bar, with Cancel, only while a save waits for it
            owner=self,
            on_done=self._on_built,
            on_failed=lambda failure: self._on_build_failed(failure, out),
            on_cancelled=lambda: self._on_build_cancelled(out),
        )

    def _on_built(self, built: PreviewBuild) -> None:
        self._build = None
        inputs, options, report = built.inputs, built.options, built.report
        if inputs.athlete_id == self.athlete_id:
            if self.inputs is None:
                self.inputs = inputs
                self._show_inputs(inputs)
                if inputs.generated:
                    # Other views show the new plan; this one already has it, so it ignores its own news.
                    self._announcing = True
                    try:
                        self.ctx.plan_changed.emit(inputs.athlete_id)
                    finally:
                        self._announcing = False
            if not self._rebuild_after and options == self.options():
                self._show_report(built)
                return
        self.preview.discard(report.path)
        self._build_again()

    def _on_build_cancelled(self, out: Path) -> None:
        self._build = None
        self.preview.discard(out)
        if self._pending_save is not None and not self._rebuild_after:
            # Not overtaken by new options: the coach pressed Cancel in the status bar, on the waiting save.
            self._pending_save = None
            self._say("Save cancelled; nothing was written.")
        self._build_again()

    def _on_build_failed(self, failure: Failure, out: Path) -> None:
        self._build = None
        self.preview.discard(out)
        if self._rebuild_after:
            self._build_again()
            return
        self.report = None
        self.preview.clear()
        self.status_label.setText(failure.text("building the preview"))
        self._set_actions_enabled(False)
        if self._pending_save is not None:
            self._pending_save = None
            self._say(f"Nothing was saved. {failure.text('building the PDF')}")
        self._mark_ready()

    def _build_again(self) -> None:
        self._rebuild_after = False
        self.rebuild_preview()

    def _show_report(self, built: PreviewBuild) -> None:
        report, options = built.report, built.options
        self.preview.show_document(report.path, built.sizes, built.pages)
        self.report = report
        self._shown_options = options
        paper = dict(PAPERS)[options.paper]
        self.status_label.setText(f"{report.pages} page{'s' if report.pages != 1 else ''} · {paper}")
        self._show_warnings(report.warnings)
        self._set_actions_enabled(True)
        self.preview_updated.emit(report.pages)
        if self._pending_printer is not None:
            printer, self._pending_printer = self._pending_printer, None
            self._print_to(printer)
        if self._pending_save is not None:
            out, self._pending_save = self._pending_save, None
            self._start_save(out)
        if not self._ready:
            self._ready_when_painted()

    def _ready_when_painted(self) -> None:
        """Say `ready` once the pages in sight have their images (a screenshot then shows ink, not blank
        sheets); the build renders the first pages itself, so this is usually at once."""
        if self.preview.all_in_sight_painted():
            self._mark_ready()
        else:
            self.preview.pages_painted.connect(self._mark_ready, Qt.ConnectionType.SingleShotConnection)

    def _show_warnings(self, warnings: tuple[str, ...]) -> None:
        if not warnings:
            self.warning_strip.hide()
            return
        items = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
        self.warning_strip.setText(
            "<b>Some characters cannot be printed</b>: no font has them, so they show as "
            f"an empty box in the PDF.<ul style='margin: 4px 0 0 -24px'>{items}</ul>"
        )
        self.warning_strip.show()

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.save_action.setEnabled(enabled)
        self.print_action.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)

    def _stop_build(self) -> None:
        self._debounce.stop()
        if self._build is not None:
            self._build.cancel()

    # --- save, print, batch ---------------------------------------------------------------------

    def _suggested_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if self.inputs is None:
            return str(Path(folder) / "season.pdf")
        return str(Path(folder) / f"{file_stem(self.inputs.athlete.name)}-season.pdf")

    def save_pdf(self) -> None:
        if self.athlete_id is None or not self.options().content:
            return
        name, _filter = QFileDialog.getSaveFileName(self, "Save PDF", self._suggested_path(), "PDF files (*.pdf)")
        if not name:
            return
        out = Path(name) if name.lower().endswith(".pdf") else Path(f"{name}.pdf")
        if self.is_current():
            self._start_save(out)
            return
        # The preview is being built (or about to be): save once it is, and show that we are on it.
        self._pending_save = out
        waiting = self._waiting_text()
        self.status_label.setText(waiting)
        self.ctx.say(waiting)
        if self._build is not None:
            from planner.ui.operations import runner

            self._build.label = waiting
            runner().progressed.emit(self._build)  # the window's status bar shows it now, with Cancel

    def is_saving_later(self) -> bool:
        """A save was asked for during a build and waits for it to end."""
        return self._pending_save is not None

    def _waiting_text(self) -> str:
        if self._pending_save is None:
            return ""
        return f"Saving {self._pending_save.name} as soon as the PDF is built…"

    def _start_save(self, out: Path) -> None:
        if self.inputs is None:
            self._say("Nothing was saved: the plan could not be read.")
            return
        self.status_label.setText(f"Saving {out.name}…")
        run_operation(
            functools.partial(save_pdf, out, self.inputs, self.options()),
            name="saving the PDF",
            label=f"Saving {out.name}…",
            owner=self,
            on_done=lambda report: self._saved(out, report),
            on_failed=self._save_failed,
            on_cancelled=lambda: self._say("Save cancelled; nothing was written."),
        )

    def _saved(self, out: Path, report: BuildReport) -> None:
        self._say(f"Saved {report.pages} page{'s' if report.pages != 1 else ''} to {out}", folder=out.parent)

    def _save_failed(self, failure: Failure) -> None:
        self._say(f"Nothing was saved. {failure.text('saving the PDF')}")

    def _say(self, message: str, folder: Path | None = None) -> None:
        """An outcome: in the view's status line and in the window's status bar (never a dialog); a file
        written in `folder` gets "Open folder" beside the message."""
        self.status_label.setText(message)
        self.ctx.say(message, None if folder is None else str(folder))

    def print_pdf(self) -> None:
        if self.athlete_id is None or not self.options().content:
            return
        if self._print is not None and not self._print.finished:
            self.ctx.say("Still printing; wait for it or cancel it first.")
            return
        options = self.options()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Stride Planner – {self.inputs.athlete.name if self.inputs else 'season'}")
        from PySide6.QtGui import QPageSize

        size = QPageSize.PageSizeId.Letter if options.paper == "letter" else QPageSize.PageSizeId.A4
        printer.setPageSize(QPageSize(size))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.is_current():
            self._print_to(printer)
        else:
            self._pending_printer = printer  # printed as soon as the preview catches up
            self.status_label.setText("Printing once the preview is ready…")

    def _print_to(self, printer: QPrinter) -> None:
        path = self.preview.shown_path
        if path is None:
            self._say("Nothing was printed: the preview is not ready.")
            return
        sizes = [self.preview.page_size(i) for i in range(self.preview.page_count())]
        self.status_label.setText("Printing…")
        self._print = PrintRun(
            path,
            sizes,
            printer,
            owner=self,
            on_finished=self._printed,
            on_progress=lambda done, total: self.status_label.setText(f"Printing page {done + 1} of {total}…"),
        )
        self._print.start()

    def _printed(self, outcome: PrintOutcome) -> None:
        printed_file = outcome.to_file is not None and outcome.error is None and not outcome.cancelled
        self._say(outcome.message(), folder=outcome.to_file.parent if printed_file else None)

    def open_batch(self) -> None:
        if self.ctx.db is None:
            return
        from planner.ui.batch_dialog import BatchDialog

        if self._batch_dialog is not None and self._batch_dialog.isVisible():
            self._batch_dialog.raise_()
            return
        dialog = BatchDialog(self.ctx, self, paper=self.options().paper, content=self.options().content)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "_batch_dialog", None))
        self._batch_dialog = dialog
        dialog.open()
