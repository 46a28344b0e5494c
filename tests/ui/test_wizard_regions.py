"""The regions added to the drawing (thighs, shin, calf, lower back, sit bone, inner shin) can be clicked
on the wizard page and reach the answers the check reads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from planner.ui.context import AppContext
from planner.ui.wizard_pages import PAGE_WHERE
from planner.ui.wizard_window import SymptomWizard, open_wizard

NEW_REGIONS = ("knee_inside_below", "thigh_front", "thigh_back", "sit_bone", "shin", "calf", "lower_back")


@pytest.fixture
def wizard(qtbot: Any, ctx: AppContext) -> Iterator[SymptomWizard]:
    window = open_wizard(ctx, None)
    qtbot.waitExposed(window)
    box = window.red_flag_page.none_box.box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    button = window.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    qtbot.waitUntil(lambda: window.currentId() == PAGE_WHERE)
    yield window
    window.close()


@pytest.mark.parametrize("region", NEW_REGIONS)
def test_a_new_region_is_clickable_and_reaches_the_answers(qtbot: Any, wizard: SymptomWizard, region: str) -> None:
    diagram = wizard.where_page.diagram
    rect = diagram.region_rect(region)
    assert diagram.rect().contains(rect)

    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=rect.center())

    assert wizard.where_page.regions[region].isChecked()
    assert wizard.where_page.answers()["pain_regions"] == [region]


def test_every_shape_of_a_region_selects_it(qtbot: Any, wizard: SymptomWizard) -> None:
    from planner.ui.body_diagram import REGIONS

    diagram = wizard.where_page.diagram
    for region in REGIONS:
        for shape in region.shapes:
            point = diagram._to_widget().map(shape.boundingRect().center())
            assert diagram.region_at(point) == region.id, (region.id, shape.boundingRect())
