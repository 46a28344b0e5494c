"""Every built-in exercise's drawing on one PNG, to look at them all the way a physiotherapist would.

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/drawings_contact_sheet.py OUT.png [ID ...] [--side left]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

    from planner.domain.drawing import PAPER_COLOURS
    from planner.export.drawing import drawing_for, drawing_ids
    from planner.ui.drawing_widget import paint_drawing

    side = None
    if "--side" in argv:
        i = argv.index("--side")
        side = argv[i + 1]
        del argv[i : i + 2]
    out, ids = Path(argv[0]), argv[1:] or list(drawing_ids())
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QPainter text needs it
    cell_w, cell_h, cols = 520, 230, 3
    rows = (len(ids) + cols - 1) // cols
    image = QImage(cell_w * cols, cell_h * rows, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(QFont("DejaVu Sans", 11))
    for n, drawing_id in enumerate(ids):
        x, y = (n % cols) * cell_w, (n // cols) * cell_h
        painter.setPen(QColor("#999999"))
        painter.drawRect(x, y, cell_w - 1, cell_h - 1)
        painter.setPen(QColor("black"))
        painter.drawText(QRectF(x + 6, y + 2, cell_w - 12, 20), Qt.AlignmentFlag.AlignLeft, drawing_id)
        drawing = drawing_for(drawing_id, side)
        if drawing is not None:
            paint_drawing(painter, drawing, QRectF(x + 6, y + 24, cell_w - 12, cell_h - 30), PAPER_COLOURS)
    painter.end()
    image.save(str(out))
    print(f"{out}: {len(ids)} drawings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
