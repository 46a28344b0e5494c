"""Printing a built PDF: our vector file when the printer writes a PDF file, rendered pages for real printers.

"Print to file" must give the same PDF as Save (text, 160 KB), not pictures of its pages (35 MB); so when
QPrinter's output is a PDF file the pages are copied as they are. A real printer gets each page rendered at
its resolution (up to MAX_PRINT_DPI) off the UI thread, one page at a time, and painted here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from planner.ui.operations import Control, Failure, Operation, run_operation
from planner.ui.pdf_pages import PageImage, copy_pages, render_pages
from planner.ui.pdf_preview import image_from

# A 1200 dpi A4 page would be a 550 MB image, and type rendered at 300 dpi already prints crisp.
MAX_PRINT_DPI = 300


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """How a print ended: pages sent of those asked for, and why it stopped early (if it did)."""

    printed: int
    total: int
    cancelled: bool = False
    error: str | None = None
    to_file: Path | None = None  # the PDF file written, when the printer was a file

    def message(self) -> str:
        """The status-bar line for this outcome."""
        pages = f"{self.printed} page{'s' if self.printed != 1 else ''}"
        if self.error is not None:
            return f"Nothing more was printed: {self.error}"
        if self.cancelled:
            return f"Printing cancelled after {pages}."
        if self.to_file is not None:
            return f"Printed {pages} to {self.to_file}"
        return f"Sent {pages} to the printer."


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages the print dialog asked for (all of them unless a page range was chosen)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = min(count, printer.toPage() or count)
        return list(range(printer.fromPage() - 1, last))
    return list(range(count))


def _copy_job(source: str, target: str, pages: tuple[int, ...] | None, _control: Control) -> int:
    return copy_pages(source, target, pages)


def _render_job(source: str, index: int, scale: float, control: Control) -> list[PageImage]:
    return render_pages(source, (index,), scale, control.cancelled)


class PrintRun:
    """One print of one PDF; `on_finished(PrintOutcome)` runs on the UI thread when it ends."""

    def __init__(
        self,
        pdf: Path,
        sizes: Sequence[tuple[float, float]],
        printer: QPrinter,
        *,
        owner: QObject,
        on_finished: Callable[[PrintOutcome], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.pdf = pdf
        self.sizes = tuple(sizes)
        self.printer = printer
        self.pages = chosen_pages(printer, len(self.sizes))
        self._owner = owner
        self._on_finished = on_finished
        self._on_progress = on_progress
        self._painter: QPainter | None = None
        self._printed = 0
        self._cancelled = False
        self.operation: Operation[Any] | None = None
        self.finished = False

    def start(self, *, rasterise: bool | None = None) -> None:
        """Begin: a PDF-file printer gets the vector copy (unless `rasterise`), any other the rendered pages."""
        to_file = self.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(self.printer.outputFileName())
        if rasterise is None:
            rasterise = not to_file
        if not rasterise:
            self._copy_to(Path(self.printer.outputFileName()))
            return
        self.printer.setFullPage(True)  # the PDF pages carry their own margins
        painter = QPainter()
        if not self.pages or not painter.begin(self.printer):
            self._finish(error="the printer could not be started" if self.pages else None)
            return
        self._painter = painter
        self._render_next()

    def cancel(self) -> None:
        self._cancelled = True
        if self.operation is not None:
            self.operation.cancel()

    # -- a PDF file ------------------------------------------------------------------------------
    def _copy_to(self, target: Path) -> None:
        whole = self.pages == list(range(len(self.sizes)))
        job = functools.partial(_copy_job, str(self.pdf), str(target), None if whole else tuple(self.pages))
        self.operation = run_operation(
            job,
            name="printing to a PDF file",
            label="Printing to a file…",
            owner=self._owner,
            on_done=lambda count: self._finish(printed=count, to_file=target),
            on_failed=lambda failure: self._finish(error=failure.text("printing")),
            on_cancelled=lambda: self._finish(cancelled=True),
        )

    # -- a real printer --------------------------------------------------------------------------
    def _render_next(self) -> None:
        if self._cancelled:
            self._finish(cancelled=True)
            return
        if self._printed >= len(self.pages):
            self._finish()
            return
        if self._on_progress is not None:
            self._on_progress(self._printed, len(self.pages))
        resolution = self.printer.resolution()
        scale = min(resolution, MAX_PRINT_DPI) / 72.0
        job = functools.partial(_render_job, str(self.pdf), self.pages[self._printed], scale)
        self.operation = run_operation(
            job,
            name="rendering a page for the printer",
            label="Printing…",
            owner=self._owner,
            on_done=self._paint,
            on_failed=self._render_failed,
            on_cancelled=lambda: self._finish(cancelled=True),
        )

    def _render_failed(self, failure: Failure) -> None:
        self._finish(error=failure.text("rendering the page"))

    def _paint(self, rendered: list[PageImage]) -> None:
        painter = self._painter
        if painter is None or not rendered:
            self._finish(error="a page could not be rendered" if painter is not None else None)
            return
        page = rendered[0]
        if self._printed:
            self.printer.newPage()
        resolution = self.printer.resolution()
        width_pt, height_pt = self.sizes[page.index]
        sheet = QRectF(self.printer.paperRect(QPrinter.Unit.DevicePixel))
        target = QRectF(0, 0, width_pt * resolution / 72, height_pt * resolution / 72)
        if target.width() > sheet.width() or target.height() > sheet.height():
            fit = min(sheet.width() / target.width(), sheet.height() / target.height())
            target.setSize(target.size() * fit)
        target.moveCenter(sheet.center())
        painter.fillRect(target, Qt.GlobalColor.white)
        painter.drawImage(target, image_from(page))
        self._printed += 1
        self._render_next()

    def _finish(
        self,
        *,
        printed: int | None = None,
        cancelled: bool = False,
        error: str | None = None,
        to_file: Path | None = None,
    ) -> None:
        if self.finished:
            return
        self.finished = True
        self.operation = None
        if self._painter is not None:
            self._painter.end()  # ends the print job: what was painted so far goes to the printer
            self._painter = None
        outcome = PrintOutcome(
            printed=self._printed if printed is None else printed,
            total=len(self.pages),
            cancelled=cancelled,
            error=error,
            to_file=to_file,
        )
        self._on_finished(outcome)
