"""Long work off the UI thread: a progress dialog with Cancel, results and errors delivered on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from planner.domain.errors import BadInput

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Any]

_running: set[BackgroundTask] = set()


def running_tasks() -> list[BackgroundTask]:
    """Tasks whose thread has not finished (tests check this is empty when they end)."""
    return [t for t in _running if not t.is_finished()]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, fn: Work, cancel_event: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = cancel_event

    def run(self) -> None:
        try:
            result = self._fn(self.progressed.emit, self._cancel.is_set)
        except BaseException as exc:  # delivered to the UI thread; nothing may escape a thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """One piece of work in its own QThread. Keep no reference: the module keeps it until it ends."""

    finished = Signal()  # after on_done / on_error ran

    def __init__(
        self,
        parent: QWidget | None,
        fn: Work,
        *,
        title: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None,
        cancellable: bool,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._on_done = on_done
        self._on_error = on_error
        self._cancel_event = threading.Event()
        self._title = title
        self._abandoned = False
        self.dialog = QProgressDialog(title, "Cancel" if cancellable else "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # quick work never flashes a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self.cancel)
        self._thread = QThread()
        self._thread.setObjectName(f"background: {title}")
        self._worker = _Worker(fn, self._cancel_event)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # Queued: these run on the UI thread, where this task lives.
        self._worker.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._worker.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        _running.add(self)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel_event.set()
        self.dialog.setLabelText("Cancelling…")

    def is_cancelled(self) -> bool:
        return self._cancel_event.is_set()

    def is_finished(self) -> bool:
        return not self._thread.isRunning() and self not in _running

    def wait(self) -> None:
        """Cancel and block until the thread ends (the window is closing); the result is dropped."""
        self._abandoned = True
        self._cancel_event.set()
        self._thread.quit()
        self._thread.wait()
        self._finish()

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finish(self) -> None:
        if self not in _running:
            return
        self._thread.quit()
        self._thread.wait()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        _running.discard(self)

    def _on_succeeded(self, result: Any) -> None:
        self._finish()
        if self._abandoned:
            return
        try:
            self._on_done(result)
        finally:
            self.finished.emit()
            self.deleteLater()

    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        if self._abandoned:
            return
        try:
            if isinstance(exc, BadInput):
                message = str(exc)
            else:
                from planner.logs import log_exception, log_location

                where = log_location(log_exception(exc, context=self._title))
                message = f"Something went wrong on our side: {exc}\n\nDetails are in {where}."
            if self._on_error is not None:
                self._on_error(message)
            else:
                show_error(self._parent, self._title, message)
        finally:
            self.finished.emit()
            self.deleteLater()


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def run_in_background(
    parent: QWidget | None,
    fn: Work,
    *,
    title: str,
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None] | None = None,
    cancellable: bool = True,
) -> BackgroundTask:
    """Run `fn(progress, cancelled)` in a thread behind a progress dialog; the window stays responsive.

    `on_done(result)` runs on the UI thread; a BadInput (including "import cancelled") reaches
    `on_error(message)` or a warning dialog. `fn` must itself leave nothing half-written when it raises.
    """
    task = BackgroundTask(parent, fn, title=title, on_done=on_done, on_error=on_error, cancellable=cancellable)
    task.start()
    return task
