"""The one error type for input a user can get wrong."""

from __future__ import annotations

import re
from typing import Any

# A value quoted in a message (its repr) is shown up to this many characters: a 10 MB bad value
# must not become a 10 MB error line.
SHOWN_CHARS = 80
# A whole message longer than this keeps its start and its end (where "expected ..." usually is).
MESSAGE_CHARS = 300

_QUOTED = re.compile(r"'[^'\\\n]*(?:\\.[^'\\\n]*)*'|\"[^\"\\\n]*(?:\\.[^\"\\\n]*)*\"")


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """`repr(value)` cut to about `limit` characters, for quoting a user's value in a message."""
    if isinstance(value, str) and len(value) > limit:
        # Never repr a 10 MB string only to cut it; keep the closing quote so the cut shows.
        head = repr(value[:limit])
        return f"{head[: limit - 2]}…{head[0]}"
    out = repr(value)
    return out if len(out) <= limit else f"{out[: limit - 1]}…"


def _short(message: str) -> str:
    """One line, every quoted value cut to SHOWN_CHARS and the whole to about MESSAGE_CHARS."""
    message = " ".join(message.splitlines()) if "\n" in message or "\r" in message else message
    if len(message) <= MESSAGE_CHARS:
        return message
    message = _QUOTED.sub(lambda m: _cut(m.group(0)), message)
    if len(message) <= MESSAGE_CHARS:
        return message
    keep = MESSAGE_CHARS // 2
    return f"{message[:keep]} … {message[-keep:]}"


def _cut(quoted: str) -> str:
    if len(quoted) <= SHOWN_CHARS:
        return quoted
    return f"{quoted[: SHOWN_CHARS - 5]}…{quoted[-4:]}"


class BadInput(ValueError):
    """Input the user supplied is wrong; the message says what and where, in their words.

    The command line prints the message on one line and exits 2; the window shows it in a dialog.
    A value quoted in the message is cut to about 80 characters, and the message kept to one line.
    """

    def __init__(self, message: str, *, source: str | None = None, field: str | None = None) -> None:
        self.source = source
        self.field = field
        parts = []
        if source:
            parts.append(str(source))
        if field:
            parts.append(field)
        prefix = ": ".join(parts)
        super().__init__(_short(f"{prefix}: {message}" if prefix else message))

    def within(self, source: str) -> BadInput:
        """The same error, said of a file (used when a parser did not know the file name)."""
        if self.source:
            return self
        return BadInput(str(self), source=source)
