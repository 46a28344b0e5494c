"""The main window: views from the registry, menus and shortcuts, status bar, start-up and screenshots."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from planner.app import display_problem, run_window
from planner.ui.main_window_views import VIEW_NAMES, VIEWS, PlaceholderView, ViewEntry, entry
from planner.ui.settings import Settings
from planner.ui.shortcuts import ShortcutsDialog, all_shortcuts, register_shortcut
from tests.app_process import run_planner


@pytest.mark.sqlite_only("the title is checked against the SQLite file's name (db.path)")
def test_title_names_the_database(main_window, db) -> None:
    assert main_window.windowTitle() == f"Stride Planner — {db.path.name}"
    assert main_window.database_status.text() == str(db.path)


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_each_registered_view_opens(main_window, qtbot, name: str) -> None:
    widget = main_window.show_view(name)
    # A view whose module fails to import becomes the calm placeholder; here that is a failure, not a view.
    assert not isinstance(widget, PlaceholderView), f"the {name} view did not load: {widget.message}"
    assert type(widget).__name__ == entry(name).cls
    assert main_window.stack.currentWidget() is widget
    assert main_window.sidebar.currentRow() == VIEW_NAMES.index(name)
    for method in ("is_ready", "load", "toolbar_actions"):
        assert callable(getattr(widget, method)), method
    qtbot.waitUntil(widget.is_ready, timeout=10_000)
    toolbar = main_window.toolbar.actions()
    assert main_window.actions_.undo in toolbar
    assert all(a in toolbar for a in widget.toolbar_actions())


def test_missing_view_module_gets_a_calm_placeholder(qtbot, ctx) -> None:
    factory = ViewEntry("ghost", "Ghost", "plan", "planner.ui.no_such_view", "GhostView").factory()
    widget = factory(ctx, None)
    qtbot.addWidget(widget)
    assert isinstance(widget, PlaceholderView)
    assert widget.is_ready()
    assert widget.message == "This view is not available yet."


def test_sidebar_and_ctrl_number_switch_views(main_window) -> None:
    main_window.sidebar.setCurrentRow(1)
    assert main_window.current_view_name == VIEWS[1].name
    main_window.actions_.show_view["library"].trigger()
    assert main_window.current_view_name == "library"
    keys = [main_window.actions_.show_view[v.name].shortcut().toString() for v in VIEWS]
    assert keys == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5"]


def test_find_focuses_the_library_search(main_window, qtbot) -> None:
    main_window.activateWindow()
    main_window.actions_.find.trigger()
    search = main_window.findChild(QLineEdit, "library_search")
    qtbot.waitUntil(search.hasFocus, timeout=15_000)


def test_menu_shortcuts_come_from_the_table(main_window) -> None:
    a = main_window.actions_
    assert a.import_library.shortcut() == QKeySequence("Ctrl+I")
    assert a.export_library.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert a.quit.shortcut() == QKeySequence("Ctrl+Q")
    assert a.undo.shortcut() == QKeySequence("Ctrl+Z")
    assert a.redo.shortcuts() == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    assert a.preferences.shortcut() == QKeySequence("Ctrl+,")
    assert a.shortcuts.shortcut() == QKeySequence("F1")


def test_shortcut_dialog_lists_window_and_view_rows(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    register_shortcut("Plan", "Ctrl+R", "Regenerate the plan")
    rows: list[str] = []
    monkeypatch.setattr(
        ShortcutsDialog,
        "exec",
        lambda d: rows.extend(d.table.item(r, 2).text() for r in range(d.table.rowCount())) or 0,
    )
    ShortcutsDialog.show_table(None)
    assert "Regenerate the plan" in rows
    assert "Undo" in rows
    assert "New exercise" in rows  # the library registers its own
    assert len(rows) == len(all_shortcuts())


def test_status_bar_shows_messages_and_the_current_athlete(main_window, qtbot) -> None:
    main_window.ctx.say("Saved")
    assert main_window.statusBar().currentMessage() == "Saved"
    assert main_window.athlete_status.text() == "No athlete selected"
    from planner.domain.athlete import Athlete
    from planner.store.athletes import add_athlete

    athlete_id = add_athlete(main_window.ctx.db, Athlete(name="Zoë Łukasiewicz"))
    main_window.ctx.set_current_athlete(athlete_id)
    assert main_window.athlete_status.text() == "Athlete: Zoë Łukasiewicz"


def test_window_and_splitter_state_are_remembered(main_window, settings: Settings) -> None:
    library = main_window.view("library")
    library.splitter.setSizes([900, 300])
    main_window.close()
    assert not settings.get("window/geometry").isEmpty()
    assert not settings.splitter_state("library", "library_splitter").isEmpty()
    assert settings.get("window/last_view") == "library"


def test_dark_palette_toggle_is_saved(main_window, settings: Settings) -> None:
    from planner.ui.style import apply_style, is_dark

    try:
        main_window.actions_.dark_palette.setChecked(True)
        assert is_dark(QApplication.instance().palette())
        assert settings.get("dark_palette") is True
    finally:
        apply_style(QApplication.instance(), dark=False)


def test_first_run_creates_the_demo_athlete_with_a_plan_once(main_window, settings: Settings) -> None:
    from planner.store.athletes import list_athletes, load_plan
    from planner.ui.main_window_first_run import prepare_first_run, starting_athlete

    db = main_window.ctx.db
    demo_id = prepare_first_run(db, settings)
    assert demo_id is not None
    assert settings.get("first_run_done") is True
    [demo] = list_athletes(db)
    assert demo.id == demo_id
    assert load_plan(db, demo_id).weeks
    assert starting_athlete(db, settings, demo_id) == demo_id
    assert prepare_first_run(db, settings) is None
    assert len(list_athletes(db)) == 1


def test_window_reopens_on_the_last_athlete_shown(main_window, settings: Settings) -> None:
    from planner.domain.athlete import Athlete
    from planner.store.athletes import add_athlete
    from planner.ui.main_window_first_run import starting_athlete

    db = main_window.ctx.db
    first = add_athlete(db, Athlete(name="Ana"))
    second = add_athlete(db, Athlete(name="Ben"))
    assert starting_athlete(db, settings, None) == first
    settings.set("current_athlete", second)
    assert starting_athlete(db, settings, None) == second


def test_no_display_returns_3_without_starting_qt(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert display_problem() is not None
    assert run_window(Namespace(db=None, screenshot=None, view=None)) == 3
    assert "No display found:" in capsys.readouterr().err


def test_screenshot_of_the_library(tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    result = run_planner(tmp_path, "--screenshot", str(out), "--view", "library", db=tmp_path / "shot.db")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 800, 23)}
    assert len(colours) > 10  # not blank: table, sidebar and text


def test_a_file_that_is_not_a_database_exits_2_untouched(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"these are my running notes, not a database\n" * 10)
    before = bogus.read_bytes()
    result = run_planner(tmp_path, "--screenshot", str(tmp_path / "x.png"), db=bogus)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert bogus.read_bytes() == before
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("view", ["library", "athletes", "plan", "wizard", "export"])
def test_every_view_fits_a_1280_by_800_screen(main_window, qtbot, view: str) -> None:
    from planner.export.demo import demo_athlete
    from planner.store.athletes import add_athlete
    from planner.store.plans import regenerate_plan

    athlete_id = add_athlete(main_window.ctx.db, demo_athlete())
    regenerate_plan(main_window.ctx.db, athlete_id)
    main_window.ctx.set_current_athlete(athlete_id)
    shown = main_window.show_view(view)
    qtbot.waitUntil(shown.is_ready, timeout=20_000)
    needed = main_window.minimumSizeHint()
    assert needed.width() <= 1280, f"{view} needs {needed.width()} px"
    assert needed.height() <= 800, f"{view} needs {needed.height()} px"


def _portable(keys: QKeySequence) -> str:
    return keys.toString(QKeySequence.SequenceFormat.PortableText)


def test_every_view_shortcut_is_in_the_f1_table_and_none_clash(main_window, qtbot) -> None:
    from PySide6.QtCore import Qt

    widgets = {}
    for view in VIEWS:  # views register their rows when first imported
        widgets[view.label] = main_window.show_view(view.name)
        qtbot.waitUntil(widgets[view.label].is_ready, timeout=20_000)
    listed: dict[str, set[str]] = {}
    for row in all_shortcuts():
        for keys in row.sequences():
            listed.setdefault(_portable(keys), set()).add(row.area)
    bound: dict[str, list[str]] = {}
    for view in VIEWS:
        widget = widgets[view.label]
        for action in widget.actions():
            for keys in action.shortcuts():
                assert view.label in listed.get(_portable(keys), set()), f"{view.label}: {action.text()} {keys}"
                bound.setdefault(_portable(keys), []).append(view.label)
                if len(listed[_portable(keys)]) > 1:  # shared keys (Ctrl+D, Delete): each view keeps its own
                    assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut, action.text()
    for keys, areas in listed.items():
        assert "Window" not in areas or areas == {"Window"}, f"{keys} is both a window and a view shortcut"
    assert listed["Ctrl+P"] == {"Export"}
    assert {"Ctrl+Shift+N", "Ctrl+D", "Del", "F5", "Ctrl+]", "Ctrl+[", "Ctrl+T", "Esc"} <= set(bound)
    assert listed["Ctrl+Shift+N"] == {"Athletes"} and listed["Ctrl+N"] == {"Library"}


def test_closing_the_window_saves_edits_still_being_typed(main_window, qtbot) -> None:
    from planner.domain.athlete import Athlete
    from planner.store.athletes import add_athlete, get_athlete, load_plan
    from planner.store.plans import regenerate_plan

    db = main_window.ctx.db
    athlete_id = add_athlete(db, Athlete(name="Ana"))
    regenerate_plan(db, athlete_id)
    main_window.ctx.set_current_athlete(athlete_id)
    athletes = main_window.show_view("athletes")
    qtbot.waitUntil(athletes.is_ready)
    athletes.editor.name_edit.setText("Ana Sousa")  # typed, the field never left
    plan = main_window.show_view("plan")
    qtbot.waitUntil(plan.is_ready)
    session = next(s for w in plan.plan.weeks for s in w.sessions if s.exercises)
    plan.open_session(session)
    row = plan.panel.rows[0]
    row.spins["sets"].setValue(row.exercise.dose.sets + 1)  # still waiting out its pause
    assert row.pending()
    main_window.close()
    assert get_athlete(db, athlete_id).athlete.name == "Ana Sousa"
    saved = next(s for w in load_plan(db, athlete_id).weeks for s in w.sessions if s.key == session.key)
    assert saved.exercises[0].dose.sets == session.exercises[0].dose.sets + 1


def test_clicking_the_sidebar_hands_the_keyboard_to_the_view(main_window, qtbot) -> None:
    from PySide6.QtCore import Qt

    from planner.ui.main_window_views import VIEWS

    main_window.show()
    qtbot.waitExposed(main_window)
    row = [v.name for v in VIEWS].index("athletes")
    rect = main_window.sidebar.visualItemRect(main_window.sidebar.item(row))
    qtbot.mouseClick(main_window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.current_view_name == "athletes"
    view = main_window.current_view()
    focused = QApplication.focusWidget()
    assert focused is view or view.isAncestorOf(focused)
