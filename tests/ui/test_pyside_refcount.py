"""Long sessions must not crash: PySide6 6.12.0 on CPython 3.11 leaks references to None/True/False."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

LOOP = """
import planner.ui  # applies the workaround
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("x")
for _ in range(300_000):
    label.setText("y")
    label.update()
    label.isVisible()
    app.aboutToQuit.emit()
print("survived")
"""


def test_a_window_survives_hundreds_of_thousands_of_qt_calls() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", LOOP], capture_output=True, text=True, cwd=REPO, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived"
