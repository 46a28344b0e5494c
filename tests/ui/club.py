"""What the club-mode window tests share: pressing a choice in the conflict dialog, and reading what it said."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from planner.ui.conflict_dialog import ConflictDialog, Resolution
from planner.ui.context import AppContext
from planner.ui.plan_rebuilds import plan_rebuilds

START = dt.date(2027, 1, 4)  # a Monday: where the club tests' runner Maya's plan starts (the `maya` fixture)


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


def settle(qtbot: Any, ctx: AppContext, athlete_id: int) -> None:
    """Wait until the window has no plan rebuild of the athlete pending."""
    qtbot.waitUntil(lambda: not plan_rebuilds(ctx).pending(athlete_id), timeout=20_000)
