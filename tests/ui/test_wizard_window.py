"""The symptom wizard as a coach uses it: page by page, red flags first, result, plan and PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from planner import DISCLAIMER
from planner.domain.athlete import Athlete
from planner.domain.plan import SessionKind
from planner.store.athletes import add_athlete, get_athlete, load_plan
from planner.store.database import Database
from planner.ui.context import AppContext
from planner.ui.plan_rebuilds import plan_rebuilds
from planner.ui.wizard_pages import PAGE_CONTEXT, PAGE_FEEL, PAGE_FORM, PAGE_HISTORY, PAGE_RESULT, PAGE_WHERE
from planner.ui.wizard_window import SymptomWizard, open_wizard

ITBS_ANSWERS = {
    "pain_regions": ["knee_outside"],
    "side": "left",
    "aggravators": ["downhill", "foot_strike", "set_distance_into_run"],
    "sensations": ["burning"],
    "onset": "gradual",
    "training_changes": ["mileage_jump"],
    "pain_during_run": 4,
}


@pytest.fixture
def wizard(qtbot: Any, ctx: AppContext) -> Iterator[SymptomWizard]:
    window = open_wizard(ctx, None)
    qtbot.waitExposed(window)
    yield window
    window.close()


def click(qtbot: Any, widget: Any) -> None:
    # Near the left edge: a check box stretched across a grid cell only reacts on its box and words.
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def next_page(qtbot: Any, wizard: SymptomWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled)
    click(qtbot, button)


def walk_to_result(qtbot: Any, wizard: SymptomWizard) -> None:
    """An IT band story: outside of the knee, at a set distance, burning, after a mileage jump."""
    click(qtbot, wizard.red_flag_page.none_box.box)
    next_page(qtbot, wizard)
    diagram = wizard.where_page.diagram
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=diagram.region_rect("knee_outside").center())
    click(qtbot, wizard.where_page.sides["left"])
    next_page(qtbot, wizard)
    for value in ("downhill", "foot_strike", "set_distance_into_run"):
        click(qtbot, wizard.feel_page.aggravators[value])
    click(qtbot, wizard.feel_page.sensations["burning"])
    next_page(qtbot, wizard)
    click(qtbot, wizard.history_page.onsets["gradual"])
    wizard.history_page.pain.setValue(4)
    click(qtbot, wizard.history_page.training_changes["mileage_jump"])
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)  # about the runner: nothing to add for this story
    click(qtbot, wizard.form_page.skip)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT)


def test_next_waits_until_a_warning_sign_or_none_is_ticked(qtbot: Any, wizard: SymptomWizard) -> None:
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    click(qtbot, wizard.red_flag_page.none_box.box)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_none_of_these_and_a_warning_sign_exclude_each_other(qtbot: Any, wizard: SymptomWizard) -> None:
    page = wizard.red_flag_page
    click(qtbot, page.none_box.box)
    click(qtbot, page.flags["knee_locks"].box)
    assert not page.none_box.box.isChecked()
    click(qtbot, page.none_box.box)
    assert not page.flags["knee_locks"].box.isChecked()
    assert page.red_flags() == []


def test_clicking_the_drawing_ticks_the_list_and_the_list_fills_the_drawing(qtbot: Any, wizard: SymptomWizard) -> None:
    click(qtbot, wizard.red_flag_page.none_box.box)
    next_page(qtbot, wizard)
    page = wizard.where_page
    assert wizard.currentId() == PAGE_WHERE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # where it hurts is required
    qtbot.mouseClick(page.diagram, Qt.MouseButton.LeftButton, pos=page.diagram.region_rect("knee_back").center())
    assert page.regions["knee_back"].isChecked()
    click(qtbot, page.regions["groin"])
    assert page.diagram.selected() == ["knee_back", "groin"]
    click(qtbot, page.regions["knee_back"])
    assert page.diagram.selected() == ["groin"]
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_walking_every_page_gives_a_result_with_pattern_routine_and_disclaimer(
    qtbot: Any, wizard: SymptomWizard
) -> None:
    seen = []
    wizard.currentIdChanged.connect(seen.append)
    walk_to_result(qtbot, wizard)
    assert seen == [PAGE_WHERE, PAGE_FEEL, PAGE_HISTORY, PAGE_CONTEXT, PAGE_FORM, PAGE_RESULT]
    assert wizard.answers() == ITBS_ANSWERS
    page = wizard.result_page
    text = page.text()
    assert page.banner.headline.text() == "Self-care is fine"
    assert "Likely patterns" in text
    assert "Iliotibial band syndrome" in text
    assert "Starts at the same distance into a run" in text  # the reason, drawn from the answers
    assert "Training load went up quickly" in text
    assert "Side-lying clamshell" in text and "3 × 15, each side" in text
    assert "3 times a week" in text
    assert "diagnosis" not in text.lower()
    assert page.disclaimer.text() == DISCLAIMER
    assert page.disclaimer.isVisible()


def test_a_red_flag_jumps_to_the_result_with_what_to_do_and_no_routine(qtbot: Any, wizard: SymptomWizard) -> None:
    click(qtbot, wizard.red_flag_page.flags["hot_red_swollen_joint_or_fever"].box)
    next_page(qtbot, wizard)
    assert wizard.currentId() == PAGE_RESULT
    page = wizard.result_page
    assert page.banner.headline.text() == "Emergency: get help now"
    assert "Seek medical care now" in page.banner.message.text()
    assert wizard.result is not None and wizard.result.program is None
    assert "Routine" not in page.details.toPlainText()
    assert not page.add_button.isVisible() and not page.print_button.isVisible()
    assert page.disclaimer.isVisible()


def test_start_again_clears_the_answers(qtbot: Any, wizard: SymptomWizard) -> None:
    # An urgent sign ends the questions at once (a "see soon" one, like limping, lets them go on).
    click(qtbot, wizard.red_flag_page.flags["trauma_cannot_bear_weight"].box)
    next_page(qtbot, wizard)
    click(qtbot, wizard.result_page.restart_button)
    assert wizard.currentId() == 0
    assert wizard.red_flag_page.red_flags() == ["trauma_cannot_bear_weight"]  # kept visible to change
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()


def test_add_to_plan_is_disabled_without_an_athlete(qtbot: Any, wizard: SymptomWizard) -> None:
    walk_to_result(qtbot, wizard)
    assert not wizard.result_page.add_button.isEnabled()
    assert "No athlete selected" in wizard.result_page.athlete_label.text()


def corrective_sessions(db: Database, athlete_id: int) -> int:
    plan = load_plan(db, athlete_id)
    assert plan is not None
    return sum(1 for week in plan.weeks for s in week.sessions if s.kind is SessionKind.CORRECTIVE)


def test_add_to_plan_stores_the_answers_and_adds_corrective_sessions_undoably(
    qtbot: Any, ctx: AppContext, db: Database
) -> None:
    from planner.store.plans import regenerate_plan

    athlete_id = add_athlete(db, Athlete(name="Anna Berg"))
    regenerate_plan(db, athlete_id)
    assert corrective_sessions(db, athlete_id) == 0
    ctx.set_current_athlete(athlete_id)
    wizard = open_wizard(ctx, None)
    try:
        walk_to_result(qtbot, wizard)
        button = wizard.result_page.add_button
        assert button.isEnabled() and button.text() == "Add to Anna Berg's plan"
        with qtbot.waitSignals([ctx.athletes_changed, ctx.plan_changed]):
            click(qtbot, button)
        assert get_athlete(db, athlete_id).athlete.wizard_answers == ITBS_ANSWERS
        # The plan is built off the UI thread and saved when it is ready.
        qtbot.waitUntil(lambda: not plan_rebuilds(ctx).pending(athlete_id), timeout=20_000)
        assert corrective_sessions(db, athlete_id) > 0
        assert "Added the routine to Anna Berg's plan" in wizard.result_page.feedback.text()

        with qtbot.waitSignal(ctx.plan_changed):
            ctx.undo_stack.undo()
        assert get_athlete(db, athlete_id).athlete.wizard_answers is None
        assert corrective_sessions(db, athlete_id) == 0
    finally:
        wizard.close()


def test_print_routine_saves_a_pdf_and_says_where(
    qtbot: Any, wizard: SymptomWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "routine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF files (*.pdf)"))
    walk_to_result(qtbot, wizard)
    page = wizard.result_page
    assert page.print_button.isEnabled()
    click(qtbot, page.print_button)
    pdf = tmp_path / "routine.pdf"
    qtbot.waitUntil(pdf.exists)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert str(pdf) in page.feedback.text()


def test_wizard_view_shows_the_check_and_the_athletes_last_result(qtbot: Any, ctx: AppContext, db: Database) -> None:
    from planner.ui.wizard_view import WizardView

    athlete_id = add_athlete(db, Athlete(name="Anna Berg", wizard_answers=ITBS_ANSWERS))
    view = WizardView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    with qtbot.waitSignal(view.ready):
        view.load()
    assert view.is_ready()
    assert view.wizard is not None and view.wizard.isVisible()
    assert view.wizard.currentId() == 0
    assert not view.last_box.isVisible()
    ctx.set_current_athlete(athlete_id)
    assert view.last_box.isVisible()
    assert view.last_banner.headline.text() == "Self-care is fine"
    assert view.findChild(object, "pattern_itbs") is not None
    assert "Anna Berg" in view.athlete_label.text()
    assert view.toolbar_actions()[0].shortcut().toString() == "Ctrl+Shift+W"


def test_a_see_soon_warning_lets_the_questions_go_on_so_age_can_raise_it(qtbot: Any, wizard: SymptomWizard) -> None:
    """A limping 12-year-old with knee pain: the limp alone says "soon", the age makes it "today"."""
    click(qtbot, wizard.red_flag_page.flags["limping"].box)
    next_page(qtbot, wizard)
    assert wizard.currentId() == PAGE_WHERE
    diagram = wizard.where_page.diagram
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=diagram.region_rect("knee_front").center())
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    wizard.history_page.age.setValue(12)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    click(qtbot, wizard.form_page.skip)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT)
    page = wizard.result_page
    assert wizard.answers()["red_flags"] == ["limping"]
    assert page.banner.headline.text().startswith("Urgent")
    assert "keep weight off the leg" in page.banner.message.text()
    assert wizard.result is not None and wizard.result.program is None
    assert not page.add_button.isVisible()


def test_breathlessness_is_asked_first_and_ends_the_check_as_an_emergency(qtbot: Any, wizard: SymptomWizard) -> None:
    click(qtbot, wizard.red_flag_page.warnings["breathless_or_chest_pain"].box)
    next_page(qtbot, wizard)
    assert wizard.currentId() == PAGE_RESULT
    page = wizard.result_page
    assert page.banner.headline.text() == "Emergency: get help now"
    assert "ambulance" in page.banner.message.text()
    assert "Likely patterns" not in page.details.toPlainText()


def test_the_context_page_answers_reach_the_check(qtbot: Any, wizard: SymptomWizard) -> None:
    """Groin pain on foot strike after a mileage jump, in a runner eating too little: stop running."""
    click(qtbot, wizard.red_flag_page.none_box.box)
    next_page(qtbot, wizard)
    click(qtbot, wizard.where_page.regions["groin"])
    next_page(qtbot, wizard)
    click(qtbot, wizard.feel_page.aggravators["foot_strike"])
    next_page(qtbot, wizard)
    click(qtbot, wizard.history_page.training_changes["mileage_jump"])
    click(qtbot, wizard.history_page.self_care_tried)
    click(qtbot, wizard.history_page.trend["same"])
    next_page(qtbot, wizard)
    context = wizard.context_page
    click(qtbot, context.sex["female"])
    click(qtbot, context.energy["under_eating"])
    click(qtbot, context.history["previous_stress_fracture"])
    next_page(qtbot, wizard)
    click(qtbot, wizard.form_page.skip)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT)
    answers = wizard.answers()
    assert answers["sex"] == "female"
    assert answers["energy_availability"] == ["under_eating"]
    assert answers["previous_stress_fracture"] is True
    assert answers["self_care_tried"] is True and answers["trend"] == "same"
    page = wizard.result_page
    assert page.banner.headline.text().startswith("Urgent")
    assert "Stop running" in page.banner.message.text()
    assert "Eating less than the training needs" in page.details.toPlainText()


def strength_sessions(db: Database, athlete_id: int) -> int:
    """Strength sessions from today on (a hold starts on the day of the check; days before it stay as planned)."""
    import datetime as dt

    plan = load_plan(db, athlete_id)
    assert plan is not None
    today = dt.date.today()
    return sum(1 for week in plan.weeks for s in week.sessions if s.kind is SessionKind.STRENGTH and s.date >= today)


def test_an_urgent_result_puts_the_linked_athletes_plan_on_hold_at_once_undoably(
    qtbot: Any, ctx: AppContext, db: Database
) -> None:
    # No "Add" click: a coach who closes the check after reading "get seen today" must not leave heavy
    # loading in that runner's plan.
    from planner.store.plans import regenerate_plan

    athlete_id = add_athlete(db, Athlete(name="Anna Berg"))
    regenerate_plan(db, athlete_id)
    assert strength_sessions(db, athlete_id) > 0
    ctx.set_current_athlete(athlete_id)
    wizard = open_wizard(ctx, None)
    try:
        click(qtbot, wizard.red_flag_page.flags["trauma_cannot_bear_weight"].box)
        next_page(qtbot, wizard)
        assert wizard.currentId() == PAGE_RESULT
        qtbot.waitUntil(lambda: not plan_rebuilds(ctx).pending(athlete_id), timeout=20_000)
        plan = load_plan(db, athlete_id)
        assert plan is not None and plan.hold is not None and plan.hold.triage == "urgent"
        assert strength_sessions(db, athlete_id) == 0
        assert "Anna Berg's plan is on hold" in wizard.result_page.feedback.text()

        ctx.undo_stack.undo()
        qtbot.waitUntil(lambda: not plan_rebuilds(ctx).pending(athlete_id), timeout=20_000)
        assert get_athlete(db, athlete_id).athlete.wizard_answers is None
        restored = load_plan(db, athlete_id)
        assert restored is not None and restored.hold is None
        assert strength_sessions(db, athlete_id) > 0
    finally:
        wizard.close()


def test_a_self_care_result_changes_no_plan_until_the_coach_adds_it(qtbot: Any, ctx: AppContext, db: Database) -> None:
    athlete_id = add_athlete(db, Athlete(name="Anna Berg"))
    ctx.set_current_athlete(athlete_id)
    wizard = open_wizard(ctx, None)
    try:
        walk_to_result(qtbot, wizard)
        assert wizard.result is not None and wizard.result.triage == "self_care"
        assert get_athlete(db, athlete_id).athlete.wizard_answers is None
        assert ctx.undo_stack.count() == 0
    finally:
        wizard.close()
