"""The Plan view: the season grid, the session panel, dose edits, regenerate and reset."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from planner.domain.athlete import Athlete, DayKind, Priority, Race
from planner.domain.plan import Plan, Session
from planner.store.athletes import add_athlete, dose_edits, get_athlete, load_plan
from planner.store.plans import regenerate_plan
from planner.ui.athlete_commands import EditAthlete
from planner.ui.context import AppContext
from planner.ui.plan_model import FIRST_DAY_COLUMN, PlanModel
from planner.ui.plan_rebuilds import plan_rebuilds
from planner.ui.plan_view import PlanView

START = dt.date(2027, 1, 4)  # a Monday
WEEKS = 16


def zoe() -> Athlete:
    marathon = START + dt.timedelta(weeks=WEEKS - 2, days=6)
    return Athlete(
        name="Zoë Łukasiewicz",
        equipment=frozenset({"band", "step", "dumbbell", "mat", "wall"}),
        races=(
            Race(marathon - dt.timedelta(weeks=6), "City Half", Priority.B),
            Race(marathon, "Spring Marathon", Priority.A),
        ),
    )


@pytest.fixture
def athlete_id(ctx: AppContext) -> int:
    new_id = add_athlete(ctx.db, zoe())
    regenerate_plan(ctx.db, new_id, start=START, weeks=WEEKS)
    return new_id


def make_view(qtbot: Any, ctx: AppContext) -> PlanView:
    view = PlanView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.load()
    qtbot.waitUntil(view.is_ready)
    return view


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, athlete_id: int) -> PlanView:
    ctx.set_current_athlete(athlete_id)
    return make_view(qtbot, ctx)


def rebuilt(qtbot: Any, ctx: AppContext, athlete_id: int) -> None:
    """Wait for the plan being built off the UI thread to be saved (or given up)."""
    qtbot.waitUntil(lambda: not plan_rebuilds(ctx).pending(athlete_id), timeout=20_000)


def first_strength(plan: Plan) -> tuple[int, int, Session]:
    """(row, column, session) of the first strength session, and its card must be the first of the day."""
    for row, week in enumerate(plan.weeks):
        for session in week.sessions:
            if session.kind.value == "strength" and week.sessions_on(session.date)[0] == session:
                return row, FIRST_DAY_COLUMN + session.date.weekday(), session
    raise AssertionError("no strength session")


def test_plan_model_passes_the_model_tester(qtbot: Any, ctx: AppContext, athlete_id: int) -> None:
    model = PlanModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_plan(load_plan(ctx.db, athlete_id), get_athlete(ctx.db, athlete_id).athlete)
    assert model.rowCount() == WEEKS
    assert model.index(0, 0).data().startswith("Week 1\n4–10 Jan")
    model.set_plan(None)
    assert model.rowCount() == 0


def test_no_athlete_shows_a_calm_empty_state(qtbot: Any, ctx: AppContext) -> None:
    view = make_view(qtbot, ctx)
    assert view.stack.currentIndex() == 0
    assert view.empty_add_button.isVisible()


def test_shows_one_row_per_week_of_the_saved_plan(view: PlanView) -> None:
    assert view.grid.model().rowCount() == WEEKS
    assert view.name_label.text() == "Zoë Łukasiewicz"
    assert view.summary_label.text().startswith(f"{WEEKS} weeks from 04 Jan 2027")


def test_an_athlete_without_a_plan_gets_one_on_load(qtbot: Any, ctx: AppContext) -> None:
    new_id = add_athlete(ctx.db, zoe())
    ctx.set_current_athlete(new_id)
    view = make_view(qtbot, ctx)
    assert load_plan(ctx.db, new_id) is not None
    assert view.grid.model().rowCount() >= 12


def test_the_race_day_reads_as_the_race(view: PlanView) -> None:
    marathon = zoe().races[1].date
    row = (marathon - START).days // 7
    text = view.grid.model().index(row, FIRST_DAY_COLUMN + 6).data()
    assert text.startswith("Race: Spring Marathon")


def test_clicking_a_session_opens_its_exercises(qtbot: Any, view: PlanView) -> None:
    row, column, session = first_strength(view.plan)
    view.grid.scrollTo(view.grid.model().index(row, column))
    qtbot.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=view.grid.card_center(row, column))
    qtbot.waitUntil(lambda: view.panel.session is not None)
    assert view.panel.session.key == session.key
    assert [r.exercise.id for r in view.panel.rows] == [e.id for e in session.exercises]
    assert view.panel.why_label.text() == session.why


def test_enter_opens_the_session_of_the_current_day_and_ctrl_bracket_moves_weeks(qtbot: Any, view: PlanView) -> None:
    row, column, session = first_strength(view.plan)
    view.grid.setCurrentIndex(view.grid.model().index(row, column))
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Return)
    assert view.panel.session.key == session.key
    qtbot.keyClick(view.grid, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert view.grid.currentIndex().row() == row + 1


def edit_first_sets(qtbot: Any, view: PlanView) -> tuple[Session, int]:
    _row, _column, session = first_strength(view.plan)
    view.open_session(session)
    exercise_row = view.panel.rows[0]
    old_sets = exercise_row.exercise.dose.sets
    exercise_row.spins["sets"].setValue(old_sets + 2)
    exercise_row.spins["sets"].editingFinished.emit()
    return session, old_sets


def sets_in_plan(ctx: AppContext, athlete_id: int, session: Session) -> int:
    plan = load_plan(ctx.db, athlete_id)
    saved = next(s for w in plan.weeks for s in w.sessions if s.key == session.key)
    return saved.exercises[0].dose.sets


def test_a_dose_edit_is_kept_and_survives_regenerate(
    qtbot: Any, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    session, old_sets = edit_first_sets(qtbot, view)
    edits = dose_edits(ctx.db, athlete_id)
    assert edits[(session.key, session.exercises[0].id)].dose.sets == old_sets + 2
    assert view.panel.edited_label.isVisible()
    row = next(i for i, w in enumerate(view.plan.weeks) if any(s.key == session.key for s in w.sessions))
    day_text = view.grid.model().index(row, FIRST_DAY_COLUMN + session.date.weekday()).data()
    assert f"{session.title} · " in day_text and "(edited)" in day_text
    view.regenerate_action.trigger()
    rebuilt(qtbot, ctx, athlete_id)
    assert ctx.undo_stack.undoText() == "Regenerate plan"
    assert sets_in_plan(ctx, athlete_id, session) == old_sets + 2


def test_undo_of_a_dose_edit_restores_the_old_dose(
    qtbot: Any, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    session, old_sets = edit_first_sets(qtbot, view)
    ctx.undo_stack.undo()
    assert sets_in_plan(ctx, athlete_id, session) == old_sets
    assert dose_edits(ctx.db, athlete_id) == {}
    assert view.panel.rows[0].spins["sets"].value() == old_sets


def test_reset_edits_asks_then_forgets_them(
    qtbot: Any, view: PlanView, ctx: AppContext, athlete_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, old_sets = edit_first_sets(qtbot, view)
    asked: list[str] = []

    def answer(*args: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Reset

    monkeypatch.setattr(QMessageBox, "question", answer)
    view.reset_action.trigger()
    rebuilt(qtbot, ctx, athlete_id)
    assert "1 dose change" in asked[0]
    assert dose_edits(ctx.db, athlete_id) == {}
    assert sets_in_plan(ctx, athlete_id, session) == old_sets
    ctx.undo_stack.undo()  # the reset itself can be taken back
    assert len(dose_edits(ctx.db, athlete_id)) == 1


def test_changing_the_running_week_rebuilds_the_plan(
    qtbot: Any, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    before = get_athlete(ctx.db, athlete_id).athlete
    after = Athlete(
        **{
            **{f: getattr(before, f) for f in before.__slots__},
            "week": {**before.week, "mon": DayKind.LONG, "sat": DayKind.EASY},
        }
    )
    with qtbot.waitSignal(ctx.plan_changed):
        ctx.undo_stack.push(EditAthlete(ctx, athlete_id, before, after))
    assert load_plan(ctx.db, athlete_id).weeks[0].runs["mon"] == "long"
    assert view.grid.model().index(0, FIRST_DAY_COLUMN).data().startswith("Long run")


def test_a_scheduler_failure_is_said_calmly_and_changes_nothing(
    qtbot: Any, view: PlanView, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Plan:
        raise RuntimeError("scheduler bug")

    monkeypatch.setattr("planner.store.plans.build_plan", broken)
    said: list[str] = []
    ctx.status_message.connect(said.append)
    view.regenerate_action.trigger()
    qtbot.waitUntil(lambda: said != [], timeout=20_000)
    assert ctx.undo_stack.count() == 0
    from planner.logs import log_path

    assert said == [f"The plan could not be regenerated; details are in {log_path()}."]
    assert view.grid.model().rowCount() == WEEKS


def test_escape_closes_the_session_panel(qtbot: Any, view: PlanView) -> None:
    _row, _column, session = first_strength(view.plan)
    view.open_session(session)
    assert view.panel.isVisible()
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Escape)
    assert not view.panel.isVisible()


def test_redo_of_a_dose_edit_writes_it_again(qtbot: Any, view: PlanView, ctx: AppContext, athlete_id: int) -> None:
    session, old_sets = edit_first_sets(qtbot, view)
    ctx.undo_stack.undo()
    ctx.undo_stack.redo()
    assert sets_in_plan(ctx, athlete_id, session) == old_sets + 2
    assert dose_edits(ctx.db, athlete_id)[(session.key, session.exercises[0].id)].dose.sets == old_sets + 2


def test_undo_and_redo_of_a_new_plan_length_go_back_to_the_database(
    qtbot: Any, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    view.weeks_spin.setValue(WEEKS + 4)
    view.weeks_spin.editingFinished.emit()
    rebuilt(qtbot, ctx, athlete_id)
    assert len(load_plan(ctx.db, athlete_id).weeks) == WEEKS + 4
    ctx.undo_stack.undo()
    assert len(load_plan(ctx.db, athlete_id).weeks) == WEEKS
    assert view.weeks_spin.value() == WEEKS
    ctx.undo_stack.redo()
    assert len(load_plan(ctx.db, athlete_id).weeks) == WEEKS + 4


# --- The plan obeys the symptom check (issue #12) ------------------------------------------------

HOT_KNEE = {"pain_regions": ["knee_front"], "red_flags": ["hot_red_swollen_joint_or_fever"]}
KNEECAP = {"pain_regions": ["knee_front"], "aggravators": ["squatting", "stairs_down", "prolonged_sitting"]}


def _checked_athlete(ctx: AppContext, answers: dict, checked_on: dt.date) -> int:
    from dataclasses import replace

    new_id = add_athlete(ctx.db, replace(zoe(), wizard_answers=answers, wizard_checked_on=checked_on))
    regenerate_plan(ctx.db, new_id, start=START, weeks=WEEKS)
    ctx.set_current_athlete(new_id)
    return new_id


def test_a_held_plan_shows_the_hold_banner_at_the_top(qtbot, ctx):
    _checked_athlete(ctx, HOT_KNEE, START + dt.timedelta(days=3))
    view = make_view(qtbot, ctx)
    assert view.hold_banner.isVisible()
    assert view.hold_banner.headline.text() == "On hold: seek care now"
    assert "No strength, hip and knee routine or mobility sessions" in view.hold_banner.message.text()
    assert view.hold_banner.mapTo(view, QPoint(0, 0)).y() < view.grid.mapTo(view, QPoint(0, 0)).y()


def test_the_hold_banner_reads_in_the_dark_palette(qtbot, ctx):
    from PySide6.QtWidgets import QApplication

    from planner.ui.style import dark_palette, light_palette

    _checked_athlete(ctx, HOT_KNEE, START)
    app = QApplication.instance()
    app.setPalette(dark_palette())
    try:
        view = make_view(qtbot, ctx)
        sheet = view.hold_banner.styleSheet()
        text = dark_palette().color(dark_palette().ColorRole.WindowText).name()
        assert f"color: {text}" in sheet  # light text on a dark tint, not the light theme's dark text
    finally:
        app.setPalette(light_palette())


def test_a_self_care_plan_has_no_hold_banner_and_asks_for_a_re_check(qtbot, ctx):
    _checked_athlete(ctx, KNEECAP, START)
    view = make_view(qtbot, ctx)
    assert not view.hold_banner.isVisible()
    assert view.recheck_banner.isVisible()
    assert view.recheck_banner.headline.text().startswith("Re-check due")


def test_held_running_days_say_see_a_clinician_in_the_grid(qtbot, ctx):
    _checked_athlete(ctx, HOT_KNEE, START)
    view = make_view(qtbot, ctx)
    # Week 1, Tuesday: a quality run in the athlete's week.
    text = view.model.index(0, FIRST_DAY_COLUMN + 1).data(Qt.ItemDataRole.DisplayRole)
    assert "See a clinician before running" in text


def test_a_re_check_still_to_come_is_not_said_to_have_happened(qtbot, ctx):
    """Checked this week: the routine "runs until" its re-check, it has not "run its weeks" yet."""
    import datetime as dt

    today = dt.date.today()
    _checked_athlete(ctx, KNEECAP, today - dt.timedelta(days=today.weekday()))
    view = make_view(qtbot, ctx)
    assert view.plan is not None and view.plan.recheck_due is not None and view.plan.recheck_due > today
    assert view.recheck_banner.isVisible()
    text = view.recheck_banner.message.text()
    assert "runs until then" in text and "has run its weeks" not in text
