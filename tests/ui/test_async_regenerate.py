"""Plan rebuilds off the UI thread (issue #11 item 2): built by a worker, saved on the UI thread, undo kept true.

A gate stands in for `build_plan`: it records the thread each build runs on and can hold a build until the
test lets it go, so "while a rebuild is running" is a state the test makes, not a race it hopes to win.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from planner.domain.athlete import Athlete, DayKind, Priority, Race
from planner.domain.plan import Plan, SessionKind
from planner.store import plans
from planner.store.athletes import add_athlete, dose_edits, get_athlete, load_plan
from planner.store.database import BUSY, Database, open_database
from planner.ui.athlete_commands import EditAthlete
from planner.ui.context import AppContext
from planner.ui.operations import running_operations
from planner.ui.plan_commands import regenerate
from planner.ui.plan_rebuilds import plan_rebuilds
from planner.ui.plan_view import PlanView
from planner.ui.settings import Settings
from planner.ui.undo import push
from planner.ui.wizard_commands import SetWizardAnswers

START = dt.date(2027, 1, 4)  # a Monday
WEEKS = 16
ITBS = {"pain_regions": ["knee_outside"], "aggravators": ["downhill", "set_distance_into_run"]}
BUILD_PLAN = plans.build_plan  # the real one, for setting up (the gate below wraps it)


class Gate:
    """Wraps the real build_plan: notes the thread of every build; holds builds while closed."""

    def __init__(self, build: Callable[..., Plan]) -> None:
        self.build = build
        self.threads: list[threading.Thread] = []
        self.entered = threading.Event()
        self.opened = threading.Event()
        self.opened.set()

    def __call__(self, *args: Any, **kwargs: Any) -> Plan:
        self.threads.append(threading.current_thread())
        self.entered.set()
        assert self.opened.wait(20), "the test never opened the gate"
        return self.build(*args, **kwargs)

    def close(self) -> None:
        self.entered.clear()
        self.opened.clear()

    def off_the_ui_thread(self) -> bool:
        return bool(self.threads) and all(t is not threading.main_thread() for t in self.threads)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    hook = Gate(BUILD_PLAN)
    monkeypatch.setattr(plans, "build_plan", hook)
    yield hook
    hook.opened.set()  # a failed test must not leave a worker waiting


def zoe() -> Athlete:
    marathon = START + dt.timedelta(weeks=WEEKS - 2, days=6)
    return Athlete(
        name="Zoë Łukasiewicz",
        equipment=frozenset({"band", "step", "dumbbell", "mat", "wall"}),
        races=(Race(marathon, "Spring Marathon", Priority.A),),
    )


@pytest.fixture
def athlete_id(ctx: AppContext) -> int:
    new_id = add_athlete(ctx.db, zoe())
    plans.save_built_plan(ctx.db, new_id, BUILD_PLAN(ctx.db, new_id, start=START, weeks=WEEKS))
    ctx.set_current_athlete(new_id)
    return new_id


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, athlete_id: int) -> PlanView:
    plan_view = PlanView(ctx)
    qtbot.addWidget(plan_view)
    plan_view.resize(1280, 800)
    plan_view.show()
    plan_view.load()
    qtbot.waitUntil(plan_view.is_ready)
    return plan_view


def settled(qtbot: Any, ctx: AppContext, athlete_id: int) -> None:
    qtbot.waitUntil(lambda: not plan_rebuilds(ctx).pending(athlete_id), timeout=20_000)
    qtbot.waitUntil(lambda: not running_operations(), timeout=20_000)


def with_week(athlete: Athlete, **days: DayKind) -> Athlete:
    return replace(athlete, week={**athlete.week, **days})


def first_strength_exercise(plan: Plan) -> tuple[str, Any]:
    session = next(s for w in plan.weeks for s in w.sessions if s.kind is SessionKind.STRENGTH)
    return session.key, session.exercises[0]


def corrective_sessions(plan: Plan) -> int:
    return sum(1 for w in plan.weeks for s in w.sessions if s.kind is SessionKind.CORRECTIVE)


# --- off the UI thread, and what the coach then sees ---------------------------------------------


def test_regenerate_builds_the_plan_on_a_worker_thread(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    view.weeks_spin.setValue(WEEKS + 2)
    view.weeks_spin.editingFinished.emit()
    settled(qtbot, ctx, athlete_id)
    assert gate.off_the_ui_thread()
    assert len(load_plan(ctx.db, athlete_id).weeks) == WEEKS + 2


def test_after_a_regenerate_the_view_shows_the_stored_plan(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    view.weeks_spin.setValue(WEEKS + 2)
    view.weeks_spin.editingFinished.emit()
    settled(qtbot, ctx, athlete_id)
    assert view.plan == load_plan(ctx.db, athlete_id)
    assert view.grid.model().rowCount() == WEEKS + 2
    assert view.weeks_spin.value() == WEEKS + 2


def test_a_regenerate_is_on_the_undo_stack_only_once_its_plan_is_saved(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    gate.close()
    view.regenerate_action.trigger()
    assert gate.entered.wait(20)
    assert ctx.undo_stack.count() == 0  # built, not yet saved: nothing to undo
    gate.opened.set()
    settled(qtbot, ctx, athlete_id)
    assert ctx.undo_stack.undoText() == "Regenerate plan"


def test_an_athlete_edit_rebuilds_the_plan_on_a_worker_thread(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    before = get_athlete(ctx.db, athlete_id).athlete
    ctx.undo_stack.push(EditAthlete(ctx, athlete_id, before, with_week(before, mon=DayKind.LONG, sun=DayKind.EASY)))
    settled(qtbot, ctx, athlete_id)
    assert gate.off_the_ui_thread()
    stored = load_plan(ctx.db, athlete_id)
    assert stored.weeks[0].runs["mon"] == "long"
    assert view.plan == stored


def test_wizard_answers_rebuild_the_plan_on_a_worker_thread(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    assert push(ctx, SetWizardAnswers(ctx, athlete_id, ITBS, checked_on=START)) is None
    settled(qtbot, ctx, athlete_id)
    assert gate.off_the_ui_thread()
    assert corrective_sessions(load_plan(ctx.db, athlete_id)) > 0
    assert view.plan == load_plan(ctx.db, athlete_id)


def test_a_dose_edit_made_while_the_plan_is_rebuilt_is_kept_in_it(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    gate.close()
    view.regenerate_action.trigger()
    assert gate.entered.wait(20)
    session_key, exercise = first_strength_exercise(view.plan)
    view.open_session(view.session_by_key(session_key))
    spin = view.panel.rows[0].spins["sets"]
    spin.setValue(exercise.dose.sets + 2)
    spin.editingFinished.emit()
    gate.opened.set()
    settled(qtbot, ctx, athlete_id)
    _key, saved = first_strength_exercise(load_plan(ctx.db, athlete_id))
    assert saved.dose.sets == exercise.dose.sets + 2
    assert view.panel.rows[0].spins["sets"].value() == exercise.dose.sets + 2


# --- undo and redo stay true -------------------------------------------------------------------


def test_undo_and_redo_of_a_regenerate_restore_each_plan(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    old = load_plan(ctx.db, athlete_id)
    view.weeks_spin.setValue(WEEKS + 2)
    view.weeks_spin.editingFinished.emit()
    settled(qtbot, ctx, athlete_id)
    new = load_plan(ctx.db, athlete_id)
    ctx.undo_stack.undo()
    assert load_plan(ctx.db, athlete_id) == old
    assert view.grid.model().rowCount() == WEEKS
    ctx.undo_stack.redo()
    assert load_plan(ctx.db, athlete_id) == new
    assert view.grid.model().rowCount() == WEEKS + 2


def test_undo_while_a_regenerate_is_built_cancels_it(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    said: list[str] = []
    ctx.status_message.connect(said.append)
    original = load_plan(ctx.db, athlete_id)
    session_key, exercise = first_strength_exercise(original)
    view.open_session(view.session_by_key(session_key))
    spin = view.panel.rows[0].spins["sets"]
    spin.setValue(exercise.dose.sets + 1)
    spin.editingFinished.emit()
    gate.close()
    view.weeks_spin.setValue(WEEKS + 4)
    view.weeks_spin.editingFinished.emit()
    assert gate.entered.wait(20)

    ctx.undo_stack.undo()  # takes back the dose edit, and the regenerate still being built with it
    gate.opened.set()
    settled(qtbot, ctx, athlete_id)

    assert load_plan(ctx.db, athlete_id) == original
    assert dose_edits(ctx.db, athlete_id) == {}
    assert (ctx.undo_stack.count(), ctx.undo_stack.index()) == (1, 0)  # the dose edit, redoable; no regenerate
    assert "The plan was not regenerated: you undid a change meanwhile." in said


def test_undo_of_wizard_answers_while_their_plan_is_built_restores_the_plan_before(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    original = load_plan(ctx.db, athlete_id)
    gate.close()
    assert push(ctx, SetWizardAnswers(ctx, athlete_id, ITBS, checked_on=START)) is None
    assert gate.entered.wait(20)

    ctx.undo_stack.undo()
    gate.opened.set()
    settled(qtbot, ctx, athlete_id)

    assert get_athlete(ctx.db, athlete_id).athlete.wizard_answers is None
    assert load_plan(ctx.db, athlete_id) == original  # the late plan with the routine was dropped
    ctx.undo_stack.redo()
    settled(qtbot, ctx, athlete_id)
    assert corrective_sessions(load_plan(ctx.db, athlete_id)) > 0


def test_undo_of_an_athlete_edit_while_its_plan_is_built_gives_the_plan_of_the_athlete_before(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    before = get_athlete(ctx.db, athlete_id).athlete
    gate.close()
    ctx.undo_stack.push(EditAthlete(ctx, athlete_id, before, with_week(before, mon=DayKind.LONG, sun=DayKind.EASY)))
    assert gate.entered.wait(20)

    ctx.undo_stack.undo()
    gate.opened.set()
    settled(qtbot, ctx, athlete_id)

    assert load_plan(ctx.db, athlete_id).weeks[0].runs["mon"] == before.week["mon"].value


# --- latest wins -------------------------------------------------------------------------------


def test_two_quick_plan_lengths_give_the_latest(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    gate.close()
    view.weeks_spin.setValue(WEEKS + 2)
    view.weeks_spin.editingFinished.emit()
    assert gate.entered.wait(20)
    view.weeks_spin.setValue(WEEKS + 4)
    view.weeks_spin.editingFinished.emit()
    gate.opened.set()
    settled(qtbot, ctx, athlete_id)
    assert len(load_plan(ctx.db, athlete_id).weeks) == WEEKS + 4
    assert ctx.undo_stack.count() == 1  # one regenerate, the latest
    assert view.grid.model().rowCount() == WEEKS + 4


def test_two_quick_athlete_edits_give_the_plan_of_the_latest(
    qtbot: Any, gate: Gate, view: PlanView, ctx: AppContext, athlete_id: int
) -> None:
    first = get_athlete(ctx.db, athlete_id).athlete
    second = with_week(first, mon=DayKind.LONG, sun=DayKind.EASY)
    third = with_week(second, mon=DayKind.QUALITY)
    gate.close()
    ctx.undo_stack.push(EditAthlete(ctx, athlete_id, first, second))
    assert gate.entered.wait(20)
    ctx.undo_stack.push(EditAthlete(ctx, athlete_id, second, third))
    gate.opened.set()
    settled(qtbot, ctx, athlete_id)
    assert load_plan(ctx.db, athlete_id).weeks[0].runs["mon"] == "quality"
    assert view.plan == load_plan(ctx.db, athlete_id)


# --- failures ----------------------------------------------------------------------------------


def test_a_rebuild_that_fails_says_so_with_the_log_file_and_keeps_the_athlete_edit(
    qtbot: Any, view: PlanView, ctx: AppContext, athlete_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.logs import log_path

    def broken(*_args: Any, **_kwargs: Any) -> Plan:
        raise RuntimeError("scheduler bug")

    monkeypatch.setattr(plans, "build_plan", broken)
    said: list[str] = []
    ctx.status_message.connect(said.append)
    before = get_athlete(ctx.db, athlete_id).athlete
    ctx.undo_stack.push(EditAthlete(ctx, athlete_id, before, with_week(before, mon=DayKind.LONG)))
    settled(qtbot, ctx, athlete_id)
    assert said[-1] == f"The plan could not be rebuilt; details are in {log_path()}."
    assert ctx.undo_stack.undoText() == f"Edit {before.name}"
    assert get_athlete(ctx.db, athlete_id).athlete.week["mon"] is DayKind.LONG


HOLD_LOCK = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
con.execute("ROLLBACK")
"""


