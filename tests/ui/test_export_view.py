"""The Export view: the live preview, paper sizes, Save, Print, and what a coach sees around them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from planner.export.demo import demo_athlete
from planner.export.document import build_plan_pdf
from planner.store.athletes import add_athlete, load_plan
from planner.store.database import Database
from planner.store.exercises import list_exercises
from planner.store.plans import regenerate_plan
from planner.ui.context import AppContext
from planner.ui.export_view import ExportView
from planner.ui.operations import running_operations
from planner.ui.pdf_pages import page_sizes, render_pages
from planner.ui.printing import PrintRun

WEEKS = 3
START = dt.date(2027, 1, 4)


@pytest.fixture(autouse=True)
def no_build_threads(qtbot) -> Iterator[None]:
    """Every preview, save and print operation has ended when a test ends."""
    yield
    qtbot.waitUntil(lambda: not running_operations(), timeout=20000)


@pytest.fixture
def athlete_id(db: Database) -> int:
    """An athlete with a saved three-week plan."""
    athlete_id = add_athlete(db, demo_athlete(START))
    regenerate_plan(db, athlete_id, start=START, weeks=WEEKS)
    return athlete_id


def make_view(qtbot, ctx: AppContext) -> ExportView:
    view = ExportView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.load()
    return view


@pytest.fixture
def view(qtbot, ctx: AppContext, athlete_id: int) -> ExportView:
    ctx.set_current_athlete(athlete_id)
    view = make_view(qtbot, ctx)
    qtbot.waitUntil(view.is_current, timeout=20000)
    return view


def expected_pages(db: Database, athlete_id: int, tmp_path: Path, *, paper: str = "a4") -> int:
    from planner.store.athletes import get_athlete

    plan = load_plan(db, athlete_id)
    assert plan is not None
    report = build_plan_pdf(
        tmp_path / "expected.pdf",
        athlete=get_athlete(db, athlete_id).athlete,
        plan=plan,
        library={e.id: e for e in list_exercises(db)},
        paper=paper,
    )
    return report.pages


def pdf_pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def accept_printing_to(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The print dialog, accepted with "Print to file" chosen (a printer whose output is a PDF file)."""

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)  # keeps the raster test quick; pages are drawn the same way at any resolution
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)


def test_preview_shows_every_page_of_the_saved_plan(
    view: ExportView, db: Database, athlete_id: int, tmp_path: Path
) -> None:
    pages = expected_pages(db, athlete_id, tmp_path)

    assert view.preview.page_count() == pages
    assert view.preview.page_label.text() == f"Page 1 of {pages}"
    assert view.status_label.text().startswith(f"{pages} pages")
    assert view.is_ready()
    assert view.save_action.isEnabled()
    assert view.print_action.isEnabled()


def test_paper_defaults_to_the_paper_setting(qtbot, ctx: AppContext, athlete_id: int) -> None:
    ctx.settings.set("paper", "letter")
    ctx.set_current_athlete(athlete_id)
    view = make_view(qtbot, ctx)
    qtbot.waitUntil(view.is_current, timeout=20000)

    assert view.options().paper == "letter"
    assert view.preview.page_size(0) == (612, 792)


def test_choosing_letter_rebuilds_the_preview_on_letter_paper(qtbot, view: ExportView) -> None:
    assert tuple(round(x) for x in view.preview.page_size(0)) == (595, 842)

    view.paper_box.setCurrentIndex(view.paper_box.findData("letter"))

    qtbot.waitUntil(lambda: view.is_current() and view.preview.page_size(0) == (612, 792), timeout=20000)
    assert "Letter" in view.status_label.text()


def test_first_weeks_and_fewer_parts_give_fewer_pages(qtbot, view: ExportView) -> None:
    all_pages = view.preview.page_count()

    view.first_weeks_radio.setChecked(True)
    view.weeks_spin.setValue(1)
    view.content_checks["cards"].setChecked(False)

    qtbot.waitUntil(lambda: view.is_current() and view.preview.page_count() == 2, timeout=20000)  # overview + 1 week
    assert all_pages > 2


