"""Two coaches and the Plan view: Regenerate and Reset edits start from the plan the view shows, so a plan another
coach saved after the view read it (before the window's refresh showed it) stops them with Reload / Keep mine.
Two handles on one database play the coaches; the dialogs' exec is patched (they never wait here)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from planner.store import athletes as store
from planner.store.database import Database
from planner.store.plans import regenerate_plan
from planner.ui.conflict_dialog import Resolution
from planner.ui.context import AppContext
from planner.ui.plan_view import PlanView
from tests.ui.club import START, choosing, settle


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, maya: int) -> PlanView:
    ctx.set_current_athlete(maya)
    plan_view = PlanView(ctx)
    qtbot.addWidget(plan_view)
    plan_view.resize(1280, 800)
    plan_view.show()
    plan_view.load()
    qtbot.waitUntil(plan_view.is_ready)
    assert len(plan_view.plan.weeks) == 10
    return plan_view


def test_regenerate_over_a_plan_another_coach_saved_after_the_view_showed_it_is_stopped_and_reload_keeps_his(
    qtbot, ctx: AppContext, other_coach: Database, maya: int, view: PlanView, monkeypatch
) -> None:
    shown = choosing(monkeypatch, Resolution.RELOAD)
    regenerate_plan(other_coach, maya, start=START, weeks=6)  # Ben's save, before Anna's window refreshed
    bens = store.plan_version(other_coach, maya)

    view.regenerate_action.trigger()

    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "plan of 'Maya' was changed by ben" in shown[0].text
    settle(qtbot, ctx, maya)
    assert store.plan_version(ctx.db, maya) == bens and len(store.load_plan(ctx.db, maya).weeks) == 6
    assert ctx.undo_stack.count() == 0
    qtbot.waitUntil(lambda: view.plan is not None and len(view.plan.weeks) == 6)  # Reload shows Ben's plan


def test_reset_edits_over_a_plan_another_coach_saved_after_the_view_showed_it_is_stopped_and_keeps_the_edits(
    qtbot, ctx: AppContext, other_coach: Database, maya: int, view: PlanView, monkeypatch
) -> None:
    shown = choosing(monkeypatch, Resolution.RELOAD)
    session = next(s for week in view.plan.weeks for s in week.sessions if s.exercises)
    edited = session.exercises[0]
    store.set_dose_edit(ctx.db, maya, session.key, edited)  # Anna's own dose edit, to be reset
    regenerate_plan(other_coach, maya, start=START, weeks=6)  # Ben's save, before Anna's window refreshed
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Reset)

    view.reset_action.trigger()

    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "plan of 'Maya' was changed by ben" in shown[0].text
    settle(qtbot, ctx, maya)
    assert len(store.load_plan(ctx.db, maya).weeks) == 6
    assert (session.key, edited.id) in store.dose_edits(ctx.db, maya)


def test_regenerate_after_the_view_showed_another_coachs_plan_goes_through(
    qtbot, ctx: AppContext, other_coach: Database, maya: int, view: PlanView
) -> None:
    regenerate_plan(other_coach, maya, start=START, weeks=6)
    ctx.plan_changed.emit(maya)  # the window's refresh: Anna now sees Ben's plan
    assert len(view.plan.weeks) == 6

    view.regenerate_action.trigger()

    qtbot.waitUntil(lambda: ctx.undo_stack.count() == 1, timeout=20000)
    assert store.load_plan(ctx.db, maya).weeks == view.plan.weeks
