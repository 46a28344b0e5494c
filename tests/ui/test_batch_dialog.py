"""Team batch export: one PDF per athlete or one for the team, and a Cancel that leaves no partial file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.domain.exercise import slugify
from planner.export.demo import demo_athlete
from planner.store.athletes import add_athlete, load_plan
from planner.store.database import Database
from planner.store.plans import regenerate_plan
from planner.ui import batch_dialog
from planner.ui.batch_dialog import EXPORTING, BatchDialog
from planner.ui.context import AppContext
from planner.ui.operations import Control, running_operations

START = dt.date(2027, 1, 4)
NAMES = ("Amara Okafor", "Björn Ek", "Zoë Łukasiewicz")
FILES = {name: f"{slugify(name)}.pdf" for name in NAMES}  # file naming belongs to export.batch


@pytest.fixture(autouse=True)
def no_build_threads(qtbot) -> Iterator[None]:
    """The batch operation has ended when a test ends."""
    yield
    qtbot.waitUntil(lambda: not running_operations(), timeout=30000)


@pytest.fixture
def athlete_ids(db: Database) -> list[int]:
    """Three athletes with a saved two-week plan each."""
    ids = []
    for name in NAMES:
        athlete_id = add_athlete(db, replace(demo_athlete(START), name=name))
        regenerate_plan(db, athlete_id, start=START, weeks=2)
        ids.append(athlete_id)
    return ids


@pytest.fixture
def dialog(qtbot, ctx: AppContext, athlete_ids: list[int], tmp_path: Path) -> BatchDialog:
    dialog = BatchDialog(ctx, paper="a4", content=("overview", "weekly"))
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path / "pdfs"))
    return dialog


def run(qtbot, dialog: BatchDialog) -> None:
    dialog.start_export()
    assert dialog.is_running()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def pages_of(path: Path) -> int:
    return len(PdfReader(path).pages)


def test_lists_every_athlete_checked(dialog: BatchDialog) -> None:
    names = [dialog.athlete_list.item(row).text() for row in range(dialog.athlete_list.count())]

    assert names == sorted(NAMES)
    assert len(dialog.checked_ids()) == 3
    assert dialog.selection_label.text() == "3 of 3 selected"


def test_select_none_disables_export_and_select_all_brings_it_back(dialog: BatchDialog) -> None:
    dialog.set_all_checked(False)
    assert dialog.checked_ids() == ()
    assert not dialog.export_button.isEnabled()

    dialog.set_all_checked(True)
    assert len(dialog.checked_ids()) == 3
    assert dialog.export_button.isEnabled()


def test_one_pdf_per_athlete(qtbot, dialog: BatchDialog, tmp_path: Path) -> None:
    run(qtbot, dialog)

    folder = tmp_path / "pdfs"
    assert files_in(folder) == sorted(FILES.values())
    assert all(pages_of(folder / name) == 3 for name in files_in(folder))  # overview + 2 weekly sheets
    assert dialog.progress_label.text() == "3 of 3 athletes"
    assert dialog.message_label.text().startswith("Wrote 3 PDFs (9 pages).")
    assert dialog.close_button.text() == "Close"


def test_one_combined_pdf(qtbot, dialog: BatchDialog, tmp_path: Path) -> None:
    dialog.combined_radio.setChecked(True)

    run(qtbot, dialog)

    assert files_in(tmp_path / "pdfs") == ["team.pdf"]
    assert pages_of(tmp_path / "pdfs" / "team.pdf") == 9
    assert dialog.message_label.text().startswith("Wrote one PDF for 3 athletes (9 pages).")


def test_only_the_checked_athletes_are_exported(qtbot, dialog: BatchDialog, tmp_path: Path) -> None:
    dialog.athlete_list.item(1).setCheckState(dialog.athlete_list.item(1).checkState().Unchecked)

    run(qtbot, dialog)

    assert files_in(tmp_path / "pdfs") == sorted([FILES["Amara Okafor"], FILES["Zoë Łukasiewicz"]])


def test_missing_plans_are_made_first(qtbot, dialog: BatchDialog, db: Database, tmp_path: Path) -> None:
    newcomer = add_athlete(db, replace(demo_athlete(START), name="Newcomer"))
    dialog.load_athletes()

    run(qtbot, dialog)

    assert load_plan(db, newcomer) is not None
    assert "newcomer.pdf" in files_in(tmp_path / "pdfs")
    assert "Made a plan first for Newcomer" in dialog.message_label.text()


def test_cancel_at_once_writes_nothing(qtbot, dialog: BatchDialog, tmp_path: Path) -> None:
    dialog.start_export()
    dialog.cancel()
    assert dialog.progress_label.text().startswith("Cancelling")

    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)

    assert files_in(tmp_path / "pdfs") == []
    assert dialog.message_label.text().startswith("Cancelled. No PDF was written; nothing half-written.")


def test_cancel_after_the_first_pdf_keeps_it_whole_and_nothing_else(
    qtbot, dialog: BatchDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_run = batch_dialog.run_batch

    def cancel_after_first(
        db: Database, request: batch_dialog.BatchRequest, control: Control
    ) -> batch_dialog.BatchOutcome:
        def progress_then_cancel(report) -> None:
            control._report(report)
            if report.stage == EXPORTING and report.done >= 1:
                control.cancel.set()  # what Cancel does, at the moment the first PDF is reported

        return real_run(db, request, Control(control.cancel, progress_then_cancel))

    monkeypatch.setattr(batch_dialog, "run_batch", cancel_after_first)

    run(qtbot, dialog)

    folder = tmp_path / "pdfs"
    kept = files_in(folder)
    assert len(kept) == 1
    assert kept[0].endswith(".pdf")
    assert pages_of(folder / kept[0]) == 3
    assert dialog.outcome is not None
    assert dialog.outcome.result.cancelled
    assert dialog.message_label.text().startswith("Cancelled. 1 complete PDF kept; nothing half-written.")


def test_closing_while_running_cancels_then_closes(qtbot, dialog: BatchDialog, tmp_path: Path) -> None:
    dialog.show()
    dialog.start_export()

    dialog.close()  # the title bar's close button
    assert dialog.isVisible()

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60000)
    assert not any(name.endswith(".part") for name in files_in(tmp_path / "pdfs"))


def test_esc_while_running_cancels_and_stays_on_the_summary(qtbot, dialog: BatchDialog) -> None:
    dialog.show()
    dialog.start_export()

    dialog.reject()  # Esc
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)

    assert dialog.isVisible()
    assert dialog.message_label.text().startswith("Cancelled.")


def test_every_athlete_has_a_row_from_the_first_moment(dialog: BatchDialog) -> None:
    dialog.start_export()

    assert dialog.pages.currentWidget().isAncestorOf(dialog.state_table)
    assert [name for name, _state in dialog.athlete_states()] == sorted(NAMES)
    assert {state for _name, state in dialog.athlete_states()} <= {"Waiting", "Reading the plan…"}
    dialog.cancel()


def test_rows_go_through_building_to_done(qtbot, dialog: BatchDialog) -> None:
    seen: set[str] = set()
    dialog.state_table.itemChanged.connect(lambda item: seen.add(item.text()))

    run(qtbot, dialog)

    assert "Building the PDF…" in seen
    assert [state for _name, state in dialog.athlete_states()] == ["Done"] * 3


def test_after_a_cancel_each_row_says_whether_its_pdf_was_kept(
    qtbot, dialog: BatchDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_run = batch_dialog.run_batch

    def cancel_after_first(
        db: Database, request: batch_dialog.BatchRequest, control: Control
    ) -> batch_dialog.BatchOutcome:
        def progress_then_cancel(report) -> None:
            control._report(report)
            if report.stage == EXPORTING and report.done >= 1:
                control.cancel.set()

        return real_run(db, request, Control(control.cancel, progress_then_cancel))

    monkeypatch.setattr(batch_dialog, "run_batch", cancel_after_first)

    run(qtbot, dialog)

    kept = files_in(tmp_path / "pdfs")
    states = dict(dialog.athlete_states())
    done = [name for name, state in states.items() if state == "Done"]
    assert [FILES[name] for name in done] == kept
    assert all(state.startswith("Not written") for name, state in states.items() if name not in done)
    assert f"Kept: {kept[0]}" in dialog.message_label.text()


def test_failed_athlete_row_says_why(qtbot, dialog: BatchDialog, tmp_path: Path) -> None:
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / FILES["Björn Ek"]).mkdir()  # a folder where the PDF should go

    run(qtbot, dialog)

    states = dict(dialog.athlete_states())
    assert states["Björn Ek"].startswith("Failed: ")
    assert states["Amara Okafor"] == "Done"
