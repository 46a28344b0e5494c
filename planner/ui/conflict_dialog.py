"""When a coach's save meets another coach's change: say who changed what, and offer the three ways on.

- Reload: show what is in the database now (the other coach's version); this coach's change is dropped.
- Keep mine: save this coach's change over the other one (knowingly: the dialog said whose it was).
- Save as a copy: keep both; this coach's change goes into a new athlete or exercise named "… (copy)".

The dialog opens right after the save the coach made (the same click, one event-loop turn later, once the undo
stack is done with the refused command): never from a background completion.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from planner.domain.conflict import EditConflict


class Resolution(enum.Enum):
    RELOAD = "reload"
    KEEP_MINE = "keep_mine"
    SAVE_COPY = "save_copy"


@dataclass(frozen=True)
class ConflictChoices:
    """What each choice does for one refused save (plain callables: the refused command itself is gone)."""

    reload: Callable[[], None]
    keep_mine: Callable[[], None]
    save_copy: Callable[[], None] | None = None  # None: a copy means nothing here (the button is not shown)
    no_copy: str = ""  # without save_copy: why there is no copy, said in the dialog

    def run(self, choice: Resolution) -> None:
        if choice is Resolution.KEEP_MINE:
            self.keep_mine()
        elif choice is Resolution.SAVE_COPY and self.save_copy is not None:
            self.save_copy()
        else:
            self.reload()


class ConflictDialog(QDialog):
    """Reload / Keep mine / Save as a copy, with who changed what. Escape is Reload (nothing of theirs is lost)."""

    def __init__(
        self, conflict: EditConflict, parent: QWidget | None = None, *, can_copy: bool = True, no_copy: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed by another coach")
        self.choice = Resolution.RELOAD
        changed = f"was changed {_escape(conflict.theirs.said())}" if conflict.theirs else "was deleted by someone else"
        why = f"<p>{_escape(no_copy)}</p>" if no_copy and not can_copy else ""
        self.message = message = QLabel(
            f"<p><b>{_escape(conflict.what)} {changed}</b> after you opened it.</p>"
            f"<p>Your change was not saved yet. What should happen to it?</p>{why}"
        )
        message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.reload_button = self._button("&Reload", Resolution.RELOAD, "Show their version; drop your change")
        self.keep_button = self._button("&Keep mine", Resolution.KEEP_MINE, "Save your change over theirs")
        self.copy_button = self._button("Save as a &copy", Resolution.SAVE_COPY, "Keep theirs, and yours as a copy")
        self.copy_button.setVisible(can_copy)
        self.reload_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        layout.addWidget(message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _button(self, text: str, choice: Resolution, tip: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setToolTip(tip)
        button.clicked.connect(functools.partial(self._choose, choice))
        return button

    def _choose(self, choice: Resolution) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def choose(
        cls, conflict: EditConflict, parent: QWidget | None = None, *, can_copy: bool = True, no_copy: str = ""
    ) -> tuple[Resolution, bool]:
        """Show the dialog; (the choice, True when a button was pressed). Escape gives (RELOAD, False)."""
        dialog = cls(conflict, parent, can_copy=can_copy, no_copy=no_copy)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return (dialog.choice if accepted else Resolution.RELOAD), accepted
        finally:
            dialog.deleteLater()


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


def ask_after_save(conflict: EditConflict, choices: ConflictChoices) -> None:
    """Open the dialog once the refused save has unwound (the undo stack is done with it), then act on it."""
    QTimer.singleShot(0, functools.partial(_ask, conflict, choices))


def _ask(conflict: EditConflict, choices: ConflictChoices) -> None:
    choice, _pressed = ConflictDialog.choose(
        conflict, QApplication.activeWindow(), can_copy=choices.save_copy is not None, no_copy=choices.no_copy
    )
    choices.run(choice)
