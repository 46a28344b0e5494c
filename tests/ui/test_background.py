"""The background runner: results and errors reach the UI thread, Cancel is honoured, no thread outlives it."""

from __future__ import annotations

import threading

import pytest

from planner.domain.errors import BadInput
from planner.ui import background
from planner.ui.background import run_in_background, running_tasks


def test_result_arrives_on_the_ui_thread(qtbot) -> None:
    seen: dict[str, object] = {}

    def work(progress, cancelled):
        progress(1, 2)
        progress(2, 2)
        return threading.current_thread() is not threading.main_thread()

    def done(result: object) -> None:
        seen["result"] = result
        seen["ui_thread"] = threading.current_thread() is threading.main_thread()

    task = run_in_background(None, work, title="Working", on_done=done)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen == {"result": True, "ui_thread": True}
    assert running_tasks() == []


def test_cancel_reaches_the_work_and_its_bad_input_is_reported(qtbot) -> None:
    started = threading.Event()
    messages: list[str] = []

    def work(progress, cancelled):
        started.set()
        while not cancelled():
            threading.Event().wait(0.005)  # the worker polls, as the store's import does
        raise BadInput("import cancelled; nothing was changed")

    task = run_in_background(
        None, work, title="Importing", on_done=lambda _r: messages.append("done"), on_error=messages.append
    )
    assert started.wait(5)
    task.dialog.canceled.emit()  # what the Cancel button does
    qtbot.waitUntil(lambda: messages != [], timeout=5000)
    assert messages == ["import cancelled; nothing was changed"]
    assert task.is_cancelled()


def test_our_own_error_is_logged_and_shown_briefly(qtbot, isolated_folders) -> None:
    messages: list[str] = []

    def work(progress, cancelled):
        raise RuntimeError("disk on fire")

    run_in_background(None, work, title="Working", on_done=lambda _r: None, on_error=messages.append)
    qtbot.waitUntil(lambda: messages != [], timeout=5000)
    assert "disk on fire" in messages[0]
    assert "Traceback" not in messages[0]
    log = isolated_folders / "data" / "stride-planner.log"
    assert "RuntimeError: disk on fire" in log.read_text(encoding="utf-8")


def test_without_on_error_a_warning_is_shown(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(background, "show_error", lambda _parent, _title, text: shown.append(text))

    def work(progress, cancelled):
        raise BadInput("bad file", source="x.json")

    run_in_background(None, work, title="Importing", on_done=lambda _r: None)
    qtbot.waitUntil(lambda: shown != [], timeout=5000)
    assert shown == ["x.json: bad file"]
