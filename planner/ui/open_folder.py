"""The status bar's "Open folder" button: offered beside a message that says a file was written.

Views say `ctx.say(message, folder=...)`; the button shows with that message and goes when the message
does (its timeout, or any newer message). It opens the folder in the desktop's file manager.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton, QStatusBar

if TYPE_CHECKING:
    from planner.ui.context import AppContext


class OpenFolderButton(QPushButton):
    """A flat button at the left of the status bar's permanent widgets, hidden until a folder is offered."""

    def __init__(self, status_bar: QStatusBar, ctx: AppContext) -> None:
        super().__init__("Open folder", status_bar)
        self.setObjectName("open_folder")
        self.setFlat(True)
        self.folder: str | None = None
        self.hide()
        status_bar.insertPermanentWidget(0, self)
        # Any newer message (or the old one timing out) takes the offer away; the offer follows its message.
        status_bar.messageChanged.connect(self._withdraw)
        ctx.folder_offered.connect(self.offer)
        self.clicked.connect(self.open_folder)

    def offer(self, folder: str) -> None:
        self.folder = folder
        self.setToolTip(f"Open {folder} in the file manager")
        self.show()

    def _withdraw(self, _message: str = "") -> None:
        self.folder = None
        self.hide()

    def open_folder(self) -> None:
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder))
