# ruff: noqa  (verbatim copy of a shared floor script; its style is the original's)
# Copied from /work/shared/floors/min_window.py (the team's floor scripts, see shared/floors/README.md)
# as a fallback for checkouts without ../shared. Keep it identical to the original; do not tune it.
"""Bare Qt window floor: QApplication + QMainWindow with a 200-row QTableView,
shown, and quit right after the first paint.

Usage:
  QT_QPA_PLATFORM=offscreen python min_window.py            # headless
  QT_QPA_PLATFORM=xcb DISPLAY=:99 python min_window.py --shot out.png
      (--shot grabs the window with QWidget.grab() and the whole screen with
       QScreen.grabWindow(0) -> out.png / out_screen.png)
  --timing prints in-process phase times (import, QApplication, build, first paint).
"""

import sys
import time

T0 = time.perf_counter()
from PySide6.QtCore import Qt, QTimer, QAbstractTableModel, QModelIndex, QObject, QEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

T_IMPORT = time.perf_counter()

ROWS, COLS = 200, 5
HEAD = ["Exercise", "Sets", "Reps", "Hold (s)", "Notes"]


class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else ROWS

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else COLS

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.DisplayRole:
            r, c = index.row(), index.column()
            return (f"Exercise {r}", str(3 + r % 3), str(8 + r % 5), str(r % 30), "note")[c]
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole:
            return HEAD[section] if orientation == Qt.Horizontal else str(section + 1)
        return None


class PaintWatcher(QObject):
    """Quits the app after the first Paint event of the table viewport."""

    def __init__(self, app, on_first_paint):
        super().__init__()
        self.app, self.cb, self.done = app, on_first_paint, False

    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.cb)
        return False


def main():
    shot = None
    if "--shot" in sys.argv:
        shot = sys.argv[sys.argv.index("--shot") + 1]
    timing = "--timing" in sys.argv
    app = QApplication(sys.argv[:1])
    t_app = time.perf_counter()
    win = QMainWindow()
    win.setWindowTitle("Baseline window")
    view = QTableView()
    model = Model(view)
    view.setModel(model)
    win.setCentralWidget(view)
    win.resize(640, 480)
    t_build = time.perf_counter()
    state = {}

    def after_paint():
        state["paint"] = time.perf_counter()
        if shot:
            win.grab().save(shot)
            scr = app.primaryScreen().grabWindow(0)
            scr.save(shot.replace(".png", "_screen.png"))
        app.quit()

    watcher = PaintWatcher(app, after_paint)
    view.viewport().installEventFilter(watcher)
    win.show()
    # Safety net: never hang if no paint event arrives.
    QTimer.singleShot(5000, app.quit)
    rc = app.exec()
    if timing:
        p = state.get("paint", float("nan"))
        print(
            f"platform={app.platformName()} import={1e3 * (T_IMPORT - T0):.1f}ms "
            f"qapp={1e3 * (t_app - T_IMPORT):.1f}ms build={1e3 * (t_build - t_app):.1f}ms "
            f"first_paint={1e3 * (p - t_build):.1f}ms total={1e3 * (p - T0):.1f}ms"
        )
    if "paint" not in state:
        print("ERROR: no paint event", file=sys.stderr)
        return 2
    return rc


if __name__ == "__main__":
    sys.exit(main())
