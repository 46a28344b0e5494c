"""The live PDF preview: white pages on grey in a scroll area, a page label and the zoom choices.

Pages are rasterised by pypdfium2 (planner.ui.pdf_pages) in operations off the UI thread, as plain BGRA
bytes; the QImages are made here, on the UI thread. Only the pages in sight (and one either side) are
rendered, at the zoom shown, so a 50-page season costs the memory of a few pages.
"""

from __future__ import annotations

import contextlib
import functools
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from planner.ui.colors import hex_of
from planner.ui.operations import Control, Operation, run_operation
from planner.ui.pdf_pages import PageImage, render_pages

# The grey around the pages, readable around white pages in the light and the dark palette alike.
SURROUND = hex_of("preview_surround", dark=False)  # planner.ui.colors: one grey for both palettes
PAGE_SPACING = 12
MARGIN = 16
SCREEN_DPI = 96.0  # "100 %" shows a page at its printed size on an ordinary screen
KEEP_AROUND = 1  # pages rendered beyond the ones in sight, so scrolling on shows a page at once
MAX_IMAGES = 12  # rendered pages kept; the ones farthest from sight go first
RENDER_DELAY_MS = 40  # wait for scrolling or resizing to pause before rendering


def fit_width_scale(viewport_width: int, sizes: Sequence[tuple[float, float]]) -> float:
    """Pixels per point that make the widest page fill `viewport_width` (less the margins)."""
    widest = max((w for w, _h in sizes), default=595.0)
    return max(0.05, (viewport_width - 2 * MARGIN) / widest)


def image_from(page: PageImage) -> QImage:
    """A QImage that owns its pixels (the bytes came from a worker as plain data)."""
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB32)
    return image.copy()  # detach from the Python bytes object


def _render_job(path: str, indices: tuple[int, ...], scale: float, control: Control) -> list[PageImage]:
    return render_pages(path, indices, scale, control.cancelled)


class _Pages(QWidget):
    """The canvas inside the scroll area: paints each page's image, or a white sheet until it has one."""

    def __init__(self, preview: PdfPreview) -> None:
        super().__init__()
        self._preview = preview

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(SURROUND))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index, rect in enumerate(self._preview.page_rects()):
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect, Qt.GlobalColor.white)
            image = self._preview.image_of(index)
            if image is not None:
                # At another zoom until the new render arrives: scaled, so the page never jumps.
                painter.drawImage(rect, image)
        painter.end()


