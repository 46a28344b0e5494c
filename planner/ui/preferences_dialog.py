"""Edit ▸ Preferences…: units, paper, first day of the week, default database, dark palette.

The database is a file or a club's PostgreSQL server (postgresql://user@host[:port]/dbname). Its password is
never stored here: libpq reads it from ~/.pgpass (or PGPASSFILE); one typed into the URL is taken out before
the setting is saved. "Test connection" asks the server off the UI thread and says the answer under the field.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.paths import default_database
from planner.ui.operations import Failure, run_operation
from planner.ui.settings import Settings

_CHOICE_LABELS = {
    "units": {"km": "Kilometres", "mi": "Miles"},
    "paper": {"a4": "A4", "letter": "US Letter"},
    "first_day_of_week": {"mon": "Monday", "sun": "Sunday"},
}


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.setSpacing(8)
        for key, label in (
            ("units", "Distance &units"),
            ("paper", "&Paper size"),
            ("first_day_of_week", "&First day of the week"),
        ):
            combo = QComboBox()
            for value, text in _CHOICE_LABELS[key].items():
                combo.addItem(text, value)
            combo.setCurrentIndex(combo.findData(settings.get(key)))
            self.combos[key] = combo
            form.addRow(label, combo)
        self.database = QLineEdit(settings.get("default_database"))
        self.database.setPlaceholderText(default_database())
        browse = QPushButton("C&hoose…")
        browse.clicked.connect(self._choose_database)
        row = QHBoxLayout()
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        self.test_button = QPushButton("&Test connection")
        self.test_button.setToolTip("Open the database read-only and say what it is (nothing is changed)")
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.test_button)
        self.database.setToolTip(
            "A file, or a club server: postgresql://user@host/dbname (the password goes in ~/.pgpass, not here)"
        )
        database_label = QLabel("Default &database")  # a label of its own: a layout cannot be a buddy
        database_label.setBuddy(self.database)
        form.addRow(database_label, row)
        self.dark = QCheckBox("Use the dar&k palette")
        self.dark.setChecked(settings.get("dark_palette"))
        self.connection_status = QLabel("")
        self.connection_status.setWordWrap(True)
        self.connection_status.setObjectName("connectionStatus")
        form.addRow("", self.connection_status)
        form.addRow("", self.dark)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(16)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(660)  # room for a server URL beside the two buttons

    def _choose_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Default database",
            self.database.text() or default_database(),
            "Stride Planner databases (*.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database.setText(path)

    def test_connection(self) -> None:
        """Ask the database what it is, off the UI thread; the answer (or why not) appears under the field."""
        from planner.store.connection import describe_connection

        text = self.database.text().strip() or None
        self.test_button.setEnabled(False)
        self.connection_status.setText("Connecting…")
        self.test = run_operation(
            functools.partial(_describe, describe_connection, text),
            name="testing the database connection",
            owner=self,
            on_done=self._tested,
            on_failed=self._test_failed,
        )

    def _tested(self, answer: str) -> None:
        self.test_button.setEnabled(True)
        self.connection_status.setText(answer)

    def _test_failed(self, failure: Failure) -> None:
        self.test_button.setEnabled(True)
        self.connection_status.setText(f"Cannot use it: {failure.text('testing the connection')}")

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: combo.currentData() for key, combo in self.combos.items()}
        text = self.database.text().strip()
        if "://" in text:
            from planner.store.server import redact

            values["default_database"] = redact(text)  # never a password in the settings file
            return values | {"dark_palette": self.dark.isChecked()}
        values["default_database"] = str(Path(text).expanduser()) if text else ""
        values["dark_palette"] = self.dark.isChecked()
        return values

    @classmethod
    def edit(cls, settings: Settings, parent: QWidget | None = None) -> tuple[dict[str, Any], bool]:
        """Show the dialog; when accepted, the values are saved to `settings` and returned."""
        dialog = cls(settings, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return {}, False
            values = dialog.values()
            for key, value in values.items():
                settings.set(key, value)
            return values, True
        finally:
            dialog.deleteLater()


def _describe(describe: Callable[[str | None], str], target: str | None, _control: Any) -> str:
    return describe(target)
