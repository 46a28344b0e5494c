"""The built-in exercise library shipped in resources/exercises.json."""

from __future__ import annotations

import json
from functools import cache

from planner.domain.exercise import Exercise
from planner.paths import resources_dir

BUILTIN_FILE = "exercises.json"


@cache
def builtin_exercises() -> tuple[Exercise, ...]:
    """Every built-in exercise, validated; a broken shipped file is our bug and raises.

    A built-in is drawn with the pose pair of its own id (resources/poses.json) when there is one.
    """
    from planner.store.poses import drawing_ids

    path = resources_dir() / BUILTIN_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    drawn = drawing_ids()
    return tuple(
        Exercise.from_dict(
            {"drawing": item["id"] if item.get("id") in drawn else None, **item, "builtin": True},
            where=f"{path.name}[{i}]",
        )
        for i, item in enumerate(data["exercises"])
    )
