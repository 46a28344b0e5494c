"""The first start of the window on a new database welcomes the coach (the demo athlete was added)."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.app import GarbageCollector, WindowSession


def test_a_first_start_welcomes_the_coach(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRIDE_PLANNER_NO_WELCOME", raising=False)
    welcomed: list[bool] = []
    monkeypatch.setattr(
        "planner.ui.main_window_first_run.show_welcome",
        lambda _window, *, demo_created: welcomed.append(demo_created),
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    args = Namespace(db=str(tmp_path / "new.db"), view="library", screenshot=None, size=None, palette=None)
    session = WindowSession(app, args)
    session.collector = GarbageCollector(app)  # as run_window has it
    try:
        session._open_database()
        assert welcomed == [True]
    finally:
        session.collector.stop()
        session.window.close()  # waits for the demo plan being built
        session.window.deleteLater()
        session.db.close()