class PdfPreview(QWidget):
    """Shows one PDF file at a time on white pages; built files live in a private temp folder."""

    document_shown = Signal(int)  # page count
    pages_painted = Signal()  # every page in sight has its image at the current zoom

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
        self._sizes: tuple[tuple[float, float], ...] = ()
        self._images: dict[int, tuple[float, QImage]] = {}  # page -> (scale it was rendered at, image)
        self._rects: list[QRect] = []
        self._scale = 1.0
        self._render: Operation[Any] | None = None
        self._render_failed = False  # until the next document: a broken file is not retried forever
        self.destroyed.connect(self._folder.cleanup)

        self.canvas = _Pages(self)
        self.view = QScrollArea(self)
        self.view.setObjectName("pdf_preview")
        self.view.setWidget(self.canvas)
        self.view.setWidgetResizable(False)
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        # Always there, so "Fit width" never fits to a width the scroll bar then takes away.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setStyleSheet(f"QScrollArea#pdf_preview {{ background: {SURROUND}; border: none; }}")
        self.view.viewport().setStyleSheet(f"background: {SURROUND};")
        self.view.verticalScrollBar().valueChanged.connect(self._in_sight_changed)
        self.view.horizontalScrollBar().valueChanged.connect(self._in_sight_changed)
        self._render_timer = QTimer(self, singleShot=True, interval=RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self._render_in_sight)

        self.page_label = QLabel("No pages")
        self.page_label.setObjectName("preview_pages")
        self.zoom_box = QComboBox()
        self.zoom_box.setToolTip("Zoom")
        for label, _factor in self.ZOOMS:
            self.zoom_box.addItem(label)
        self.zoom_box.currentIndexChanged.connect(lambda _i: self._relayout(keep_page=True))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        zoom_label = QLabel("&Zoom")
        zoom_label.setBuddy(self.zoom_box)
        bar.addWidget(zoom_label)
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

    def scale_for_width(self, viewport_width: int | None = None) -> float:
        """The pixels per point the pages would be shown at (for a build that renders its first pages)."""
        return self._scale_for(self._sizes or ((595.0, 842.0),), viewport_width)

    def show_document(self, path: Path, sizes: Sequence[tuple[float, float]], pages: Sequence[PageImage] = ()) -> None:
        """Show `path` (whose page sizes in points are `sizes`) with any pages already rendered, keep the
        reader near the page they were on, and forget the file shown before."""
        page = self.current_page()
        previous = self._shown
        self._cancel_render()
        self._shown = path
        self._sizes = tuple((float(w), float(h)) for w, h in sizes)
        self._images = {}
        self._relayout(keep_page=False)
        for rendered in pages:
            self._images[rendered.index] = (rendered.scale, image_from(rendered))
        if previous is not None and previous != path:
            with contextlib.suppress(OSError):
                previous.unlink()
        if 0 < page < len(self._sizes):
            self.view.verticalScrollBar().setValue(self._rects[page].top() - MARGIN)
        self._update_page_label()
        self.canvas.update()
        self.document_shown.emit(len(self._sizes))
        self._render_in_sight()

    def clear(self) -> None:
        self._cancel_render()
        if self._shown is not None:
            with contextlib.suppress(OSError):
                self._shown.unlink()
        self._shown = None
        self._sizes = ()
        self._images = {}
        self._relayout(keep_page=False)
        self._update_page_label()

    def discard(self, path: Path) -> None:
        """Remove a built file that will never be shown (a build that was overtaken)."""
        with contextlib.suppress(OSError):
            path.unlink()

    def page_count(self) -> int:
        return len(self._sizes)

    def page_size(self, index: int) -> tuple[float, float]:
        """The page's (width, height) in PDF points (595 x 842 is A4, 612 x 792 is Letter)."""
        return self._sizes[index]

    def shows_ink(self) -> bool:
        """Whether the visible page has been painted (some dark pixel, e.g. its heading)."""
        image = self.view.viewport().grab().toImage()
        step = max(4, image.width() // 120)
        for y in range(0, image.height(), step):
            for x in range(0, image.width(), step):
                if QColor(image.pixel(x, y)).lightness() < 80:
                    return True
        return False

    def all_in_sight_painted(self) -> bool:
        """Every page in sight has its image at the current zoom (what a screenshot should wait for)."""
        return bool(self._sizes) and not self._missing_in_sight()

    # --- layout ---------------------------------------------------------------------------------

    def page_rects(self) -> list[QRect]:
        return self._rects

    def image_of(self, index: int) -> QImage | None:
        held = self._images.get(index)
        return held[1] if held is not None else None

    def current_page(self) -> int:
        """The page at the top third of the view (0-based)."""
        probe = self.view.verticalScrollBar().value() + self.view.viewport().height() // 3
        for index, rect in enumerate(self._rects):
            if rect.bottom() + PAGE_SPACING >= probe:
                return index
        return max(0, len(self._rects) - 1)

    def _scale_for(self, sizes: Sequence[tuple[float, float]], viewport_width: int | None = None) -> float:
        factor = self.ZOOMS[self.zoom_box.currentIndex()][1]
        if factor is None:
            width = viewport_width if viewport_width is not None else self.view.viewport().width()
            return fit_width_scale(width, sizes)
        return factor * SCREEN_DPI / 72.0

    def _relayout(self, *, keep_page: bool) -> None:
        page = self.current_page() if keep_page else 0
        self._scale = self._scale_for(self._sizes)
        fit = self.ZOOMS[self.zoom_box.currentIndex()][1] is None
        self.view.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fit else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        sizes = [QSize(round(w * self._scale), round(h * self._scale)) for w, h in self._sizes]
        width = max((s.width() for s in sizes), default=0) + 2 * MARGIN
        width = max(width, self.view.viewport().width())
        rects: list[QRect] = []
        y = MARGIN
        for size in sizes:
            rects.append(QRect(QPoint((width - size.width()) // 2, y), size))
            y += size.height() + PAGE_SPACING
        self._rects = rects
        self.canvas.resize(width, y - PAGE_SPACING + MARGIN if rects else 0)
        if keep_page and rects:
            self.view.verticalScrollBar().setValue(rects[min(page, len(rects) - 1)].top() - MARGIN)
        self.canvas.update()
        self._in_sight_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._in_sight_changed()  # pages put off while hidden are rendered now

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._sizes:
            self._relayout(keep_page=True)

    def _in_sight(self) -> list[int]:
        top = self.view.verticalScrollBar().value()
        bottom = top + self.view.viewport().height()
        seen = [i for i, r in enumerate(self._rects) if r.bottom() >= top and r.top() <= bottom]
        if not seen:
            return []
        first, last = max(0, seen[0] - KEEP_AROUND), min(len(self._rects) - 1, seen[-1] + KEEP_AROUND)
        return list(range(first, last + 1))

    def _missing_in_sight(self) -> list[int]:
        return [i for i in self._in_sight() if self._images.get(i, (None,))[0] != self._scale]

    def _in_sight_changed(self, *_args: Any) -> None:
        self._update_page_label()
        if self._sizes:
            self._render_timer.start()

    # --- rendering ------------------------------------------------------------------------------

    def _render_in_sight(self) -> None:
        self._render_timer.stop()
        if self._shown is None or self._render is not None or self._render_failed:
            return  # a running render re-checks when it ends
        if not self.isVisible():
            # Nothing to see: a window closing (or a view switched away) starts no work that would only be
            # dropped; showEvent renders what is in sight once the preview is shown again.
            return
        missing = self._missing_in_sight()
        if not missing:
            self._forget_far_pages()
            self.pages_painted.emit()
            return
        job = functools.partial(_render_job, str(self._shown), tuple(missing), self._scale)
        self._render = run_operation(
            job,
            name="rendering preview pages",
            owner=self,
            on_done=self._rendered,
            on_failed=self._render_broke,
            on_cancelled=self._render_ended,
        )

    def _rendered(self, pages: list[PageImage]) -> None:
        self._render = None
        for page in pages:
            if page.index < len(self._sizes):
                self._images[page.index] = (page.scale, image_from(page))
        self.canvas.update()
        self._render_in_sight()

    def _render_broke(self, _failure: object) -> None:
        self._render = None
        self._render_failed = True  # the failure is in the log; the sheets stay white

    def _render_ended(self) -> None:
        self._render = None
        if self._shown is not None:
            self._render_timer.start()

    def _cancel_render(self) -> None:
        self._render_timer.stop()
        self._render_failed = False
        if self._render is not None:
            self._render.drop()  # its pages belong to a file no longer shown
            self._render = None

    def _forget_far_pages(self) -> None:
        if len(self._images) <= MAX_IMAGES:
            return
        sight = self._in_sight()
        middle = (sight[0] + sight[-1]) / 2 if sight else 0
        for index in sorted(self._images, key=lambda i: abs(i - middle), reverse=True)[
            : len(self._images) - MAX_IMAGES
        ]:
            del self._images[index]

    def _update_page_label(self) -> None:
        count = self.page_count()
        if count == 0:
            self.page_label.setText("No pages")
            return
        self.page_label.setText(f"Page {min(self.current_page() + 1, count)} of {count}")

    def cleanup(self) -> None:
        """Remove the preview folder and every file in it (the view is going away)."""
        self.clear()
        self._folder.cleanup()
