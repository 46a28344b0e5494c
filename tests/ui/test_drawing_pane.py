"""Drawings on screen: the library's detail pane and the exercise editor show the start and end pictures."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QImage, QPalette, QTextDocument

from planner.domain.exercise import Category, Dose, Exercise
from planner.export.drawing import drawing_for
from planner.store.exercises import add_custom_exercise
from planner.ui.context import AppContext
from planner.ui.drawing_widget import NO_DRAWING_TEXT, DrawingView
from planner.ui.exercise_dialog import NO_DRAWING, ExerciseDialog
from planner.ui.library_detail import DRAWING_URL, ExerciseDetail
from planner.ui.library_view import LibraryView

WALL_ANGEL = Exercise(id="wall-angel", name="Wall angel", category=Category.MOBILITY, dose=Dose(sets=2, reps=10))


@pytest.fixture
def view(library_view: LibraryView) -> LibraryView:
    return library_view  # tests/ui/conftest.py


def shown_picture(detail: ExerciseDetail) -> QImage:
    image = detail.document().resource(QTextDocument.ResourceType.ImageResource, DRAWING_URL)
    assert isinstance(image, QImage)
    return image


def dark_pixels(image: QImage, threshold: int = 90) -> int:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    step = max(1, gray.width() // 200)
    return sum(
        1
        for y in range(0, gray.height(), step)
        for x in range(0, gray.width(), step)
        if QColor(gray.pixel(x, y)).value() < threshold
    )


def test_selecting_an_exercise_shows_its_drawing(view: LibraryView) -> None:
    assert view.select_exercise("donkey-kick")
    assert view.detail.drawing == drawing_for("donkey-kick")
    assert '<img src="drawing:exercise"' in view.detail.toHtml()
    assert dark_pixels(shown_picture(view.detail)) > 50  # black strokes of two figures, not a blank box


def test_the_drawing_changes_with_the_selection(view: LibraryView) -> None:
    view.select_exercise("donkey-kick")
    before = shown_picture(view.detail)
    view.select_exercise("glute-bridge")
    assert view.detail.drawing == drawing_for("glute-bridge")
    assert shown_picture(view.detail) != before


def test_an_exercise_without_a_drawing_shows_no_picture(view: LibraryView, ctx: AppContext) -> None:
    add_custom_exercise(ctx.db, WALL_ANGEL)
    ctx.library_changed.emit()
    assert view.select_exercise("wall-angel")
    assert view.detail.drawing is None
    assert "<img" not in view.detail.toHtml()
    assert "Wall angel" in view.detail.plain_text()


def test_the_drawing_scales_with_the_pane(qtbot, view: LibraryView) -> None:
    view.select_exercise("side-bridge")  # a wide drawing: its width follows the pane's
    narrow = shown_picture(view.detail).width()
    view.resize(1500, 700)
    qtbot.waitUntil(lambda: shown_picture(view.detail).width() > narrow + 50, timeout=15_000)


def test_dark_palette_paints_the_figure_light_on_dark(qtbot) -> None:
    detail = ExerciseDetail()
    qtbot.addWidget(detail)
    detail.resize(500, 700)
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Window, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#eeeeee"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
    ):
        palette.setColor(role, QColor(colour))
    detail.setPalette(palette)
    detail.show_exercise(replace(WALL_ANGEL, drawing="side-bridge"))
    image = shown_picture(detail)
    corner = QColor(image.pixel(1, 1))
    assert corner.value() < 60  # the paper is the dark base colour
    bright = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if QColor(image.pixel(x, y)).value() > 200
    )
    assert bright > 50  # the figure is drawn in the light text colour


def test_drawing_view_says_when_there_is_no_drawing(qtbot) -> None:
    widget = DrawingView()
    qtbot.addWidget(widget)
    widget.set_drawing(None)
    assert widget.accessibleDescription() == NO_DRAWING_TEXT
    widget.set_drawing(drawing_for("dead-bug"))
    assert widget.accessibleDescription() == "Start and end positions"
    assert widget.heightForWidth(600) > widget.heightForWidth(300)


def test_a_new_exercise_has_no_drawing_until_one_is_picked(qtbot) -> None:
    dialog = ExerciseDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Banded march")
    dialog.reps.setValue(10)
    assert dialog.drawing.currentText() == NO_DRAWING
    assert dialog.exercise().drawing is None
    dialog.drawing.setCurrentIndex(dialog.drawing.findData("monster-walk"))
    assert dialog.drawing_preview.drawing == drawing_for("monster-walk")
    assert dialog.exercise().drawing == "monster-walk"


def test_editing_keeps_the_drawing_and_no_drawing_removes_it(qtbot) -> None:
    dialog = ExerciseDialog(replace(WALL_ANGEL, drawing="dead-bug"))
    qtbot.addWidget(dialog)
    assert dialog.drawing.currentData() == "dead-bug"
    assert dialog.exercise().drawing == "dead-bug"
    dialog.drawing.setCurrentIndex(dialog.drawing.findText(NO_DRAWING))
    assert dialog.drawing_preview.drawing is None
    assert dialog.exercise().drawing is None


def test_a_drawing_from_a_newer_version_is_kept_when_editing(qtbot) -> None:
    dialog = ExerciseDialog(replace(WALL_ANGEL, drawing="wall-angel-v2"))
    qtbot.addWidget(dialog)
    assert dialog.exercise().drawing == "wall-angel-v2"
    assert "not in this version" in dialog.drawing.currentText()


def test_the_wizard_result_shows_each_routine_exercise_drawn(qtbot) -> None:
    import json

    from planner.paths import resources_dir
    from planner.ui.wizard_window import ResultPage, evaluate_answers

    result = evaluate_answers(json.loads((resources_dir() / "examples" / "answers_pfps.json").read_text()))
    assert result.program is not None
    page = ResultPage()
    qtbot.addWidget(page)
    page.show_result(result)
    html = page.details.toHtml()
    assert html.count('alt="Start and end position"') == len(result.program.exercises)
