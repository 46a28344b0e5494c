"""Window manners (issue #13): inside the screen on first start, usable at 1024 x 640, icons-only sidebar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QApplication

from planner.ui.main_window_views import VIEW_NAMES


def test_every_view_fits_a_1024_by_640_window(main_window, qtbot: Any) -> None:
    for name in VIEW_NAMES:
        view = main_window.show_view(name)
        qtbot.waitUntil(view.is_ready, timeout=15_000)
    main_window.resize(1024, 640)
    QApplication.processEvents()
    smallest = main_window.minimumSizeHint()
    assert smallest.width() <= 1024 and smallest.height() <= 640, smallest
    assert main_window.width() == 1024 and main_window.height() == 640


def test_a_narrow_window_keeps_the_sidebar_icons_and_names_them_in_tooltips(main_window, qtbot: Any) -> None:
    main_window.resize(1024, 640)
    QApplication.processEvents()
    assert main_window.sidebar.width() < 100
    item = main_window.sidebar.item(0)
    assert item.text() == "" and item.toolTip() == "Library"
    main_window.resize(1280, 800)
    QApplication.processEvents()
    assert main_window.sidebar.item(0).text() == "Library"


def test_the_first_start_puts_the_window_inside_the_screens_free_area(qtbot: Any, settings: Any) -> None:
    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow

    settings.set("window/geometry", QByteArray())
    window = MainWindow(AppContext(None, settings), settings)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.x() >= area.left() and window.y() >= area.top()


def test_a_window_remembered_off_screen_comes_back(qtbot: Any, settings: Any) -> None:
    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow

    first = MainWindow(AppContext(None, settings), settings)
    qtbot.addWidget(first)
    first.move(5000, 4000)
    settings.set("window/geometry", first.saveGeometry())
    again = MainWindow(AppContext(None, settings), settings)
    qtbot.addWidget(again)
    area = again.screen().availableGeometry()
    assert area.left() <= again.x() < area.right() and area.top() <= again.y() < area.bottom()
