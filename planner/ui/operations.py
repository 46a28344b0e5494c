"""The one way the window works off the UI thread: plain data in, plain data out, results on the UI thread.

Modelled on Anki's `qt/aqt/operations/__init__.py` and `qt/aqt/taskman.py`, with one difference on purpose:
a worker never touches a Qt object, not even to emit a signal. It puts plain values on a queue, and a timer
on the UI thread (running only while operations are pending) takes them off and calls the callbacks there.

The rules a job keeps (and `run_operation` checks what it can of them):
- A job is a plain callable `job(control) -> result`. It receives plain data (closed over or bound) and the
  `Control` below; it must not hold a QObject, a widget, or a closure over one: Qt wrappers freed on a worker
  thread crash the process, and a closure over a widget keeps it alive on that thread.
- Progress is `control.progress(done, total, stage)`; cancelling is `control.cancel` (a threading.Event) or
  `control.cancelled()`. A job that notices it should stop raises `OperationCancelled` (or returns early).
- An exception becomes a `Failure`: type name, message and formatted traceback as strings. The exception and
  its frames stay on the worker (a frame that holds a Qt wrapper is exactly how the old WorkThread crashed).
  Errors of ours are logged, with their traceback, before they reach the UI thread.
- `on_done`, `on_failed`, `on_cancelled` and `on_progress` run on the UI thread. They must not open a modal
  dialog: say it in the status bar or in an inline message. When the operation's `owner` is deleted first,
  the operation is cancelled and its callbacks are dropped.
- Every operation can be cancelled, and `wait_for_all()` (the window's closeEvent, and aboutToQuit) cancels
  and joins every one that is left, dropping their results.
"""

from __future__ import annotations

import functools
import itertools
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from planner.domain.errors import BadInput

T = TypeVar("T")

POLL_MS = 15  # how often the UI thread looks for results while something runs; below what a person notices
QUIT_WAIT_S = 60.0  # a job that ignores its cancel flag longer than this is left behind at quit (daemon thread)


class OperationCancelled(Exception):
    """Raised by a job that saw its cancel flag: the operation ends in `on_cancelled`, not `on_failed`."""


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """How far a job is: `done` of `total` (total 0: unknown), and what it is doing in the coach's words."""

    done: int
    total: int
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Failure:
    """An exception, as plain data that may cross threads.

    `user_error` is True for BadInput (something the user can fix: `message` is written for them);
    otherwise it is our fault and `log_file` names where the traceback went (None: only stderr took it).
    """

    kind: str
    message: str
    details: str
    user_error: bool
    log_file: str | None = None

    def text(self, doing: str = "") -> str:
        """One short paragraph for the status bar or an inline message (never the traceback)."""
        if self.user_error:
            return self.message  # written for the user already (it may start with a file name: keep its case)
        from planner.logs import log_location

        what = f"{doing[:1].upper()}{doing[1:]} failed" if doing else "Something went wrong on our side"
        where = log_location(None if self.log_file is None else Path(self.log_file))
        return f"{what}: {self.message or self.kind}. Details are in {where}."


@dataclass(frozen=True, slots=True)
class Control:
    """What a job gets: a cancel flag to poll and a progress callable. Both are plain Python."""

    cancel: threading.Event
    _report: Callable[[ProgressReport], None] = field(repr=False)

    def cancelled(self) -> bool:
        return self.cancel.is_set()

    def progress(self, done: int, total: int, stage: str = "") -> None:
        self._report(ProgressReport(int(done), int(total), stage))

    def check(self) -> None:
        """Raise OperationCancelled when the operation was cancelled (call it between steps)."""
        if self.cancel.is_set():
            raise OperationCancelled


Job = Callable[[Control], T]


