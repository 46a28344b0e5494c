"""Two coaches typing one athlete's log in the window: a cell another coach typed or changed meanwhile stops the
save with Reload / Keep mine (no copy: the log holds one answer per day, exercise and side, as the dialog says),
and an undo never writes over their newer entry. The dialog's exec is patched (it never waits here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.domain.athlete import Athlete
from planner.domain.training_log import LogEntry
from planner.paths import resources_dir
from planner.store import athletes
from planner.store.database import Database
from planner.store.plans import regenerate_plan
from planner.store.training_log import log_entries, replace_entries
from planner.ui.conflict_dialog import Resolution
from planner.ui.log_grid import SETS_L, LogPanel, key_of, sides_of
from tests.ui.club import choosing

START = dt.date(2026, 11, 16)


@pytest.fixture
def panel(qtbot, ctx) -> LogPanel:
    import json

    data = json.loads((resources_dir() / "examples" / "athlete_zoe.json").read_text(encoding="utf-8"))
    athlete_id = athletes.add_athlete(ctx.db, Athlete.from_dict(data))
    regenerate_plan(ctx.db, athlete_id, start=START, weeks=3)
    widget = LogPanel(ctx)
    qtbot.addWidget(widget)
    widget.show_week(athlete_id, athletes.load_plan(ctx.db, athlete_id), 1)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def first_exercise(panel: LogPanel) -> tuple[int, tuple[dt.date, str, str]]:
    row = next(r for r, item in enumerate(panel.model.rows) if item.exercise is not None)
    item = panel.model.rows[row]
    return row, key_of(item.session.date, item.exercise.id, sides_of(item.exercise)[0])


def ben_types_first(panel: LogPanel, other: Database) -> LogEntry:
    """Ben logs 1 set of the week's first exercise; Anna's grid, opened before, still shows nothing there."""
    row, (day, exercise, _side) = first_exercise(panel)
    bens = LogEntry(day, exercise, 1, sides_of(panel.model.rows[row].exercise)[0])
    replace_entries(other, panel.athlete_id, (), [bens], expected={bens.key: None})
    return bens


def anna_ticks_every_set(panel: LogPanel) -> None:
    row, _key = first_exercise(panel)
    panel.grid.setFocus()
    panel.grid.setCurrentIndex(panel.model.index(row, SETS_L))
    QTest.keyClick(panel.grid, Qt.Key.Key_Space)


def test_a_cell_another_coach_typed_meanwhile_is_refused_and_reload_shows_theirs(
    qtbot, ctx, panel: LogPanel, other_coach, monkeypatch
) -> None:
    shown = choosing(monkeypatch, Resolution.RELOAD)
    bens = ben_types_first(panel, other_coach)
    anna_ticks_every_set(panel)
    qtbot.waitUntil(lambda: panel.model.entries.get(bens.key) == bens, timeout=15_000)
    assert "changed by ben" in shown[0].text
    assert log_entries(ctx.db, panel.athlete_id) == (bens,)
    assert ctx.undo_stack.count() == 0  # the refused save is not on the undo stack


def test_the_dialog_offers_no_copy_for_a_log_entry_and_says_why(qtbot, ctx, panel: LogPanel, other_coach, monkeypatch):
    shown = choosing(monkeypatch, Resolution.RELOAD)
    ben_types_first(panel, other_coach)
    anna_ticks_every_set(panel)
    qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    assert not shown[0].can_copy
    assert "cannot be saved as a copy" in shown[0].text


def test_keep_mine_puts_annas_entry_over_bens_and_undo_gives_his_back(
    qtbot, ctx, panel: LogPanel, other_coach, monkeypatch
) -> None:
    choosing(monkeypatch, Resolution.KEEP_MINE)
    bens = ben_types_first(panel, other_coach)
    sets = panel.model.rows[first_exercise(panel)[0]].exercise.dose.sets
    anna_ticks_every_set(panel)
    qtbot.waitUntil(lambda: log_entries(ctx.db, panel.athlete_id)[0].sets_done == sets, timeout=15_000)
    ctx.undo_stack.undo()
    assert log_entries(other_coach, panel.athlete_id) == (bens,)


def test_an_undo_over_a_newer_entry_of_another_coach_is_refused_and_said(qtbot, ctx, panel: LogPanel, other_coach):
    anna_ticks_every_set(panel)
    (annas,) = log_entries(ctx.db, panel.athlete_id)
    bens = replace(annas, pain_during=5)
    replace_entries(other_coach, panel.athlete_id, (), [bens], expected={annas.key: annas})
    with qtbot.waitSignal(ctx.status_message, timeout=15_000) as said:
        ctx.undo_stack.undo()
    assert "changed by ben" in said.args[0]
    assert log_entries(ctx.db, panel.athlete_id) == (bens,)
    qtbot.waitUntil(lambda: panel.model.entries.get(bens.key) == bens, timeout=15_000)  # the grid shows his
