"""File ▸ Import library… and Export library…: a file dialog, then the work in an operation.

The window's status bar shows the running import with its progress and a Cancel button; how it ended is
said there too (`tell`), never in a dialog that would stop the coach.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from planner.ui.operations import Control, Failure, Operation, run_operation

if TYPE_CHECKING:
    from planner.store.database import Database
    from planner.store.exercises import WriteReport
    from planner.ui.context import AppContext

LIBRARY_FILTER = "Exercise libraries (*.json);;All files (*)"


def tell(ctx: AppContext, title: str, text: str) -> None:
    """How a finished import or export ended, in the status bar (tests replace this to read it)."""
    ctx.say(f"{title}: {text}")


def ask_import(parent: QWidget, ctx: AppContext) -> Operation[WriteReport] | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Import exercise library", str(Path.home()), LIBRARY_FILTER)
    return start_import(parent, ctx, Path(path)) if path else None


def _import_job(db: Database, path: Path, control: Control) -> WriteReport:
    from planner.store.library_io import import_library_file

    return import_library_file(db, path, "auto", progress=control.progress, cancelled=control.cancelled)


def start_import(parent: QWidget | None, ctx: AppContext, path: Path) -> Operation[WriteReport]:
    """Import `path` (format detected) in one transaction off the UI thread; Cancel leaves the library as it was."""

    def done(report: WriteReport) -> None:
        ctx.library_changed.emit()
        tell(ctx, "Import library", f"{path.name}: {report}.")

    def failed(failure: Failure) -> None:
        tell(ctx, "Import library", f"Nothing was imported. {failure.text('importing the library')}")

    return run_operation(
        functools.partial(_import_job, ctx.db, path),
        name="importing a library",
        label=f"Importing {path.name}…",
        owner=parent,
        on_done=done,
        on_failed=failed,
    )


def ask_export(parent: QWidget, ctx: AppContext) -> Operation[int] | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, "Export exercise library", str(Path.home() / "stride-planner-library.json"), LIBRARY_FILTER
    )
    return start_export(parent, ctx, Path(path)) if path else None


def _export_job(db: Database, path: Path, _control: Control) -> int:
    from planner.store.library_io import export_library_file

    return export_library_file(db, path)


def start_export(parent: QWidget | None, ctx: AppContext, path: Path) -> Operation[int]:
    """Write the library to `path` (atomically) off the UI thread."""
    return run_operation(
        functools.partial(_export_job, ctx.db, path),
        name="exporting the library",
        label=f"Exporting to {path.name}…",
        owner=parent,
        on_done=lambda count: tell(ctx, "Export library", f"{count} exercises written to {path}."),
        on_failed=lambda failure: tell(
            ctx, "Export library", f"Nothing was written. {failure.text('exporting the library')}"
        ),
    )
