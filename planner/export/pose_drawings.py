"""The shipped drawings (resources/poses.json) by id, without reportlab: what the window shows on screen.

`planner.export.drawing` paints them on paper with reportlab and re-exports these names; the Library's
detail pane imports them from here, so showing an exercise at start-up imports no PDF machinery.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from planner.domain.drawing import Drawing, draw_pair
from planner.domain.exercise import Exercise
from planner.domain.pose import PosePair, parse_pose_pair, read_pose_items
from planner.paths import resources_dir

POSES_FILE = "poses.json"


@cache
def _shipped_items() -> dict[str, Any]:
    return read_pose_items(resources_dir() / POSES_FILE)


@cache
def shipped_pose_pairs() -> dict[str, PosePair]:
    """Every shipped pose pair by drawing id, in file order; a broken shipped file is our bug and raises."""
    return {drawing_id: _pose_pair(drawing_id) for drawing_id in _shipped_items()}


@cache
def _pose_pair(drawing_id: str) -> PosePair | None:
    # One pair parsed when first drawn: the window shows one exercise at start-up, not all 46 (14 ms to parse).
    item = _shipped_items().get(drawing_id)
    return parse_pose_pair(drawing_id, item) if item is not None else None


def drawing_ids() -> tuple[str, ...]:
    """The ids a coach can pick a drawing from (each the id of the built-in exercise it draws)."""
    return tuple(_shipped_items())


@cache
def drawing_for(drawing_id: str | None, side: str | None = None) -> Drawing | None:
    """The drawing with this id, mirrored to `side` ("left"/"right") for a one-sided exercise; None when
    there is no such drawing (no drawing chosen, or an id from a newer library file)."""
    pair = _pose_pair(drawing_id or "")
    return draw_pair(pair, side) if pair else None


def exercise_drawing(exercise: Exercise | None, side: str | None = None) -> Drawing | None:
    """The drawing an exercise is shown with, or None."""
    return drawing_for(exercise.drawing, side) if exercise is not None else None
