"""Every keyboard shortcut in one table; views add their own rows, the F1 dialog lists them all."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class Shortcut:
    area: str  # "Window", "Library", ... : where the keys work
    keys: tuple[str, ...]  # portable QKeySequence strings, e.g. "Ctrl+Shift+Z"
    description: str

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(k) for k in self.keys]


WINDOW_SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("Window", ("Ctrl+Shift+A",), "New athlete, step by step, to a printed season"),
    Shortcut("Window", ("Ctrl+Shift+S",), "Save the current athlete's season as a PDF"),
    Shortcut("Window", ("Ctrl+Shift+P",), "Print the current athlete's season"),
    Shortcut("Window", ("Ctrl+I",), "Import an exercise library"),
    Shortcut("Window", ("Ctrl+Shift+E",), "Export the exercise library"),
    Shortcut("Window", ("Ctrl+Shift+C",), "Export the current athlete's plan as a calendar (.ics)"),
    Shortcut("Window", ("Ctrl+Q",), "Quit"),
    Shortcut("Window", ("Ctrl+Z",), "Undo"),
    Shortcut("Window", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"),
    Shortcut("Window", ("Ctrl+F",), "Find in the current view"),
    Shortcut("Window", ("Ctrl+,",), "Preferences"),
    Shortcut("Window", ("Ctrl+1",), "Show the exercise library"),
    Shortcut("Window", ("Ctrl+2",), "Show the athletes"),
    Shortcut("Window", ("Ctrl+3",), "Show the plan"),
    Shortcut("Window", ("Ctrl+4",), "Show the symptom wizard"),
    Shortcut("Window", ("Ctrl+5",), "Show the PDF export"),
    Shortcut("Window", ("F1",), "This list of keyboard shortcuts"),
)

_registered: list[Shortcut] = []


def register_shortcut(area: str, keys: str | tuple[str, ...], description: str) -> Shortcut:
    """Add a view's shortcut to the table (idempotent: the same row twice is listed once)."""
    row = Shortcut(area, (keys,) if isinstance(keys, str) else tuple(keys), description)
    if row not in _registered:
        _registered.append(row)
    return row


def all_shortcuts() -> list[Shortcut]:
    return [*WINDOW_SHORTCUTS, *_registered]


def keys_of(description: str) -> tuple[str, ...]:
    """The keys of a window shortcut by its description (so the menus and the table cannot disagree)."""
    for row in WINDOW_SHORTCUTS:
        if row.description == description:
            return row.keys
    raise KeyError(description)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = all_shortcuts()
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "Does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        for i, row in enumerate(rows):
            keys = " or ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in row.keys)
            for col, text in enumerate((row.area, keys, row.description)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(i, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)

    @classmethod
    def show_table(cls, parent: QWidget | None = None) -> tuple[None, bool]:
        dialog = cls(parent)
        dialog.exec()
        dialog.deleteLater()
        return None, True
