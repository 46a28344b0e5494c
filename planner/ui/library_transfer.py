"""File ▸ Import library… and Export library…: a file dialog, then the work in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner.ui.background import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from planner.store.exercises import WriteReport
    from planner.ui.context import AppContext

LIBRARY_FILTER = "Exercise libraries (*.json);;All files (*)"


def tell(parent: QWidget | None, title: str, text: str) -> None:
    """The result of a finished import or export (tests replace this to avoid a modal box)."""
    QMessageBox.information(parent, title, text)


def ask_import(parent: QWidget, ctx: AppContext) -> BackgroundTask | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Import exercise library", str(Path.home()), LIBRARY_FILTER)
    return start_import(parent, ctx, Path(path)) if path else None


def start_import(parent: QWidget | None, ctx: AppContext, path: Path) -> BackgroundTask:
    """Import `path` (format detected) in one transaction off the UI thread; Cancel leaves the library as it was."""
    from planner.store.library_io import import_library_file

    db = ctx.db

    def work(progress, cancelled) -> WriteReport:
        return import_library_file(db, path, "auto", progress=progress, cancelled=cancelled)

    def done(report: WriteReport) -> None:
        ctx.library_changed.emit()
        ctx.say(f"Imported {path.name}: {report}")
        tell(parent, "Import library", f"{path.name}: {report}.")

    return run_in_background(parent, work, title="Importing exercises…", on_done=done)


def ask_export(parent: QWidget, ctx: AppContext) -> BackgroundTask | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, "Export exercise library", str(Path.home() / "stride-planner-library.json"), LIBRARY_FILTER
    )
    return start_export(parent, ctx, Path(path)) if path else None


def start_export(parent: QWidget | None, ctx: AppContext, path: Path) -> BackgroundTask:
    from planner.store.library_io import export_library_file

    db = ctx.db

    def work(_progress, _cancelled) -> int:
        return export_library_file(db, path)

    def done(count: int) -> None:
        ctx.say(f"Exported {count} exercises to {path}")

    return run_in_background(parent, work, title="Exporting exercises…", on_done=done, cancellable=False)
