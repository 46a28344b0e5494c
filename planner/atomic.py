"""The one way the app writes a file: complete at its path, or not there at all.

The content goes to a hidden temporary file in the same folder (so the final move never crosses a
file system), is flushed and fsynced, and then `os.replace`d over the target; on any failure the
temporary file is removed and an earlier file at the path is left as it was. A target that is not a
regular file (a folder, a FIFO, a device such as /dev/null) is refused: replacing it would silently
turn a pipe a script reads from, or a device node, into an ordinary file.

Standard library only, so every layer may use it; the layers turn `CannotWrite` into their own
bad-input error (planner.export.document.write_atomically, planner.store.library_io.write_text_atomic).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

REASONS: dict[int, str] = {
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied (the folder is read-only)",
    errno.EPERM: "permission denied (the folder is read-only)",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the file name is too long",
}


def _read_umask() -> int:
    # Read once at import: setting and restoring the umask later could race another thread's file.
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_read_umask()


class CannotWrite(Exception):
    """The system refused to write `path`; the message is one line in the user's words."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"Cannot write {path}: {reason}")


def cannot_write(path: Path, exc: OSError) -> CannotWrite:
    """The error for an OSError met while writing `path`."""
    return CannotWrite(path, REASONS.get(exc.errno or 0, exc.strerror or str(exc)))


def check_target(path: Path) -> None:
    """Refuse a target that exists but is not a regular file (a symlink counts as what it points to)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise cannot_write(path, exc) from None
    if stat.S_ISDIR(mode):
        raise CannotWrite(path, "it is a folder")
    if not stat.S_ISREG(mode):
        raise CannotWrite(path, "it is not a regular file")


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every system lets a folder be opened (Windows), so best effort.
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_into_place(tmp: Path, path: Path) -> None:
    """Replace `path` by the complete file `tmp` (same folder); `tmp` is removed if that fails."""
    try:
        check_target(path)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise cannot_write(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def write_atomically(path: Path, write: Callable[[BinaryIO], None], *, suffix: str = ".part") -> None:
    """Run `write` on a temporary file beside `path`, then move it into place; on any error remove it."""
    path = Path(path)
    check_target(path)
    folder = path.parent
    try:
        # The temporary name must fit the file system's 255 bytes whatever the target's name is.
        stem = path.name.encode("utf-8")[:100].decode("utf-8", errors="ignore")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=suffix, dir=folder)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes it private; what we write are ordinary files
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    move_into_place(tmp, path)


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    write_atomically(path, lambda fh: fh.write(data))


def write_text(path: Path, text: str) -> None:
    """Write `text` as UTF-8 to `path` atomically."""
    write_bytes(path, text.encode("utf-8"))