def test_nothing_to_print_says_so_and_disables_save(qtbot, view: ExportView) -> None:
    for check in view.content_checks.values():
        check.setChecked(False)

    qtbot.waitUntil(lambda: not view.is_building(), timeout=20000)
    assert view.status_label.text() == "Choose at least one part to print."
    assert not view.save_action.isEnabled()
    assert view.preview.page_count() == 0


def test_save_writes_a_complete_pdf_at_the_chosen_path(
    qtbot, view: ExportView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(folder / "season"), ""))

    view.save_action.trigger()

    target = folder / "season.pdf"
    qtbot.waitUntil(lambda: target.exists() and not running_operations(), timeout=20000)
    assert target.read_bytes()[:5] == b"%PDF-"
    assert pdf_pages(target) == view.preview.page_count()
    assert [p.name for p in folder.iterdir()] == ["season.pdf"]  # no .part file left beside it


def test_print_to_a_pdf_file_writes_the_vector_pdf_with_its_text(
    qtbot, view: ExportView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"
    accept_printing_to(out, monkeypatch)
    messages: list[str] = []
    view.ctx.status_message.connect(messages.append)

    view.print_action.trigger()

    qtbot.waitUntil(lambda: messages != [], timeout=20000)
    assert out.read_bytes() == view.preview.shown_path.read_bytes()  # the very file Save writes, not pictures
    assert view.inputs.athlete.name in pdf_text(out)
    assert messages == [f"Printed {view.preview.page_count()} pages to {out}"]


def test_a_real_printer_gets_every_page_rendered_on_white(qtbot, view: ExportView, tmp_path: Path) -> None:
    out = tmp_path / "raster.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # stands in for paper: what was painted is kept
    printer.setOutputFileName(str(out))
    printer.setResolution(72)
    outcomes = []
    sizes = [view.preview.page_size(i) for i in range(view.preview.page_count())]
    run = PrintRun(view.preview.shown_path, sizes, printer, owner=view, on_finished=outcomes.append)

    run.start(rasterise=True)  # what a real printer gets

    qtbot.waitUntil(lambda: outcomes != [], timeout=30000)
    assert outcomes[0].printed == view.preview.page_count()
    assert pdf_pages(out) == view.preview.page_count()
    assert pdf_text(out).strip() == ""  # pictures of the pages, no text layer
    assert tuple(round(x) for x in page_sizes(out)[0]) == (595, 842)
    first = render_pages(out, [0], 200 / 595)[0]
    top_margin = first.pixels[3 * first.stride + 100 * 4 : 3 * first.stride + 100 * 4 + 3]
    assert top_margin == b"\xff\xff\xff"  # the page's top margin: drawn white, not transparent


def test_cancelling_the_print_dialog_prints_nothing(
    view: ExportView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    messages: list[str] = []
    view.ctx.status_message.connect(messages.append)

    view.print_action.trigger()

    assert messages == []


def test_a_missing_plan_is_made_and_saved(qtbot, ctx: AppContext, db: Database) -> None:
    athlete_id = add_athlete(db, demo_athlete(START))
    assert load_plan(db, athlete_id) is None
    ctx.set_current_athlete(athlete_id)

    with qtbot.waitSignal(ctx.plan_changed, timeout=20000):
        view = make_view(qtbot, ctx)
    qtbot.waitUntil(view.is_current, timeout=30000)

    assert load_plan(db, athlete_id) is not None
    assert "no saved plan" in view.plan_label.text()


def test_a_character_no_font_has_is_named_in_the_warning_strip(qtbot, ctx: AppContext, db: Database) -> None:
    athlete_id = add_athlete(db, replace(demo_athlete(START), name="Runner \U0001f3c3"))
    regenerate_plan(db, athlete_id, start=START, weeks=1)
    ctx.set_current_athlete(athlete_id)

    view = make_view(qtbot, ctx)
    qtbot.waitUntil(view.is_current, timeout=20000)

    assert view.warning_strip.isVisibleTo(view)
    assert "U+1F3C3" in view.warning_strip.text()


def test_no_athlete_shows_a_calm_empty_state(qtbot, ctx: AppContext) -> None:
    view = make_view(qtbot, ctx)

    qtbot.waitUntil(view.is_ready)
    assert view.stack.currentIndex() == 0
    assert "No athlete selected" in view.empty_label.text()
    assert not view.save_action.isEnabled()
    assert view.batch_action.isEnabled()


def save_to(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The save dialog, answered with `folder`/season.pdf."""
    folder.mkdir(exist_ok=True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(folder / "season.pdf"), ""))
    return folder / "season.pdf"


def test_a_save_ends_with_open_folder_in_the_status_bar(
    qtbot, main_window, db: Database, athlete_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    target = save_to(tmp_path / "out", monkeypatch)
    main_window.ctx.set_current_athlete(athlete_id)
    view = main_window.show_view("export")
    qtbot.waitUntil(view.is_current, timeout=20000)

    view.save_action.trigger()

    button = main_window.open_folder
    # The preview keeps rendering pages after the save: wait for all of it, as the other save tests do.
    qtbot.waitUntil(lambda: button.isVisible() and not running_operations(), timeout=20000)
    assert target.exists()
    assert main_window.statusBar().currentMessage().startswith("Saved ")
    button.click()
    assert opened == [QUrl.fromLocalFile(str(target.parent))]


def test_open_folder_goes_with_the_next_message(qtbot, main_window, tmp_path: Path) -> None:
    main_window.ctx.say("Saved 3 pages to x.pdf", str(tmp_path))
    assert main_window.open_folder.isVisible()

    main_window.ctx.say("Something else happened.")

    assert not main_window.open_folder.isVisible()


def test_print_to_a_file_offers_its_folder(
    qtbot, view: ExportView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"
    accept_printing_to(out, monkeypatch)
    folders: list[str] = []
    view.ctx.folder_offered.connect(folders.append)

    view.print_action.trigger()

    qtbot.waitUntil(lambda: folders != [], timeout=20000)
    assert folders == [str(tmp_path)]


def test_ctrl_s_during_a_build_is_taken_and_shown(
    qtbot, view: ExportView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_to(tmp_path / "out", monkeypatch)
    view.paper_box.setCurrentIndex(view.paper_box.findData("letter"))  # a new build starts
    assert view.is_building()

    assert view.save_action.isEnabled()
    view.save_action.trigger()

    assert view.is_saving_later()
    assert view.status_label.text() == "Saving season.pdf as soon as the PDF is built…"


def test_ctrl_s_during_a_build_saves_once_it_ends(
    qtbot, view: ExportView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = save_to(tmp_path / "out", monkeypatch)
    view.paper_box.setCurrentIndex(view.paper_box.findData("letter"))

    view.save_action.trigger()

    qtbot.waitUntil(lambda: target.exists() and not running_operations(), timeout=40000)
    assert tuple(round(x) for x in page_sizes(target)[0]) == (612, 792)  # the options asked for, not the old ones
    assert view.status_label.text().startswith("Saved ")


def test_a_waiting_save_shows_in_the_status_bar_with_cancel(
    qtbot, main_window, athlete_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = save_to(tmp_path / "out", monkeypatch)
    main_window.ctx.set_current_athlete(athlete_id)
    view = main_window.show_view("export")
    qtbot.waitUntil(lambda: view._build is not None, timeout=20000)

    view.save_action.trigger()

    assert main_window.operation_label.isVisible()
    assert main_window.operation_label.text() == "Saving season.pdf as soon as the PDF is built…"
    main_window.operation_cancel.click()
    qtbot.waitUntil(lambda: view.is_current() and not running_operations(), timeout=40000)
    assert not target.exists()
    assert not view.is_saving_later()
