"""The app style draws a scroll bar's groove from a kept pixmap (planner/ui/style.py, FocusRingStyle._scroll_bar): the
scroll bars must still look as Fusion draws them, at every size, orientation, state and palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QScrollBar, QStyleFactory

from planner.ui.style import apply_style


def grabbed(bar: QScrollBar) -> QImage:
    bar.repaint()
    return bar.grab().toImage()


def worst_channel_difference(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            if a.pixel(x, y) != b.pixel(x, y):
                pa, pb = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
                worst = max(worst, *(abs(p - q) for p, q in zip(pa.getRgb(), pb.getRgb(), strict=True)))
    return worst


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("orientation", [Qt.Orientation.Vertical, Qt.Orientation.Horizontal])
def test_scroll_bars_look_as_fusion_draws_them(qtbot, qapp: QApplication, dark: bool, orientation) -> None:
    from planner.ui.colors import app_is_dark

    was = app_is_dark()
    apply_style(qapp, dark=dark)
    fusion = QStyleFactory.create("Fusion")
    try:
        bars = []
        for style in (None, fusion):
            bar = QScrollBar(orientation)
            if style is not None:
                bar.setStyle(style)  # the reference: Fusion itself, groove and all drawn each time
            qtbot.addWidget(bar)
            bar.setRange(0, 10_000)
            bar.setPageStep(27)
            bar.show()
            bars.append(bar)
        mine, reference = bars
        vertical = orientation == Qt.Orientation.Vertical
        first, other = ((15, 640), (18, 440)) if vertical else ((640, 15), (440, 18))
        cases = [
            ("first paint", lambda b: (b.resize(*first), b.setValue(1234))),
            ("the slider moved (the groove kept)", lambda b: b.setValue(8000)),
            ("another range", lambda b: (b.setRange(0, 300), b.setValue(10))),
            ("another size", lambda b: b.resize(*other)),
            ("disabled", lambda b: b.setEnabled(False)),
        ]
        for what, change in cases:
            for bar in bars:
                change(bar)
            QApplication.processEvents()
            difference = worst_channel_difference(grabbed(mine), grabbed(reference))
            # Blending a kept groove rounds differently from drawing it on the spot: one level at most.
            assert difference <= 1, f"{what}: a colour channel differs by {difference} from Fusion's drawing"
    finally:
        apply_style(qapp, dark=was)
