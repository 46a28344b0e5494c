"""Club mode in the window: another coach's save stops ours with Reload / Keep mine / Save as a copy (nothing is
lost either way), the window notices others' saves and refreshes, Preferences tests a connection off the UI
thread. Two coaches are two handles on one database; the dialog's exec is patched (it never waits here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from planner.domain.athlete import Athlete, Phase
from planner.domain.conflict import ChangedBy, EditConflict
from planner.domain.exercise import Dose
from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week
from planner.store import athletes as store
from planner.store.database import Database
from planner.ui.athlete_commands import EditAthlete
from planner.ui.conflict_dialog import ConflictDialog, Resolution
from planner.ui.context import AppContext
from planner.ui.settings import Settings
from tests.ui.club import choosing

DAY = dt.date(2027, 1, 4)


def edit_over_bens_change(qtbot, ctx: AppContext, other: Database) -> tuple[int, Athlete]:
    """Anna opens Maya; Ben saves a note; Anna saves hers. Returns (athlete id, Anna's version)."""
    athlete_id = store.add_athlete(ctx.db, Athlete(name="Maya", note="start"))
    opened = store.get_athlete(ctx.db, athlete_id)
    bens = store.get_athlete(other, athlete_id)
    store.update_athlete(other, athlete_id, replace(bens.athlete, note="ben's note"), expected_version=bens.version)
    annas = replace(opened.athlete, note="anna's note")
    command = EditAthlete(ctx, athlete_id, opened.athlete, annas, expected_version=opened.version)
    ctx.undo_stack.push(command)
    assert command.error is not None and "changed by ben" in command.error
    return athlete_id, annas


def test_reload_shows_the_other_coachs_version(qtbot, ctx: AppContext, other_coach, monkeypatch) -> None:
    shown = choosing(monkeypatch, Resolution.RELOAD)
    with qtbot.waitSignal(ctx.athletes_changed, timeout=15_000):
        athlete_id, _annas = edit_over_bens_change(qtbot, ctx, other_coach)
    assert "Maya" in shown[0].text and "changed by ben" in shown[0].text
    assert store.get_athlete(ctx.db, athlete_id).athlete.note == "ben's note"
    assert ctx.undo_stack.count() == 0  # the refused save is not on the undo stack


def test_keep_mine_saves_over_it_knowingly(qtbot, ctx: AppContext, other_coach, monkeypatch) -> None:
    choosing(monkeypatch, Resolution.KEEP_MINE)
    athlete_id, _annas = edit_over_bens_change(qtbot, ctx, other_coach)
    qtbot.waitUntil(lambda: store.get_athlete(ctx.db, athlete_id).athlete.note == "anna's note", timeout=15_000)
    ctx.undo_stack.undo()  # and Ctrl+Z gives Ben's note back
    assert store.get_athlete(ctx.db, athlete_id).athlete.note == "ben's note"


def test_save_as_a_copy_keeps_both(qtbot, ctx: AppContext, other_coach, monkeypatch) -> None:
    choosing(monkeypatch, Resolution.SAVE_COPY)
    edit_over_bens_change(qtbot, ctx, other_coach)
    qtbot.waitUntil(lambda: len(store.list_athletes(ctx.db)) == 2, timeout=15_000)
    notes = {a.athlete.name: a.athlete.note for a in store.list_athletes(ctx.db)}
    assert notes == {"Maya": "ben's note", "Maya (copy)": "anna's note"}


def test_an_undo_over_a_newer_edit_of_someone_else_is_refused_and_said(qtbot, ctx: AppContext, other_coach) -> None:
    athlete_id = store.add_athlete(ctx.db, Athlete(name="Maya", note="start"))
    opened = store.get_athlete(ctx.db, athlete_id)
    ctx.undo_stack.push(
        EditAthlete(
            ctx, athlete_id, opened.athlete, replace(opened.athlete, note="anna's"), expected_version=opened.version
        )
    )
    now = store.get_athlete(other_coach, athlete_id)
    store.update_athlete(other_coach, athlete_id, replace(now.athlete, note="ben's"), expected_version=now.version)
    with qtbot.waitSignal(ctx.status_message, timeout=15_000) as said:
        ctx.undo_stack.undo()
    assert "changed by ben" in said.args[0]
    assert store.get_athlete(ctx.db, athlete_id).athlete.note == "ben's"


def test_the_dialog_names_who_changed_what_and_offers_three_choices(qtbot) -> None:
    conflict = EditConflict("athlete", 3, "The athlete 'Maya'", ChangedBy("ben", None, 4))
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    texts = [b.text().replace("&", "") for b in (dialog.reload_button, dialog.keep_button, dialog.copy_button)]
    assert texts == ["Reload", "Keep mine", "Save as a copy"]
    dialog.keep_button.click()
    assert dialog.choice is Resolution.KEEP_MINE and dialog.result() == QDialog.DialogCode.Accepted


# -- noticing other coaches' saves ----------------------------------------------------------------------------


def test_the_window_notices_another_coachs_save(qtbot, ctx: AppContext, other_coach) -> None:
    from planner.ui.remote_changes import RemoteChanges

    watcher = RemoteChanges(ctx, interval_ms=50)
    qtbot.waitUntil(lambda: watcher.seen is not None, timeout=15_000)
    with qtbot.waitSignal(ctx.athletes_changed, timeout=15_000):
        store.add_athlete(other_coach, Athlete(name="New runner"))
    watcher.stop()
    qtbot.waitUntil(lambda: not watcher._asking, timeout=15_000)


def test_a_refresh_waits_while_the_coach_is_typing(qtbot, ctx: AppContext, other_coach) -> None:
    from planner.ui.remote_changes import RemoteChanges

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=15_000)
    watcher = RemoteChanges(ctx, interval_ms=50)
    qtbot.waitUntil(lambda: watcher.seen is not None, timeout=15_000)
    announced: list[bool] = []
    ctx.athletes_changed.connect(lambda: announced.append(True))
    store.add_athlete(other_coach, Athlete(name="New runner"))
    qtbot.waitUntil(lambda: "athlete" in watcher.waiting, timeout=15_000)
    assert announced == []  # held back while the field has the focus
    field.clearFocus()
    qtbot.waitUntil(lambda: announced == [True], timeout=15_000)
    watcher.stop()
    qtbot.waitUntil(lambda: not watcher._asking, timeout=15_000)
    field.close()


