"""Small slips a coach noticed (issue #13), each held by a test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontMetrics

from planner.ui.style import unbroken_units


def test_one_week_reads_one_week_not_one_weeks(qtbot: Any, ctx: Any) -> None:
    from planner.ui.plan_view import PlanView

    view = PlanView(ctx)
    qtbot.addWidget(view)
    view.weeks_spin.setValue(1)
    assert view.weeks_spin.text() == "1 week"
    view.weeks_spin.setValue(3)
    assert view.weeks_spin.text() == "3 weeks"


def test_a_dose_keeps_its_number_and_unit_together() -> None:
    text = unbroken_units("3 × 12, each side, rest 15 s")
    assert text.endswith("15\u00a0s")
    assert "15 s" not in text


def test_the_session_panel_shows_a_dose_that_cannot_wrap_inside_rest_15_s(qtbot: Any) -> None:
    from planner.domain.exercise import Dose
    from planner.ui.style import unbroken_units as shown

    assert "\u00a0s" in shown(Dose(sets=3, reps=12, rest_s=15).describe())


def test_the_weekly_sheet_names_the_routine_once(tmp_path: Path) -> None:
    from planner.export.document import build_plan_pdf
    from tests.export import plan_factory as f
    from tests.export.pdf_reader import flat_text

    out = tmp_path / "season.pdf"
    build_plan_pdf(out, athlete=f.athlete(), plan=f.plan(2), library=f.library())
    text = flat_text(out)
    assert "(Hip & knee routine)" not in text


def test_the_plan_grid_keeps_quality_and_hip_and_knee_whole_with_the_session_panel_open(qtbot: Any, ctx: Any) -> None:
    from planner.domain.plan import SessionKind
    from planner.export.demo import demo_athlete
    from planner.store.athletes import add_athlete
    from planner.store.plans import regenerate_plan
    from planner.ui.plan_grid import PAD, _small, card_title
    from planner.ui.plan_model import FIRST_DAY_COLUMN, WARNINGS_COLUMN
    from tests.ui.test_plan_view import make_view

    athlete_id = add_athlete(ctx.db, demo_athlete())  # the demo has the hip and knee routine
    regenerate_plan(ctx.db, athlete_id)
    ctx.set_current_athlete(athlete_id)
    view = make_view(qtbot, ctx)
    view.resize(1280 - 160, 760)  # the window at 1280 px less the sidebar
    session = next(s for w in view.plan.weeks for s in w.sessions if s.kind == SessionKind.CORRECTIVE)
    view.open_session(session)
    qtbot.waitUntil(view.panel.isVisible)
    assert view.grid.isColumnHidden(WARNINGS_COLUMN)
    fm = QFontMetrics(_small(view.grid.font()))
    day = view.grid.columnWidth(FIRST_DAY_COLUMN)
    assert fm.horizontalAdvance("Quality") + 7 + 4 + 2 * PAD <= day
    assert fm.horizontalAdvance(card_title(session)) + 7 + 4 + 2 * PAD <= day


def test_start_a_new_check_is_not_offered_on_the_checks_first_page(qtbot: Any, ctx: Any) -> None:
    from planner.ui.wizard_view import WizardView

    view = WizardView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.load()
    qtbot.waitUntil(view.is_ready)
    assert not view.start_button.isVisible()
    view.wizard.red_flag_page.none_box.box.setChecked(True)
    view.wizard.next()
    assert view.start_button.isVisible()
    view.close()
