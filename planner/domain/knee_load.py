"""Which exercises load the knee hard: the rule the symptom check's findings use to keep work out of a plan.

Plain functions over `Exercise`, below both the session content and the library index (which caches them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from planner.domain.exercise import Category, Exercise

# Deep single-leg knee bends and split-stance work: high patellofemoral joint stress (Powers 2014), kept out
# of the first two weeks after a patellofemoral-pain check. The library tags them `deep_knee_flexion`; the
# ids and names below catch a coach's edited or imported copy that lacks the tag.
DEEP_KNEE_TAG = "deep_knee_flexion"
HEAVY_KNEE_TAG = "heavy_knee"
DEEP_KNEE_IDS = frozenset({"single-leg-squat", "bulgarian-split-squat", "forward-lunge", "split-squat", "pistol-squat"})
_DEEP_KNEE_NAME = re.compile(
    r"split[- ]squat|single[- ]leg squat|one[- ]leg squat|pistol|lunge|skater squat|shrimp squat|cossack", re.I
)
KNEE_TARGETS = frozenset({"quadriceps", "patellar_tendon", "quadriceps_tendon"})


def deep_knee_bend(e: Exercise) -> bool:
    """A deep single-leg knee bend or split squat (single-leg squat, Bulgarian split squat, lunges, pistol)."""
    if e.category in (Category.MOBILITY, Category.FOAM_ROLL, Category.GAIT):
        return False  # a runner's lunge *stretch* loads nothing
    return DEEP_KNEE_TAG in e.tags or e.id in DEEP_KNEE_IDS or bool(_DEEP_KNEE_NAME.search(e.name))


def heavy_knee_work(e: Exercise) -> bool:
    """Heavy loading of the knee extensors: deep knee bends, heavy quadriceps work (squats, step-ups,
    step-downs, leg press) and jumping. With tendon pain the tendon programme is the week's only such work."""
    if deep_knee_bend(e) or e.category is Category.PLYOMETRIC or HEAVY_KNEE_TAG in e.tags:
        return True
    return "heavy" in e.tags and bool(KNEE_TARGETS.intersection(e.targets))


def knee_exclusions(library: Iterable[Exercise], *, deep: bool, heavy: bool) -> frozenset[str]:
    """Ids of the library's deep knee bends (`deep`) and heavy knee work (`heavy`)."""
    out = set()
    for e in library:
        if (deep and deep_knee_bend(e)) or (heavy and heavy_knee_work(e)):
            out.add(e.id)
    return frozenset(out)