class Operation(Generic[T]):
    """The UI thread's handle on one running job. Only the UI thread touches it."""

    def __init__(
        self,
        runner: OperationRunner,
        job: Job[T],
        *,
        name: str,
        label: str,
        owner: QObject | None,
        on_done: Callable[[T], None] | None,
        on_failed: Callable[[Failure], None] | None,
        on_cancelled: Callable[[], None] | None,
        on_progress: Callable[[ProgressReport], None] | None,
    ) -> None:
        self.id = next(_ids)
        self.name = name
        self.label = label
        self.progress: ProgressReport | None = None
        self.outcome: str | None = None  # "done", "failed", "cancelled" or "dropped" once it ended
        self._runner = runner
        self._owner = owner
        self._on_done = on_done
        self._on_failed = on_failed
        self._on_cancelled = on_cancelled
        self._on_progress = on_progress
        self._cancel = threading.Event()
        self._dropped = False
        self._owner_link: Any = None  # the destroyed-signal connection, undone when the operation ends
        # The thread gets the job, the event and a queue: nothing of Qt, not even this handle.
        self._thread = threading.Thread(
            target=_work,
            args=(self.id, job, self._cancel, runner._inbox, name),
            name=f"operation {self.id}: {name}",
            daemon=True,
        )

    def __repr__(self) -> str:
        return f"<Operation {self.id} {self.name!r} {'running' if self.running else self.outcome}>"

    @property
    def running(self) -> bool:
        """True until its callbacks have run (or been dropped)."""
        return self.outcome is None

    @property
    def working(self) -> bool:
        """True while the job itself still runs on its thread (its callbacks may be pending after that)."""
        return self._thread.is_alive()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next check; `on_cancelled` (or whatever it ended with) follows."""
        self._cancel.set()

    def drop(self, *_destroyed: Any) -> None:
        """Cancel and forget the callbacks: the one who started it is going away."""
        self._dropped = True
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block the UI thread until the job's thread ends (for quitting); the callbacks do not run."""
        self.drop()
        self._thread.join(timeout)
        ended = not self._thread.is_alive()
        if ended:
            self._runner._forget(self, "dropped")
        return ended

    # -- on the UI thread, from the runner -------------------------------------------------------
    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    def _deliver(self, kind: str, value: Any) -> None:
        live = not self._dropped and self._owner_alive()
        if kind == "progress":
            self.progress = value
            if live and self._on_progress is not None:
                self._on_progress(value)
            return
        on_done, on_failed, on_cancelled = self._on_done, self._on_failed, self._on_cancelled
        self._runner._forget(self, kind if live else "dropped")
        if not live:
            return
        if kind == "done" and on_done is not None:
            on_done(value)
        elif kind == "failed":
            if on_failed is not None:
                on_failed(value)
            else:
                self._runner.unhandled_failure.emit(self.name, value)
        elif kind == "cancelled" and on_cancelled is not None:
            on_cancelled()


_ids = itertools.count(1)


def _work(op_id: int, job: Job[Any], cancel: threading.Event, inbox: queue.SimpleQueue, name: str) -> None:
    """The worker thread: run the job, put how it ended on the queue. Never raises, never touches Qt."""

    def report(progress: ProgressReport) -> None:
        inbox.put((op_id, "progress", progress))

    try:
        result = job(Control(cancel, report))
    except OperationCancelled:
        inbox.put((op_id, "cancelled", None))
    except BaseException as exc:  # nothing may escape a thread; the UI thread gets plain text
        inbox.put((op_id, "failed", _failure(exc, name)))
        del exc  # drop the traceback (and every frame it holds) here, on this thread, at once
    else:
        inbox.put((op_id, "done", result))
    finally:
        del job


def _failure(exc: BaseException, name: str) -> Failure:
    import traceback

    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if isinstance(exc, BadInput):
        return Failure(type(exc).__name__, str(exc), details, user_error=True)
    from planner.logs import log_exception

    try:
        where = log_exception(context=name, text=details)
    except Exception:  # the log must never turn one error into two
        where = None
    return Failure(
        type(exc).__name__, str(exc), details, user_error=False, log_file=None if where is None else str(where)
    )


