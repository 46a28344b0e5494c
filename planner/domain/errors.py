"""The one error type for input a user can get wrong."""

from __future__ import annotations


class BadInput(ValueError):
    """Input the user supplied is wrong; the message says what and where, in their words.

    The command line prints the message on one line and exits 2; the window shows it in a dialog.
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
        super().__init__(f"{prefix}: {message}" if prefix else message)

    def within(self, source: str) -> BadInput:
        """The same error, said of a file (used when a parser did not know the file name)."""
        if self.source:
            return self
        return BadInput(str(self), source=source)
