"""The body diagram: every region can be clicked on, hovered and reached from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from planner.domain.wizard_answers import LIST_CHOICES
from planner.ui.body_diagram import REGION_IDS, BodyDiagram
from planner.ui.wizard_labels import REGION_LABELS


@pytest.fixture
def diagram(qtbot: Any) -> BodyDiagram:
    widget = BodyDiagram()
    qtbot.addWidget(widget)
    widget.resize(700, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_diagram_offers_every_region_the_answers_accept() -> None:
    assert set(REGION_IDS) == set(LIST_CHOICES["pain_regions"])


@pytest.mark.parametrize("region", REGION_IDS)
def test_clicking_a_region_selects_it_and_says_so(qtbot: Any, diagram: BodyDiagram, region: str) -> None:
    rect = diagram.region_rect(region)
    assert diagram.rect().contains(rect)
    with qtbot.waitSignal(diagram.selection_changed) as changed:
        qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=rect.center())
    assert changed.args == [[region]]
    assert diagram.selected() == [region]


def test_clicking_a_selected_region_again_clears_it(qtbot: Any, diagram: BodyDiagram) -> None:
    centre = diagram.region_rect("knee_front").center()
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=centre)
    assert diagram.selected() == []


def test_several_regions_can_be_selected(qtbot: Any, diagram: BodyDiagram) -> None:
    for region in ("buttock", "knee_outside"):
        qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=diagram.region_rect(region).center())
    assert diagram.selected() == ["knee_outside", "buttock"]  # the diagram's order, not the click order


def test_a_click_beside_the_drawing_selects_nothing(qtbot: Any, diagram: BodyDiagram) -> None:
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert diagram.selected() == []


def test_hovering_a_region_names_it(qtbot: Any, diagram: BodyDiagram) -> None:
    qtbot.mouseMove(diagram, diagram.region_rect("hip_outside").center())
    qtbot.waitUntil(lambda: diagram.toolTip() == REGION_LABELS["hip_outside"])


def test_keyboard_moves_between_regions_and_space_toggles(qtbot: Any, diagram: BodyDiagram) -> None:
    diagram.setFocus()
    qtbot.keyClick(diagram, Qt.Key.Key_Space)
    qtbot.keyClick(diagram, Qt.Key.Key_Right)
    qtbot.keyClick(diagram, Qt.Key.Key_Space)
    assert diagram.selected() == list(REGION_IDS[:2])


def test_set_selected_ignores_unknown_regions(diagram: BodyDiagram) -> None:
    diagram.set_selected(["groin", "elbow"])
    assert diagram.selected() == ["groin"]
