"""What the club-mode window tests share: pressing a choice in the conflict dialog, and reading what it said."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QDialog

from planner.ui.conflict_dialog import ConflictDialog, Resolution


@dataclass
class Shown:
    text: str  # the dialog's words, as the coach reads them (markup removed)
    can_copy: bool  # whether "Save as a copy" was offered


def choosing(monkeypatch: pytest.MonkeyPatch, choice: Resolution) -> list[Shown]:
    """Patch the conflict dialog's exec to press `choice`; returns what each dialog showed, in order."""
    shown: list[Shown] = []

    def exec_(dialog: ConflictDialog) -> int:
        words = html.unescape(re.sub(r"<[^>]+>", " ", dialog.message.text()))
        shown.append(Shown(" ".join(words.split()), not dialog.copy_button.isHidden()))
        buttons = {
            Resolution.RELOAD: dialog.reload_button,
            Resolution.KEEP_MINE: dialog.keep_button,
            Resolution.SAVE_COPY: dialog.copy_button,
        }
        buttons[choice].click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return shown
