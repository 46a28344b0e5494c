"""The one operation helper: plain data across threads, results on the UI thread, cancel and wait at quit."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from planner.domain.errors import BadInput
from planner.ui.operations import (
    Control,
    Failure,
    OperationCancelled,
    ProgressReport,
    run_operation,
    running_operations,
    wait_for_all,
)


def on_worker(_control: Control) -> bool:
    return threading.current_thread() is not threading.main_thread()


def test_the_job_runs_on_a_worker_and_its_result_arrives_on_the_ui_thread(qtbot) -> None:
    seen: list[tuple[object, bool]] = []

    run_operation(on_worker, name="test", on_done=lambda r: seen.append((r, threading.current_thread().name)))

    qtbot.waitUntil(lambda: seen != [], timeout=15_000)
    assert seen == [(True, threading.main_thread().name)]
    assert running_operations() == []


def count_to_three(control: Control) -> str:
    for done in range(1, 4):
        control.progress(done, 3, "counting")
    return "counted"


def test_progress_arrives_in_order_before_the_result(qtbot) -> None:
    events: list[object] = []

    run_operation(count_to_three, name="test", on_progress=events.append, on_done=events.append)

    qtbot.waitUntil(lambda: "counted" in events, timeout=15_000)
    assert events == [ProgressReport(d, 3, "counting") for d in (1, 2, 3)] + ["counted"]


def wait_for_cancel(started: threading.Event, control: Control) -> None:
    started.set()
    while not control.cancel.wait(0.01):
        pass
    raise OperationCancelled


def test_cancel_reaches_the_job_and_ends_in_on_cancelled(qtbot) -> None:
    started, ends = threading.Event(), []
    op = run_operation(
        functools.partial(wait_for_cancel, started),
        name="test",
        on_done=lambda _r: ends.append("done"),
        on_cancelled=lambda: ends.append("cancelled"),
    )
    assert started.wait(5)

    op.cancel()

    qtbot.waitUntil(lambda: ends != [], timeout=15_000)
    assert ends == ["cancelled"]
    assert op.outcome == "cancelled"


def bad_file(_control: Control) -> None:
    raise BadInput("bad file", source="x.json")


def test_a_users_error_arrives_as_its_message(qtbot) -> None:
    failures: list[Failure] = []

    run_operation(bad_file, name="importing", on_failed=failures.append)

    qtbot.waitUntil(lambda: failures != [], timeout=15_000)
    assert failures[0].user_error
    assert failures[0].text("importing") == "x.json: bad file"


def disk_on_fire(_control: Control) -> None:
    raise RuntimeError("disk on fire")


def test_our_error_crosses_as_plain_text_and_is_logged_with_its_traceback(qtbot, isolated_folders: Path) -> None:
    failures: list[Failure] = []

    run_operation(disk_on_fire, name="saving the PDF", on_failed=failures.append)

    qtbot.waitUntil(lambda: failures != [], timeout=15_000)
    failure = failures[0]
    assert all(isinstance(getattr(failure, f), str) for f in ("kind", "message", "details", "log_file"))
    assert failure.kind == "RuntimeError"
    text = failure.text("saving the PDF")
    assert text.startswith("Saving the PDF failed: disk on fire. Details are in ")
    assert "Traceback" not in text
    assert "RuntimeError: disk on fire" in Path(failure.log_file).read_text(encoding="utf-8")


def test_a_job_that_closes_over_a_qt_object_is_refused(qtbot) -> None:
    widget = QObject()

    with pytest.raises(TypeError, match="Qt object"):
        run_operation(lambda _control: widget.objectName(), name="test")


def test_when_the_owner_is_deleted_the_job_is_cancelled_and_its_callbacks_dropped(qtbot) -> None:
    owner = QObject()
    started, ends = threading.Event(), []
    op = run_operation(
        functools.partial(wait_for_cancel, started),
        name="test",
        owner=owner,
        on_cancelled=lambda: ends.append("cancelled"),
    )
    assert started.wait(5)

    owner.deleteLater()

    qtbot.waitUntil(lambda: op.outcome is not None, timeout=15_000)
    assert op.outcome == "dropped"
    assert ends == []


def test_wait_for_all_cancels_every_job_and_drops_its_result(qtbot) -> None:
    started, ends = threading.Event(), []
    op = run_operation(
        functools.partial(wait_for_cancel, started), name="test", on_cancelled=lambda: ends.append("cancelled")
    )
    assert started.wait(5)

    stuck = wait_for_all(timeout=5)

    assert stuck == []
    assert not op.working
    assert running_operations() == []
    assert ends == []


def test_the_window_shows_a_labelled_operation_with_a_cancel_button(main_window, qtbot) -> None:
    started, ends = threading.Event(), []
    run_operation(
        functools.partial(wait_for_cancel, started),
        name="test",
        label="Importing exercises.json…",
        on_cancelled=lambda: ends.append("cancelled"),
    )
    assert started.wait(5)
    assert main_window.operation_label.text() == "Importing exercises.json…"
    assert main_window.operation_cancel.isVisible()

    main_window.operation_cancel.click()

    qtbot.waitUntil(lambda: ends == ["cancelled"], timeout=15_000)
    assert not main_window.operation_label.isVisible()
