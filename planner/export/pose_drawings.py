"""The shipped drawings (resources/poses.json) by id, without reportlab: what the window shows on screen.

`planner.export.drawing` paints them on paper with reportlab and re-exports these names; the Library's
detail pane imports them from here, so showing an exercise at start-up imports no PDF machinery.
"""

from __future__ import annotations

from functools import cache

from planner.domain.drawing import Drawing, draw_pair
from planner.domain.exercise import Exercise
from planner.domain.pose import PosePair, read_pose_file
from planner.paths import resources_dir

POSES_FILE = "poses.json"


@cache
def shipped_pose_pairs() -> dict[str, PosePair]:
    """Every shipped pose pair by drawing id, in file order; a broken shipped file is our bug and raises."""
    return read_pose_file(resources_dir() / POSES_FILE)


def drawing_ids() -> tuple[str, ...]:
    """The ids a coach can pick a drawing from (each the id of the built-in exercise it draws)."""
    return tuple(shipped_pose_pairs())


@cache
def drawing_for(drawing_id: str | None, side: str | None = None) -> Drawing | None:
    """The drawing with this id, mirrored to `side` ("left"/"right") for a one-sided exercise; None when
    there is no such drawing (no drawing chosen, or an id from a newer library file)."""
    pair = shipped_pose_pairs().get(drawing_id or "")
    return draw_pair(pair, side) if pair else None


def exercise_drawing(exercise: Exercise | None, side: str | None = None) -> Drawing | None:
    """The drawing an exercise is shown with, or None."""
    return drawing_for(exercise.drawing, side) if exercise is not None else None