# -- Preferences ▸ Database -----------------------------------------------------------------------------------


@pytest.mark.sqlite_only("Test connection's words for an SQLite file (db.path)")
def test_test_connection_says_what_the_database_is(qtbot, settings: Settings, db: Database) -> None:
    from planner.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.database.setText(str(db.path))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10_000)
    assert "an SQLite file, schema" in dialog.connection_status.text()


def test_test_connection_says_why_a_server_cannot_be_used(qtbot, settings: Settings) -> None:
    from planner.ui.preferences_dialog import PreferencesDialog
    from tests.store.pg import free_port

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.database.setText(f"postgresql://anna:s3cret@127.0.0.1:{free_port()}/club")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15_000)
    status = dialog.connection_status.text()
    assert "cannot be reached" in status and "s3cret" not in status


def test_a_password_typed_into_the_url_is_not_saved(qtbot, settings: Settings, tmp_path: Path) -> None:
    from planner.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.database.setText("postgresql://anna:s3cret@club.example/stride")
    assert dialog.values()["default_database"] == "postgresql://anna@club.example/stride"


# -- two coaches, one dose (the "done when") ---------------------------------------------------------


def plan_with_calf_raise(ctx: AppContext) -> tuple[int, str, PlannedExercise]:
    athlete_id = store.add_athlete(ctx.db, Athlete(name="Maya"))
    shown = PlannedExercise("calf-raise", "Calf raise", Dose(sets=3, reps=12))
    session = Session(date=DAY, kind=SessionKind.STRENGTH, title="Strength A", why="Easy day", exercises=(shown,))
    week = Week(index=1, start=DAY, phase=Phase.OFF_SEASON, sessions=(session,))
    store.save_plan(ctx.db, athlete_id, Plan(athlete="Maya", start=DAY, weeks=(week,)), weeks=1)
    return athlete_id, session.key, shown


def both_change_the_dose(ctx: AppContext, other: Database) -> tuple[int, str, PlannedExercise, PlannedExercise]:
    """Anna and Ben both see 3x12; Ben saves 2x15, then Anna (in the window) saves 4x12."""
    from planner.ui.plan_commands import SetDoseCommand

    athlete_id, key, shown = plan_with_calf_raise(ctx)
    bens = replace(shown, dose=Dose(sets=2, reps=15))
    store.change_dose(other, athlete_id, key, bens, bens, expected=shown)
    annas = replace(shown, dose=Dose(sets=4, reps=12))
    ctx.undo_stack.push(SetDoseCommand(ctx, athlete_id, key, shown, annas))
    return athlete_id, key, bens, annas


def dose_of(db: Database, athlete_id: int, key: str) -> Dose:
    plan = store.load_plan(db, athlete_id)
    return next(e for s in plan.weeks[0].sessions if s.key == key for e in s.exercises).dose


def test_second_dose_save_is_stopped_and_reload_keeps_the_first(qtbot, ctx: AppContext, other_coach, monkeypatch):
    shown = choosing(monkeypatch, Resolution.RELOAD)
    athlete_id, key, bens, _annas = both_change_the_dose(ctx, other_coach)
    qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    assert "Calf raise" in shown[0].text and "changed by ben" in shown[0].text
    assert dose_of(ctx.db, athlete_id, key) == bens.dose
    assert ctx.undo_stack.count() == 0


def test_second_dose_save_keep_mine_overwrites_and_undo_gives_theirs_back(
    qtbot, ctx: AppContext, other_coach, monkeypatch
):
    choosing(monkeypatch, Resolution.KEEP_MINE)
    athlete_id, key, bens, annas = both_change_the_dose(ctx, other_coach)
    qtbot.waitUntil(lambda: dose_of(ctx.db, athlete_id, key) == annas.dose, timeout=15_000)
    ctx.undo_stack.undo()
    assert dose_of(ctx.db, athlete_id, key) == bens.dose


def test_second_dose_save_as_a_copy_keeps_both(qtbot, ctx: AppContext, other_coach, monkeypatch):
    choosing(monkeypatch, Resolution.SAVE_COPY)
    athlete_id, key, bens, annas = both_change_the_dose(ctx, other_coach)
    qtbot.waitUntil(lambda: len(store.list_athletes(ctx.db)) == 2, timeout=15_000)
    copy = next(a for a in store.list_athletes(ctx.db) if a.athlete.name == "Maya (copy)")
    assert dose_of(ctx.db, athlete_id, key) == bens.dose
    assert dose_of(ctx.db, copy.id, key) == annas.dose
    assert store.dose_edits(ctx.db, copy.id)[(key, "calf-raise")] == annas
