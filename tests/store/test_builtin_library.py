"""The shipped exercise library: the clinical exercises are all there, complete and usable by the scheduler."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from planner.domain.exercise import CONDITIONS, Category, Exercise
from planner.store.seed import builtin_exercises

# The ids of shared/content/clinical.md section 3, written out so a rename is caught here.
CLINICAL_IDS = (
    "seated-band-pull-apart",
    "foam-roll-glutes",
    "figure-4-stretch",
    "lateral-band-walk",
    "foam-roll-quads",
    "standing-clamshell",
    "side-lying-clamshell",
    "donkey-kick",
    "fire-hydrant",
    "straight-leg-raise",
    "side-leg-raise",
    "hamstring-stretch",
    "runners-lunge-stretch",
    "half-pigeon",
    "side-step-up",
    "front-step-up",
    "single-leg-squat",
    "monster-walk",
    "single-leg-rdl",
    "single-leg-bridge",
    "side-bridge",
    "isometric-knee-extension",
    "spanish-squat",
    "heavy-slow-squat",
    "wall-squat",
    "isometric-hip-abduction-wall",
    "step-down",
    "pelvic-drop",
    "prone-hip-extension",
    "forward-lunge",
    "cadence-drill",
)


@pytest.fixture
def library() -> Iterator[tuple[Exercise, ...]]:
    """The library read fresh from disk, so no earlier test's cached copy is used."""
    builtin_exercises.cache_clear()
    yield builtin_exercises()
    builtin_exercises.cache_clear()


def by_id(library: tuple[Exercise, ...]) -> dict[str, Exercise]:
    return {exercise.id: exercise for exercise in library}


def test_file_parses_into_builtin_exercises(library: tuple[Exercise, ...]) -> None:
    assert len(library) >= len(CLINICAL_IDS)
    assert all(exercise.builtin for exercise in library)


def test_every_clinical_exercise_is_present(library: tuple[Exercise, ...]) -> None:
    missing = set(CLINICAL_IDS) - set(by_id(library))
    assert not missing


def test_ids_are_unique(library: tuple[Exercise, ...]) -> None:
    repeated = [ex_id for ex_id, count in Counter(ex.id for ex in library).items() if count > 1]
    assert not repeated


@pytest.mark.parametrize("field", ["instructions", "cues"])
def test_every_exercise_has_instructions_and_cues(library: tuple[Exercise, ...], field: str) -> None:
    low, high = (2, 5) if field == "instructions" else (1, 3)
    wrong = [ex.id for ex in library if not low <= len(getattr(ex, field)) <= high]
    assert not wrong, f"{field} count outside {low}-{high}"


def test_every_exercise_names_a_source(library: tuple[Exercise, ...]) -> None:
    assert not [ex.id for ex in library if not (ex.source and ex.source.strip())]


def test_every_dose_is_complete(library: tuple[Exercise, ...]) -> None:
    incomplete = [
        ex.id
        for ex in library
        if ex.dose.sets < 1
        or (ex.dose.reps is None and ex.dose.hold_s is None and ex.dose.duration_s is None)
        or ex.dose.rest_s is None
    ]
    assert not incomplete


def test_every_condition_is_known(library: tuple[Exercise, ...]) -> None:
    unknown = {(ex.id, cond) for ex in library for cond in ex.conditions if cond not in CONDITIONS}
    assert not unknown


def test_no_exercise_offers_a_loading_program_for_meniscus(library: tuple[Exercise, ...]) -> None:
    # Joint-line pain with catching is referred to a clinician, never given exercises.
    assert not [ex.id for ex in library if "meniscus" in ex.conditions]


def test_mobility_work_exists_without_equipment(library: tuple[Exercise, ...]) -> None:
    free = [ex.id for ex in library if ex.category in (Category.MOBILITY, Category.FOAM_ROLL) and ex.needs(frozenset())]
    assert free


@pytest.mark.parametrize(
    ("tag", "at_least"),
    [("heavy", 3), ("maintenance", 3), ("activation", 3), ("stretch", 3), ("foam_roll", 2)],
)
def test_scheduler_tags_have_enough_exercises(library: tuple[Exercise, ...], tag: str, at_least: int) -> None:
    assert len([ex for ex in library if tag in ex.tags]) >= at_least


def test_every_stretch_and_foam_roll_is_tagged_for_mobility_sessions(library: tuple[Exercise, ...]) -> None:
    expected = {Category.MOBILITY: "stretch", Category.FOAM_ROLL: "foam_roll"}
    untagged = [ex.id for ex in library if ex.category in expected and expected[ex.category] not in ex.tags]
    assert not untagged


def test_clinical_doses_follow_the_table(library: tuple[Exercise, ...]) -> None:
    exercises = by_id(library)
    knee = exercises["isometric-knee-extension"].dose
    assert (knee.sets, knee.hold_s, knee.rest_s) == (5, 45, 120)
    slow = exercises["heavy-slow-squat"].dose
    assert (slow.sets, slow.reps, slow.tempo) == (4, 15, "3-0-3")
    assert exercises["cadence-drill"].category is Category.GAIT
    assert exercises["cadence-drill"].equipment == ("metronome",)
    clam = exercises["side-lying-clamshell"]
    assert clam.equipment == ()
    assert "band" in clam.optional_equipment