def test_a_regenerate_whose_write_meets_a_busy_database_stays_off_the_undo_stack(
    qtbot: Any, gate: Gate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRIDE_PLANNER_BUSY_TIMEOUT_MS", "200")  # read when each connection opens
    db = open_database(tmp_path / "busy.db")
    ctx = AppContext(db, Settings())
    said: list[str] = []
    ctx.status_message.connect(said.append)
    try:
        athlete_id = add_athlete(db, zoe())
        original = BUILD_PLAN(db, athlete_id, start=START, weeks=WEEKS)
        plans.save_built_plan(db, athlete_id, original)
        gate.close()
        regenerate(ctx, athlete_id, start=START, weeks=WEEKS + 2)
        assert gate.entered.wait(20)
        other = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(db.path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        try:
            assert other.stdout is not None and other.stdout.readline().strip() == "locked"
            gate.opened.set()  # built beside the other writer (WAL lets it read); the save then finds it busy
            settled(qtbot, ctx, athlete_id)
        finally:
            other.communicate("", timeout=30)
        assert ctx.undo_stack.count() == 0
        assert said[-1] == f"Regenerate plan was not done: {BUSY}"
        assert len(load_plan(db, athlete_id).weeks) == WEEKS
    finally:
        ctx.undo_stack.clear()
        ctx.deleteLater()
        db.close()


# --- closing the window, and the first run ---------------------------------------------------------


def test_closing_the_window_while_a_plan_is_built_saves_it_and_leaves_nothing_running(
    qtbot: Any, gate: Gate, main_window: Any, athlete_id: int
) -> None:
    ctx = main_window.ctx
    ctx.set_current_athlete(athlete_id)
    view = main_window.show_view("plan")
    qtbot.waitUntil(view.is_ready)
    before = get_athlete(ctx.db, athlete_id).athlete
    gate.close()
    ctx.undo_stack.push(EditAthlete(ctx, athlete_id, before, with_week(before, mon=DayKind.LONG, sun=DayKind.EASY)))
    assert gate.entered.wait(20)

    gate.opened.set()  # the build goes on while the window closes: its result is never delivered
    main_window.close()

    assert [op for op in running_operations() if op.working] == []
    assert load_plan(ctx.db, athlete_id).weeks[0].runs["mon"] == "long"


def test_the_first_run_builds_the_demo_plan_on_a_worker_and_the_plan_view_waits_for_it(
    qtbot: Any, gate: Gate, db: Database
) -> None:
    from planner.ui.main_window_first_run import prepare_first_run

    settings = Settings()
    ctx = AppContext(None, settings)
    try:
        gate.close()
        demo_id = prepare_first_run(db, settings, ctx)
        assert demo_id is not None
        assert gate.entered.wait(20)
        ctx.set_current_athlete(demo_id)
        ctx.set_database(db)
        view = PlanView(ctx)
        qtbot.addWidget(view)
        view.show()
        view.load()
        assert view.summary_label.text() == "Making the plan…"
        assert not view.is_ready()

        gate.opened.set()
        qtbot.waitUntil(view.is_ready, timeout=20_000)
        settled(qtbot, ctx, demo_id)
        assert gate.off_the_ui_thread()
        assert view.plan is not None and view.plan == load_plan(db, demo_id)
        assert settings.get("first_run_done") is True
    finally:
        ctx.undo_stack.clear()
        ctx.deleteLater()
