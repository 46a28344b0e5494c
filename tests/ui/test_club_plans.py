"""Two coaches and one athlete's check and plan in the window: recording a symptom check over another coach's newer
check, and a Regenerate over a plan another coach saved while it was being built, stop with Reload / Keep mine (no
copy: a check and a plan belong to their runner, as the dialog says). Two handles on one file play the coaches; the
dialog's exec is patched (it never waits here)."""

from __future__ import annotations

from planner.store import athletes as store
from planner.store.database import Database
from planner.store.plans import regenerate_plan
from planner.ui.conflict_dialog import Resolution
from planner.ui.context import AppContext
from planner.ui.plan_commands import regenerate
from planner.ui.undo import push
from planner.ui.wizard_commands import SetWizardAnswers
from tests.ui.club import START, choosing, settle

ITBS = {"pain_regions": ["knee_outside"], "aggravators": ["downhill"]}
BENS = {"pain_regions": ["achilles"], "aggravators": ["hills"]}


# -- the symptom check ------------------------------------------------------------------------------------------


def anna_records_over_bens_check(ctx: AppContext, other: Database, athlete_id: int) -> SetWizardAnswers:
    """Anna starts a check (nothing on record); Ben records his; Anna's check is then recorded."""
    seen = (None, None)
    store.set_wizard_answers(other, athlete_id, BENS, START, expected=seen)
    command = SetWizardAnswers(ctx, athlete_id, ITBS, checked_on=START, seen=seen)
    push(ctx, command)
    return command


def test_a_check_over_another_coachs_newer_check_is_stopped_and_reload_keeps_his(
    qtbot, ctx: AppContext, other_coach, maya: int, monkeypatch
) -> None:
    shown = choosing(monkeypatch, Resolution.RELOAD)
    command = anna_records_over_bens_check(ctx, other_coach, maya)
    qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    assert "symptom check of 'Maya' was changed by ben" in shown[0].text
    assert not shown[0].can_copy and "belongs to its runner" in shown[0].text
    assert command.error is not None and ctx.undo_stack.count() == 0
    assert store.get_athlete(ctx.db, maya).athlete.wizard_answers == BENS


def test_keep_mine_records_annas_check_and_undo_gives_bens_back(
    qtbot, ctx: AppContext, other_coach, maya: int, monkeypatch
) -> None:
    choosing(monkeypatch, Resolution.KEEP_MINE)
    anna_records_over_bens_check(ctx, other_coach, maya)
    qtbot.waitUntil(lambda: store.get_athlete(ctx.db, maya).athlete.wizard_answers == ITBS, timeout=15_000)
    settle(qtbot, ctx, maya)
    ctx.undo_stack.undo()
    assert store.get_athlete(other_coach, maya).athlete.wizard_answers == BENS
    settle(qtbot, ctx, maya)


def test_undoing_a_check_over_another_coachs_newer_one_is_refused_and_said(
    qtbot, ctx: AppContext, other_coach, maya: int
) -> None:
    push(ctx, SetWizardAnswers(ctx, maya, ITBS, checked_on=START))
    settle(qtbot, ctx, maya)
    store.set_wizard_answers(other_coach, maya, BENS, START, expected=(ITBS, START))
    with qtbot.waitSignal(ctx.status_message, timeout=15_000) as said:
        ctx.undo_stack.undo()
    assert "changed by ben" in said.args[0]
    assert store.get_athlete(ctx.db, maya).athlete.wizard_answers == BENS


# -- Regenerate --------------------------------------------------------------------------------------------------


def anna_regenerates_while_ben_does(ctx: AppContext, other: Database, athlete_id: int) -> int:
    """Anna presses Regenerate; before her plan is built and saved, Ben regenerates (his save lands first).
    Returns the version of Ben's plan."""
    regenerate(ctx, athlete_id, start=START, weeks=10)
    regenerate_plan(other, athlete_id, start=START, weeks=6)  # on the UI thread: Anna's save cannot come first
    return store.plan_version(other, athlete_id)


def test_a_regenerate_over_a_plan_another_coach_saved_meanwhile_is_stopped_and_reload_keeps_his(
    qtbot, ctx: AppContext, other_coach, maya: int, monkeypatch
) -> None:
    shown = choosing(monkeypatch, Resolution.RELOAD)
    bens = anna_regenerates_while_ben_does(ctx, other_coach, maya)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "plan of 'Maya' was changed by ben" in shown[0].text
    assert not shown[0].can_copy
    assert store.plan_version(ctx.db, maya) == bens and len(store.load_plan(ctx.db, maya).weeks) == 6
    assert ctx.undo_stack.count() == 0


def test_keep_mine_saves_annas_regenerated_plan_and_undo_gives_bens_back(
    qtbot, ctx: AppContext, other_coach, maya: int, monkeypatch
) -> None:
    choosing(monkeypatch, Resolution.KEEP_MINE)
    anna_regenerates_while_ben_does(ctx, other_coach, maya)
    qtbot.waitUntil(lambda: len(store.load_plan(ctx.db, maya).weeks) == 10, timeout=20000)
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert len(store.load_plan(other_coach, maya).weeks) == 6


def test_a_regenerate_with_only_the_coachs_own_saves_meanwhile_goes_through(qtbot, ctx: AppContext, maya: int) -> None:
    regenerate(ctx, maya, start=START, weeks=10)
    regenerate_plan(ctx.db, maya, start=START, weeks=6)  # this coach's own save (a rebuild that followed the log)
    qtbot.waitUntil(lambda: ctx.undo_stack.count() == 1, timeout=20000)
    assert len(store.load_plan(ctx.db, maya).weeks) == 10


def test_the_check_window_stops_a_hold_over_a_check_another_coach_recorded_after_it_opened(
    qtbot, ctx: AppContext, other_coach, maya: int, monkeypatch
) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QWizard

    from planner.ui.wizard_pages import PAGE_RESULT
    from planner.ui.wizard_window import open_wizard

    shown = choosing(monkeypatch, Resolution.RELOAD)
    ctx.set_current_athlete(maya)
    wizard = open_wizard(ctx, None)  # Anna starts a check of Maya: nothing on record
    try:
        qtbot.waitExposed(wizard)
        store.set_wizard_answers(other_coach, maya, BENS, START, expected=(None, None))  # Ben records his
        box = wizard.red_flag_page.flags["trauma_cannot_bear_weight"].box
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert wizard.currentId() == PAGE_RESULT  # urgent: the window tries to hold Maya's plan at once
        qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
        assert "symptom check of 'Maya' was changed by ben" in shown[0].text
        assert "changed by ben" in wizard.result_page.feedback.text()
        assert store.get_athlete(ctx.db, maya).athlete.wizard_answers == BENS
    finally:
        wizard.close()
