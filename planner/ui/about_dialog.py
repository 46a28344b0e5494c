"""Help ▸ About Stride Planner…: version, licence and the medical disclaimer."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner import DISCLAIMER, __version__
from planner.ui.style import app_icon


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Stride Planner")
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(
            f"<h2 style='margin:0'>Stride Planner {escape(__version__)}</h2>"
            "<p>Strength, corrective and mobility work placed around a runner's season.</p>"
            "<p>Released under the MIT licence.</p>"
            f"<p><b>Please note.</b> {escape(DISCLAIMER)}</p>"
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(logo)
        top.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setFixedWidth(480)

    @classmethod
    def show_about(cls, parent: QWidget | None = None) -> tuple[None, bool]:
        dialog = cls(parent)
        dialog.exec()
        dialog.deleteLater()
        return None, True
