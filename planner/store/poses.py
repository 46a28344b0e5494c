"""The built-in drawings: resources/poses.json, one start-and-end pose pair per built-in exercise."""

from __future__ import annotations

import json
from functools import cache

from planner.domain.drawing import Drawing, draw_pair
from planner.domain.pose import PosePair, parse_pose_pair
from planner.paths import resources_dir

POSES_FILE = "poses.json"


@cache
def pose_pairs() -> dict[str, PosePair]:
    """Every shipped pose pair by drawing id (an exercise id); a broken shipped file is our bug and raises."""
    data = json.loads((resources_dir() / POSES_FILE).read_text(encoding="utf-8"))
    return {drawing_id: parse_pose_pair(drawing_id, item) for drawing_id, item in data["poses"].items()}


def drawing_ids() -> tuple[str, ...]:
    """The ids a coach can pick a drawing from, in file order."""
    return tuple(pose_pairs())


def is_drawing_id(drawing_id: str | None) -> bool:
    """True when `drawing_id` names a shipped drawing."""
    return drawing_id is not None and drawing_id in pose_pairs()


@cache
def _drawing(drawing_id: str, side: str | None) -> Drawing:
    return draw_pair(pose_pairs()[drawing_id], side)


def drawing_for(drawing_id: str | None, side: str | None = None) -> Drawing | None:
    """The drawing with this id (mirrored to `side` for a one-sided exercise), or None when there is none."""
    if not is_drawing_id(drawing_id):
        return None
    assert drawing_id is not None
    return _drawing(drawing_id, side)
