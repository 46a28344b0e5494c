"""Logging for both doors, set up once: a rotating log file and a crash file in the user data folder.

`setup_logging("cli")` / `setup_logging("window")` is called by each door at start. Anything that catches an
error of ours calls `log_exception` and names the returned path in the one line the user sees. This module
imports only the standard library and `planner.paths`, so every layer may use it.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from planner import paths

LOGGER_NAME = "planner"
LOG_MAX_BYTES = 1024 * 1024
LOG_BACKUPS = 3
# A crash file that grew past this is moved aside at start, so repeated hard crashes cannot fill the disk.
CRASH_MAX_BYTES = 1024 * 1024

log = logging.getLogger(LOGGER_NAME)

_lock = threading.RLock()
_door = "-"
_file_handler: _LazyRotatingHandler | None = None
_crash_file: IO[str] | None = None
_hooks_installed = False


def log_path() -> Path:
    """The rotating log file in the user data folder (STRIDE_PLANNER_DATA_DIR moves it)."""
    return paths.log_file()


def crash_path() -> Path:
    """The file faulthandler writes to when the process dies hard (segfault, abort)."""
    return paths.crash_file()


class _LazyRotatingHandler(logging.handlers.RotatingFileHandler):
    """Opens (and creates the folder of) its file on the first record, and never lets a write error escape.

    A read-only or missing data folder must not stop the app from starting, and must not print a
    "--- Logging error ---" traceback on every record: the first failure is said once on stderr and
    the records go to stderr from then on.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True)
        self.failed: OSError | None = None
        self.written = False

    def _open(self) -> Any:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        if self.failed is None:
            try:
                if self.shouldRollover(record):
                    self.doRollover()
                logging.FileHandler.emit(self, record)
                self.flush()
                self.written = self.failed is None
                return
            except OSError as exc:
                self._fail(exc)
            except Exception:  # a bad format string: the logging module's own report is the right one
                self.handleError(record)
                return
        _to_stderr(self.format(record))

    def handleError(self, record: logging.LogRecord) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError) and self.failed is None:
            self._fail(exc)
            _to_stderr(self.format(record))
            return
        super().handleError(record)

    def _fail(self, exc: OSError) -> None:
        self.failed = exc
        self.written = False
        reason = exc.strerror or exc.__class__.__name__
        _to_stderr(f"stride-planner: cannot write the log file {self.baseFilename} ({reason}); logging to stderr")


def _to_stderr(text: str) -> None:
    # A windowed bundle has no stderr at all (sys.stderr is None): then there is nowhere left to say it.
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _formatter() -> logging.Formatter:
    return logging.Formatter(f"%(asctime)s {_door}[%(process)d] %(levelname)s %(name)s: %(message)s")


def _ensure_file_handler() -> _LazyRotatingHandler:
    """The handler on the "planner" logger for the current log path; replaced when the data folder moved."""
    global _file_handler
    with _lock:
        path = os.path.abspath(log_path())
        handler = _file_handler
        if handler is not None and handler.baseFilename == path and handler in log.handlers:
            return handler
        if handler is not None:
            log.removeHandler(handler)
            handler.close()
        handler = _LazyRotatingHandler(Path(path))
        handler.setFormatter(_formatter())
        handler.setLevel(logging.INFO)
        log.addHandler(handler)
        if log.level == logging.NOTSET:
            log.setLevel(logging.INFO)
        _file_handler = handler
        return handler


def setup_logging(door: str) -> None:
    """Set up the log file, the crash file and the last-chance exception hooks for one door ("cli", "window").

    Safe to call more than once: the second call only re-points the log file if the data folder moved.
    Nothing here raises on a read-only or missing data folder; the log then goes to stderr.
    """
    global _door
    with _lock:
        _door = door
        handler = _ensure_file_handler()
        handler.setFormatter(_formatter())
        _enable_faulthandler()
        _install_hooks()


def _enable_faulthandler() -> None:
    global _crash_file
    if _crash_file is not None and not _crash_file.closed:
        return
    if faulthandler.is_enabled():
        # Someone turned it on before us (python -X faulthandler, PYTHONFAULTHANDLER, a test runner):
        # they want the trace where they put it, so leave it there.
        return
    path = crash_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > CRASH_MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
        _crash_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 (held open for the life of the process)
    except OSError as exc:
        _to_stderr(f"stride-planner: cannot write the crash file {path} ({exc.strerror or exc}); crashes go to stderr")
        stream = sys.stderr
        if stream is not None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                faulthandler.enable(file=stream, all_threads=True)
        return
    faulthandler.enable(file=_crash_file, all_threads=True)


def _install_hooks() -> None:
    global _hooks_installed
    if _hooks_installed:
        return
    _hooks_installed = True
    previous_sys_hook = sys.excepthook
    previous_thread_hook = threading.excepthook

    def sys_hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log.critical("uncaught exception", exc_info=(kind, exc, tb))
        previous_sys_hook(kind, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit and args.exc_value is not None:
            name = args.thread.name if args.thread is not None else "?"
            log.critical(
                "uncaught exception in thread %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback)
            )
        previous_thread_hook(args)

    sys.excepthook = sys_hook
    threading.excepthook = thread_hook


def log_exception(exc: BaseException | None = None, *, context: str = "", text: str | None = None) -> Path | None:
    """Write a traceback to the log file and return its path, or None when only stderr could take it.

    `exc` is the exception to log (default: the one being handled). A worker thread hands over `text`,
    a traceback already formatted, since exceptions and their frames must not cross threads.
    `context` says what was being done ("building the preview").
    """
    handler = _ensure_file_handler()
    headline = context or "unexpected error"
    if text is not None:
        log.error("%s\n%s", headline, text.rstrip("\n"))
    elif exc is not None:
        log.error("%s", headline, exc_info=(type(exc), exc, exc.__traceback__))
    else:
        log.error("%s", headline, exc_info=True)
    return Path(handler.baseFilename) if handler.written else None


def log_location(path: Path | None) -> str:
    """How a message names where the details went: the log file's path, or stderr when it could not be written."""
    return str(path) if path is not None else "the error output (the log file could not be written)"


def format_exception(exc: BaseException) -> str:
    """A traceback as plain text, for a worker to hand over to the UI thread instead of the exception."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
