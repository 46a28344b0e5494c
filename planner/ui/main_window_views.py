"""The views the sidebar offers, created only when first shown; a calm placeholder for any not built yet.

A view is a QWidget with: `ready` (Signal), `is_ready() -> bool`, `load()` (called once the database
is open), `toolbar_actions() -> list[QAction]`, and optionally `title` (str) and `focus_search()`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from planner.ui.context import AppContext


class View(Protocol):
    ready: Signal

    def is_ready(self) -> bool: ...

    def load(self) -> None: ...

    def toolbar_actions(self) -> list[QAction]: ...


ViewFactory = Callable[["AppContext", QWidget | None], QWidget]


@dataclass(frozen=True, slots=True)
class ViewEntry:
    name: str  # the --view name
    label: str  # the sidebar text
    icon: str  # resources/icons/<icon>.svg
    module: str
    cls: str

    def factory(self) -> ViewFactory:
        """The view's class, or a placeholder factory when its module is not there (yet) or broken."""
        if importlib.util.find_spec(self.module) is None:
            return _placeholder(self, "This view is not available yet.")
        try:
            return getattr(importlib.import_module(self.module), self.cls)
        except Exception as exc:  # a colleague's half-finished module must not stop the window
            from planner.logs import log_exception, log_location

            where = log_location(log_exception(exc, context=f"loading {self.module}"))
            return _placeholder(self, f"This view could not be opened. Details are in {where}.")


VIEWS: tuple[ViewEntry, ...] = (
    ViewEntry("library", "Library", "library", "planner.ui.library_view", "LibraryView"),
    ViewEntry("athletes", "Athletes", "athletes", "planner.ui.athletes_view", "AthletesView"),
    ViewEntry("plan", "Plan", "plan", "planner.ui.plan_view", "PlanView"),
    ViewEntry("wizard", "Wizard", "wizard", "planner.ui.wizard_view", "WizardView"),
    ViewEntry("export", "Export", "export", "planner.ui.export_view", "ExportView"),
)
VIEW_NAMES: tuple[str, ...] = tuple(v.name for v in VIEWS)


def entry(name: str) -> ViewEntry:
    for v in VIEWS:
        if v.name == name:
            return v
    raise KeyError(name)


class PlaceholderView(QWidget):
    """Stands in for a view whose module is missing; ready at once, so screenshots never wait for it."""

    ready = Signal()

    def __init__(self, label: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label
        self.message = message
        heading = QLabel(label)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        heading.setFont(font)
        text = QLabel(message)
        text.setObjectName("placeholder_message")
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(1)
        for widget in (heading, text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(2)

    def is_ready(self) -> bool:
        return True

    def load(self) -> None:
        """Nothing to load."""

    def toolbar_actions(self) -> list[QAction]:
        return []


def _placeholder(view: ViewEntry, message: str) -> ViewFactory:
    def make(_ctx: AppContext, parent: QWidget | None = None) -> QWidget:
        return PlaceholderView(view.label, message, parent)

    return make
