"""PDF pages as plain data, for the preview and for printing: sizes, BGRA pixels, vector copies (pypdfium2).

No Qt here: these run in operations on worker threads and hand back bytes and numbers, from which the UI
thread builds its QImages. PDFium is not thread-safe, so every call into it holds one process-wide lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

POINTS_PER_INCH = 72.0
WHITE = (255, 255, 255, 255)

_pdfium_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rendered page: `width` x `height` pixels, 4 bytes each in B, G, R, A order (alpha always 255),
    `stride` bytes a row. `scale` is pixels per PDF point."""

    index: int
    scale: float
    width: int
    height: int
    stride: int
    pixels: bytes


def page_sizes(path: Path | str) -> tuple[tuple[float, float], ...]:
    """Every page's (width, height) in PDF points; OSError/ValueError when the file is not a readable PDF."""
    import pypdfium2 as pdfium

    with _pdfium_lock:
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise ValueError(f"not a readable PDF: {exc}") from None
        try:
            return tuple(tuple(document.get_page_size(i)) for i in range(len(document)))  # type: ignore[misc]
        finally:
            document.close()


def render_pages(
    path: Path | str,
    indices: Iterable[int],
    scale: float,
    should_stop: Callable[[], bool] | None = None,
) -> list[PageImage]:
    """Render the pages `indices` at `scale` pixels per point onto white, stopping early when asked."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    images: list[PageImage] = []
    with _pdfium_lock:
        document = pdfium.PdfDocument(str(path))
        try:
            count = len(document)
            for index in indices:
                if should_stop is not None and should_stop():
                    break
                if not 0 <= index < count:
                    continue
                page = document[index]
                try:
                    bitmap = page.render(
                        scale=scale,
                        fill_color=WHITE,
                        force_bitmap_format=pdfium_c.FPDFBitmap_BGRA,
                        may_draw_forms=False,
                    )
                    try:
                        images.append(
                            PageImage(index, scale, bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
                        )
                    finally:
                        bitmap.close()
                finally:
                    page.close()
        finally:
            document.close()
    return images


def copy_pages(source: Path | str, target: Path | str, pages: Sequence[int] | None = None) -> int:
    """Write `pages` (0-based; None: all) of `source` to `target` as they are: vector, text kept.

    All pages: the file's bytes unchanged. The file appears complete or not at all (BadInput when the
    system refuses it). Returns the number of pages written.
    """
    import pypdfium2 as pdfium

    from planner.export.document import write_atomically

    if pages is None:
        data = Path(source).read_bytes()
        write_atomically(Path(target), lambda stream: stream.write(data))
        return len(page_sizes(source))
    with _pdfium_lock:
        src = pdfium.PdfDocument(str(source))
        out = pdfium.PdfDocument.new()
        try:
            out.import_pages(src, [p for p in pages if 0 <= p < len(src)])
            count = len(out)
            write_atomically(Path(target), out.save)
        finally:
            out.close()
            src.close()
    return count
