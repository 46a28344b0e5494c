"""Which built-in exercises have a drawing (resources/poses.json), for seeding the library."""

from __future__ import annotations

from functools import cache

from planner.domain.pose import read_pose_file
from planner.paths import resources_dir

POSES_FILE = "poses.json"


@cache
def drawing_ids() -> frozenset[str]:
    """The ids of the shipped drawings (each the id of the built-in exercise it draws)."""
    return frozenset(read_pose_file(resources_dir() / POSES_FILE))
