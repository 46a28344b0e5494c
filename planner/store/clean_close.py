"""Which database files this app last saw whole: closed cleanly, or checked by PRAGMA quick_check and found sound.

quick_check reads every page (about 0.4 s for a 10,000-exercise file, 1.5 s at 50,000), so running it at every
start makes start-up grow with the library. A file is checked again unless it is exactly as this app left it:
the same device, inode, size and modification time (nanoseconds) as recorded after a clean close or a passing
check, and no -wal or -journal with content beside it. Anything that wrote to the file since (another program,
a copy put in its place, a crash that left a journal) changes one of them, and the check runs.

The record is a small JSON in the app's data folder, never beside the database (a copy of the database
folder must not carry our trust with it), and never names a file that was refused.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from planner.paths import data_dir

RECORD_FILE = "clean-closes.json"
FILES_KEPT = 20  # the most recently recorded files; an older one is simply checked again
_FORMAT = 1


def _record_path() -> Path:
    return data_dir() / RECORD_FILE


def _key(path: Path) -> str:
    return str(path.resolve())


def _stamp(path: Path) -> list[int]:
    st = os.stat(path)
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _pending_changes(path: Path) -> bool:
    """Whether a -wal or -journal beside `path` holds anything: the file alone is then not the whole database."""
    for suffix in ("-wal", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            if os.stat(path.with_name(path.name + suffix)).st_size > 0:
                return True
    return False


def _records() -> dict[str, list[int]]:
    try:
        data = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: every file is checked, which is only slower
    files = data.get("files") if isinstance(data, dict) and data.get("format") == _FORMAT else None
    return {k: v for k, v in files.items() if isinstance(v, list)} if isinstance(files, dict) else {}


def left_whole(path: Path) -> bool:
    """Whether the file at `path` is exactly as this app recorded it after a clean close or a passing check."""
    try:
        if _pending_changes(path):
            return False
        return _records().get(_key(path)) == _stamp(path)
    except OSError:
        return False


def record_whole(path: Path) -> None:
    """Record that the file at `path` is whole as it is now (just closed cleanly, or just checked and sound).

    Its modification time is first stepped back by one nanosecond: a file system stamps a write with a clock
    that may tick only every few milliseconds, so a write right after this one could otherwise carry the very
    time recorded here. Any later write now stamps a later time. Nothing is recorded when a -wal or -journal
    holds changes, or when the file or the record cannot be written; the file is then checked next time.
    """
    from planner.atomic import CannotWrite, write_text  # tempfile and random: only when a record is written

    record = _record_path()
    if not record.parent.is_dir():
        return  # opening a database makes no folder; both doors make the data folder (logs) at start
    try:
        if _pending_changes(path):
            return
        records = _records()
        if records.get(_key(path)) == _stamp(path):
            return  # unchanged since it was recorded (a start that only read)
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 1))
        records.pop(_key(path), None)
        records[_key(path)] = _stamp(path)
        kept = dict(list(records.items())[-FILES_KEPT:])
        write_text(record, json.dumps({"format": _FORMAT, "files": kept}, indent=1))
    except (OSError, CannotWrite):
        return  # a read-only file or data folder: the check simply runs at the next start
