"""Help ▸ About Stride Planner…: version, licence, the disclaimer, the log file and what the symptom check rests on."""

from __future__ import annotations

import contextlib
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner import DISCLAIMER, __version__
from planner.logs import crash_path, log_path
from planner.paths import clinical_basis_doc
from planner.ui.style import app_icon

# Where the clinical basis can be read when this install carries no docs/ folder (a wheel or bundle without it).
CLINICAL_BASIS_ONLINE = "https://github.com/strideplanner/stride-planner/blob/main/docs/clinical-basis.md"


def clinical_basis_url() -> QUrl:
    """The shipped docs/clinical-basis.md when it is there, else the copy in the project's repository."""
    doc = clinical_basis_doc()
    return QUrl.fromLocalFile(str(doc)) if doc.is_file() else QUrl(CLINICAL_BASIS_ONLINE)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Stride Planner")
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.basis_url = clinical_basis_url()
        self.text = QLabel(
            f"<h2 style='margin:0'>Stride Planner {escape(__version__)}</h2>"
            "<p>Strength, corrective and mobility work placed around a runner's season.</p>"
            "<p>Released under the MIT licence.</p>"
            f"<p><b>Please note.</b> {escape(DISCLAIMER)}</p>"
            "<p>What the symptom check rests on: "
            f"<a href='{escape(self.basis_url.toString(), quote=True)}'>the clinical basis and its sources</a>"
            f"{'' if self.basis_url.isLocalFile() else ' (online)'}.</p>"
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.text.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))

        # The path is a read-only line edit, not a label: a long path scrolls instead of widening the
        # dialog, and a coach can select and copy it into a support mail.
        self.log_label = QLabel("Log file (errors of ours, with their details; crashes go beside it):")
        self.log_label.setWordWrap(True)
        self.log_path = QLineEdit(str(log_path()))
        self.log_path.setReadOnly(True)
        self.log_path.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.log_path.setToolTip(f"Log file: {log_path()}\nCrash file: {crash_path()}")
        self.log_label.setBuddy(self.log_path)
        self.open_log_folder = QPushButton("Open log folder")
        self.open_log_folder.clicked.connect(self._open_log_folder)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(logo)
        top.addWidget(self.text, 1)
        log_row = QHBoxLayout()
        log_row.addWidget(self.log_path, 1)
        log_row.addWidget(self.open_log_folder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(top)
        logs = QVBoxLayout()
        logs.setSpacing(4)
        logs.addWidget(self.log_label)
        logs.addLayout(log_row)
        layout.addLayout(logs)
        layout.addWidget(buttons)
        self.setFixedWidth(520)

    def _open_log_folder(self) -> None:
        folder = Path(self.log_path.text()).parent
        # The folder exists only once something was logged; make it so the file manager has somewhere to open.
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    @classmethod
    def show_about(cls, parent: QWidget | None = None) -> tuple[None, bool]:
        dialog = cls(parent)
        dialog.exec()
        dialog.deleteLater()
        return None, True
