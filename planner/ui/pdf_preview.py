"""The live PDF preview (white pages in a QPdfView, page count, zoom) and the thread that builds PDFs.

`WorkThread` runs one build off the UI thread and hands its result back on the UI thread. Every
running one is kept in a module set until it ends, so a closing window or a test can wait for them
and no QThread is ever destroyed while it runs.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMargins, QPointF, QRectF, QSize, Qt, QThread, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Job = Callable[[Progress, threading.Event], Any]

# Pages are rendered at the printer's resolution up to this: a 1200 dpi A4 page would be a 550 MB image,
# and type rendered at 300 dpi already prints crisp.
MAX_PRINT_DPI = 300

# The grey around the pages; the pages themselves are painted white by QPdfView.
SURROUND = "#8a8f94"

_live: set[WorkThread] = set()
_quit_hooked = False


def running_threads() -> list[WorkThread]:
    """Build threads that have not ended yet (tests check this is empty when they end)."""
    return [t for t in _live if t.isRunning() or not t.delivered]


def stop_all_threads() -> None:
    """Ask every build to stop and wait for it (the application is quitting)."""
    for thread in list(_live):
        thread.stop.set()
        thread.wait()
    _live.clear()


class WorkThread(QThread):
    """Runs `job(progress, stop)` once; `succeeded(result)` or `failed(exc)` arrive on the UI thread.

    `stop` is a threading.Event the job polls (the PDF builds check it after every page).
    """

    progressed = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job, *, name: str) -> None:
        # No parent: the thread must outlive a view that is deleted while it runs; `_live` keeps it.
        super().__init__()
        self.setObjectName(name)
        self.stop = threading.Event()
        self.delivered = False
        self._job = job
        self._outcome: tuple[bool, Any] | None = None
        # Deliver once the thread has really ended, so receivers may start the next one at once.
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start_work(self) -> None:
        global _quit_hooked
        app = QCoreApplication.instance()
        if not _quit_hooked and app is not None:
            app.aboutToQuit.connect(stop_all_threads)
            _quit_hooked = True
        _live.add(self)
        self.start()

    def run(self) -> None:
        try:
            result = self._job(self.progressed.emit, self.stop)
        except BaseException as exc:  # nothing may escape a thread; the UI decides what to say
            self._outcome = (False, exc)
        else:
            self._outcome = (True, result)

    def _deliver(self) -> None:
        if self.delivered:
            return
        self.delivered = True
        _live.discard(self)
        ok, value = self._outcome if self._outcome is not None else (False, RuntimeError("no result"))
        if ok:
            self.succeeded.emit(value)
        else:
            self.failed.emit(value)
        self.deleteLater()


class PdfPreview(QWidget):
    """Shows one PDF file at a time on white pages; built files live in a private temp folder."""

    document_shown = Signal(int)  # page count

    ZOOMS: tuple[tuple[str, float | None], ...] = (
        ("Fit width", None),
        ("50 %", 0.5),
        ("75 %", 0.75),
        ("100 %", 1.0),
        ("125 %", 1.25),
        ("150 %", 1.5),
        ("200 %", 2.0),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = tempfile.TemporaryDirectory(prefix="stride-planner-preview-")
        self._counter = 0
        self._shown: Path | None = None
        self.destroyed.connect(self._folder.cleanup)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(16, 16, 16, 16))
        # QPdfView fills its viewport with the Dark role and draws each page on white; a neutral grey
        # keeps the white pages standing out in both the light and the dark palette.
        palette = self.view.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
            palette.setColor(group, QPalette.ColorRole.Dark, QColor(SURROUND))
            palette.setColor(group, QPalette.ColorRole.Base, QColor(SURROUND))
        self.view.setPalette(palette)
        self.view.viewport().setAutoFillBackground(False)

        self.page_label = QLabel("No pages")
        self.page_label.setObjectName("preview_pages")
        self.zoom_box = QComboBox()
        self.zoom_box.setToolTip("Zoom")
        for label, _factor in self.ZOOMS:
            self.zoom_box.addItem(label)
        self.zoom_box.currentIndexChanged.connect(self._apply_zoom)
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(QLabel("Zoom"))
        bar.addWidget(self.zoom_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    # --- files ----------------------------------------------------------------------------------

    def next_path(self) -> Path:
        """A fresh file name in the preview folder for the next build."""
        self._counter += 1
        return Path(self._folder.name) / f"preview-{self._counter}.pdf"

    @property
    def shown_path(self) -> Path | None:
        return self._shown

    def show_file(self, path: Path) -> bool:
        """Load `path`, keep the reader near the page they were on, and forget the file shown before."""
        page = self.view.pageNavigator().currentPage()
        previous = self._shown
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self.clear()
            return False
        self._shown = path
        if previous is not None and previous != path:
            # The document has let go of the old file now; on Windows it could not be removed before.
            with contextlib.suppress(OSError):
                previous.unlink()
        count = self.document.pageCount()
        if 0 < page < count:
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_page_label()
        self.document_shown.emit(count)
        return True

    def clear(self) -> None:
        self.document.close()
        if self._shown is not None:
            with contextlib.suppress(OSError):
                self._shown.unlink()
        self._shown = None
        self._update_page_label()

    def discard(self, path: Path) -> None:
        """Remove a built file that will never be shown (a build that was overtaken)."""
        with contextlib.suppress(OSError):
            path.unlink()

    def page_count(self) -> int:
        return self.document.pageCount() if self.document.status() == QPdfDocument.Status.Ready else 0

    def shows_ink(self) -> bool:
        """Whether the visible page has been painted (some dark pixel, e.g. its heading)."""
        image = self.view.viewport().grab().toImage()
        step = max(4, image.width() // 120)
        for y in range(0, image.height(), step):
            for x in range(0, image.width(), step):
                if QColor(image.pixel(x, y)).lightness() < 80:
                    return True
        return False

    # --- looks ----------------------------------------------------------------------------------

    def _apply_zoom(self, index: int) -> None:
        factor = self.ZOOMS[index][1]
        if factor is None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)

    def _update_page_label(self) -> None:
        count = self.page_count()
        if count == 0:
            self.page_label.setText("No pages")
            return
        page = self.view.pageNavigator().currentPage() + 1
        self.page_label.setText(f"Page {min(page, count)} of {count}")

    def cleanup(self) -> None:
        """Remove the preview folder and every file in it (the view is going away)."""
        self.clear()
        self._folder.cleanup()


def print_document(
    document: QPdfDocument, printer: QPrinter, keep_going: Callable[[int, int], bool] | None = None
) -> int:
    """Render the document's pages (or the printer's page range) onto `printer`, each one on white.

    Each page is drawn as an image at the printer's resolution (capped at MAX_PRINT_DPI), centred on
    the sheet at its true size. `keep_going(done, total)` is asked before every page; returning False
    stops. Returns the number of pages printed; raises RuntimeError when the printer cannot start.
    """
    count = document.pageCount()
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = min(count, printer.toPage() or count) - 1
    total = max(0, last - first + 1)
    printer.setFullPage(True)  # the PDF pages carry their own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer could not be started")
    printed = 0
    try:
        resolution = printer.resolution()
        scale = min(resolution, MAX_PRINT_DPI) / resolution
        sheet = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for page in range(first, last + 1):
            if keep_going is not None and not keep_going(printed, total):
                break
            if printed:
                printer.newPage()
            points = document.pagePointSize(page)
            target = QRectF(0, 0, points.width() * resolution / 72, points.height() * resolution / 72)
            if target.width() > sheet.width() or target.height() > sheet.height():
                fit = min(sheet.width() / target.width(), sheet.height() / target.height())
                target.setSize(target.size() * fit)
            target.moveCenter(sheet.center())
            pixels = QSize(round(target.width() * scale), round(target.height() * scale))
            image = document.render(page, pixels)
            # render() leaves unpainted parts transparent: paint the sheet white underneath.
            painter.fillRect(target, Qt.GlobalColor.white)
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed
