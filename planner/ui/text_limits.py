"""Editors stop at the limits of planner.domain.limits, so the window never holds what a file may not."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit


def cap_plain_text(edit: QPlainTextEdit, max_chars: int) -> None:
    """Keep `edit` to `max_chars` characters (QPlainTextEdit has no setMaxLength): text typed or
    pasted beyond the limit is cut off at the end, the cursor kept where it was."""

    def keep_to_limit() -> None:
        text = edit.toPlainText()
        if len(text) <= max_chars:
            return
        position = min(edit.textCursor().position(), max_chars)
        edit.setPlainText(text[:max_chars])  # emits textChanged again, now within the limit
        cursor = edit.textCursor()
        cursor.setPosition(position)
        edit.setTextCursor(cursor)

    edit.setProperty("maxChars", max_chars)  # for tests and accessibility tools
    edit.textChanged.connect(keep_to_limit)