class OperationRunner(QObject):
    """Starts operations and brings their results to the UI thread; one per process (`runner()`)."""

    started = Signal(object)  # Operation
    progressed = Signal(object)  # Operation (its .progress changed)
    ended = Signal(object)  # Operation (its .outcome is set)
    unhandled_failure = Signal(str, object)  # operation name, Failure: a failure nobody asked to hear about

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._operations: dict[int, Operation[Any]] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.deliver)

    def run(
        self,
        job: Job[T],
        *,
        name: str,
        label: str = "",
        owner: QObject | None = None,
        on_done: Callable[[T], None] | None = None,
        on_failed: Callable[[Failure], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_progress: Callable[[ProgressReport], None] | None = None,
    ) -> Operation[T]:
        """Start `job` on a worker thread. See the module docstring for what a job may hold and do.

        `name` goes to the log and the thread name; `label` (if given) is what the window's status bar shows
        while it runs ("Saving the PDF…"), with a Cancel button. Must be called on the UI thread.
        """
        _check_plain(job, name)
        op = Operation(
            self,
            job,
            name=name,
            label=label,
            owner=owner,
            on_done=on_done,
            on_failed=on_failed,
            on_cancelled=on_cancelled,
            on_progress=on_progress,
        )
        self._operations[op.id] = op
        if owner is not None:
            op._owner_link = owner.destroyed.connect(op.drop)
        op._thread.start()
        if not self._timer.isActive():
            self._timer.start()
        self.started.emit(op)
        return op

    def running(self) -> list[Operation[Any]]:
        """Operations whose callbacks have not run yet."""
        return list(self._operations.values())

    def deliver(self) -> None:
        """Run the callbacks of whatever the workers reported (the timer calls this; tests may too)."""
        while True:
            try:
                op_id, kind, value = self._inbox.get_nowait()
            except queue.Empty:
                break
            op = self._operations.get(op_id)
            if op is None:
                continue
            try:
                op._deliver(kind, value)
            except Exception as exc:  # a callback's bug must not stop the others from being delivered
                from planner.logs import log_exception

                log_exception(exc, context=f"after {op.name}")
            if kind == "progress" and op.running:
                self.progressed.emit(op)
        if not self._operations:
            self._timer.stop()

    def wait_for_all(self, timeout: float = QUIT_WAIT_S) -> list[Operation[Any]]:
        """Cancel every operation and wait for its thread; their results are dropped. Returns those that
        would not stop in time (their threads are daemons and die with the process)."""
        stuck: list[Operation[Any]] = []
        for op in list(self._operations.values()):
            if not op.wait(timeout):
                stuck.append(op)
        while True:  # whatever the ended workers left behind is not for anyone any more
            try:
                self._inbox.get_nowait()
            except queue.Empty:
                break
        if not self._operations:
            self._timer.stop()
        return stuck

    def _forget(self, op: Operation[Any], outcome: str) -> None:
        if self._operations.pop(op.id, None) is not None:
            op.outcome = outcome
            op._on_done = op._on_failed = op._on_cancelled = op._on_progress = None  # let go of the widgets
            if op._owner_link is not None and op._owner_alive():
                QObject.disconnect(op._owner_link)
            op._owner, op._owner_link = None, None
            self.ended.emit(op)


def _check_plain(job: Callable[..., Any], name: str) -> None:
    """Refuse a job that visibly holds a Qt object (bound to one, or closing over one). A shallow check:
    it catches the usual slip (a lambda over `self`), not every way to smuggle a widget in."""
    seen: list[Any] = []
    target: Any = job
    while isinstance(target, functools.partial):
        seen += [*target.args, *target.keywords.values()]
        target = target.func
    seen.append(getattr(target, "__self__", None))
    for cell in getattr(target, "__closure__", None) or ():
        try:
            seen.append(cell.cell_contents)
        except ValueError:  # an empty cell
            continue
    for value in seen:
        if isinstance(value, QObject):
            raise TypeError(f"the job of {name!r} holds a Qt object ({type(value).__name__}); pass plain data")


_runner: OperationRunner | None = None


def runner() -> OperationRunner:
    """The process's runner, made on first use (on the UI thread, once a QApplication exists)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        app = QCoreApplication.instance()
        _runner = OperationRunner()
        if app is not None:
            app.aboutToQuit.connect(_runner.wait_for_all)
    return _runner


def run_operation(job: Job[T], **kwargs: Any) -> Operation[T]:
    """`runner().run(job, ...)`: start a job off the UI thread."""
    return runner().run(job, **kwargs)


def running_operations() -> list[Operation[Any]]:
    """What has not ended yet (tests check this is empty when they end)."""
    return [] if _runner is None or not shiboken6.isValid(_runner) else _runner.running()


def wait_for_all(timeout: float = QUIT_WAIT_S) -> list[Operation[Any]]:
    """Cancel and join every operation (the window is closing); see OperationRunner.wait_for_all."""
    return [] if _runner is None or not shiboken6.isValid(_runner) else _runner.wait_for_all(timeout)
