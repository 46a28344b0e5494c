"""What goes into a session: exercises chosen from the library by phase, tags and equipment.

Content is chosen by category and tag, never by id, so a coach's own library works too. Tags the
built-in library uses: heavy (demanding single-leg or loaded strength for the off-season),
maintenance (short in-season strength), activation (light hip work fine before a run), stretch,
foam_roll, isometric, gait. A library that lacks a tag falls back to the category.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.domain.athlete import Athlete, Phase
from planner.domain.exercise import Category, Exercise
from planner.domain.knee_load import (  # noqa: F401  (re-exported: the session rules' callers read them here)
    DEEP_KNEE_IDS,
    DEEP_KNEE_TAG,
    HEAVY_KNEE_TAG,
    KNEE_TARGETS,
    deep_knee_bend,
    heavy_knee_work,
    knee_exclusions,
)
from planner.domain.library_index import (
    NOT_STRENGTH_TAGS,
    STRENGTH_CATEGORIES,
    LibraryIndex,
    Pool,
    library_index,
)

SESSION_LETTERS = "ABCDEFG"


@dataclass(frozen=True, slots=True)
class Recipe:
    """How many exercises a strength session takes from each pool."""

    heavy: int  # single-leg and loaded strength
    hip: int  # hip and trunk work that rounds the session off
    maintenance_only: bool = False  # in-season and taper: only heavy work also fit for maintenance


STRENGTH_RECIPES: dict[Phase, Recipe] = {
    Phase.OFF_SEASON: Recipe(heavy=3, hip=2),
    Phase.PRE_SEASON: Recipe(heavy=2, hip=2),
    Phase.IN_SEASON: Recipe(heavy=2, hip=1, maintenance_only=True),
    Phase.TAPER: Recipe(heavy=1, hip=2, maintenance_only=True),
}

# The longest a session may run (minutes, by Dose.minutes()): a runner's strength work has to fit
# around the running, shorter as the races come closer.
STRENGTH_MINUTES: dict[Phase, float] = {
    Phase.OFF_SEASON: 45,
    Phase.PRE_SEASON: 40,
    Phase.IN_SEASON: 30,
    Phase.TAPER: 20,
}
CORRECTIVE_MINUTES = 25.0
MOBILITY_MINUTES = 20.0
CORE_TARGETS = frozenset({"core", "trunk", "abdominals", "obliques"})


def strength_order(e: Exercise) -> int:
    """Where an exercise goes in a strength session: 0 heavy single-leg and compound work while
    fresh, 1 hip work, 2 core and isometric holds last."""
    if "heavy" in e.tags:
        return 0
    if e.category is Category.ISOMETRIC or "isometric" in e.tags or (e.targets and e.targets[0] in CORE_TARGETS):
        return 2
    return 1


def allowed_exercises(library: list[Exercise], athlete: Athlete) -> list[Exercise]:
    """The exercises the athlete's equipment allows, in a stable order (body-weight ones always)."""
    return list(library_index(library).for_equipment(athlete.equipment).allowed)


def _pick_varied(pool: list[Exercise], count: int, slots: int, slot: int) -> list[Exercise]:
    """`count` exercises for session `slot`, one per main target in turn, preferring those the
    week's earlier sessions used least, so A, B and C differ and each session mixes movements.

    The rule: each pick is the exercise with the smallest (times the week's earlier sessions used it, picks
    from its main-target group this session, distance of its group from the wanted one, pool position),
    groups in target order and the wanted group moving on one per pick. `Pool.pick_varied` computes it
    comparing one candidate per group.
    """
    return Pool.of(pool).pick_varied(count, slots, slot)


def strength_exercises(
    library: list[Exercise] | LibraryIndex,
    athlete: Athlete,
    phase: Phase,
    *,
    slot: int,
    slots: int,
    exclude: frozenset[str] = frozenset(),
) -> list[Exercise]:
    """The exercises of strength session number `slot` (0 = A) of `slots` that week.

    Off-season: five, built around heavy single-leg work plus hip work; pre-season four; in-season
    a short maintenance session of three; taper three. In the order a coach runs them
    (`strength_order`): heavy single-leg work first, hip work next, core and holds last. Sessions of the same
    week get different exercises, and session A stays the same from week to week within a phase so
    its doses can progress.

    Heavy work comes from the allowed strength exercises tagged heavy (in-season and taper: those also
    tagged maintenance, when there are any), hip work from the others tagged activation or maintenance, and
    a library short of either fills up from any strength work. The library's index does the picking once
    per phase, slot and exclusions (`planner.domain.library_index`).
    """
    recipe = STRENGTH_RECIPES.get(phase)
    if recipe is None:
        return []
    index = library_index(library).for_equipment(athlete.equipment)
    chosen = index.strength_session(recipe, phase, slot=slot, slots=slots, exclude=exclude)
    # Loaded single-leg work first while fresh, hip work next, trunk and holds last.
    return sorted(chosen, key=strength_order)


def _category_group(e: Exercise) -> str:
    if e.category in STRENGTH_CATEGORIES and not NOT_STRENGTH_TAGS.intersection(e.tags):
        return "strength"
    return e.category.value


def equipment_alternative(
    exercise: Exercise, library: Iterable[Exercise], owned: frozenset[str], *, avoid: frozenset[str] = frozenset()
) -> Exercise | None:
    """The body-weight (or owned-equipment) stand-in for `exercise`, or None when the library has none.

    The one rule for a routine exercise the athlete cannot do: the same kind of work (strength, stretch,
    rolling), the same main target, serving as many of the same conditions as possible; never one in
    `avoid` (already in the routine, or kept out by the check's finding).
    """
    main = exercise.targets[0] if exercise.targets else None
    group = _category_group(exercise)
    candidates = [
        e
        for e in library
        if e.id != exercise.id
        and e.id not in avoid
        and e.needs(owned)
        and _category_group(e) == group
        and main is not None
        and main in e.targets[:1]
    ]
    if not candidates:
        return None
    shared = set(exercise.conditions)
    return min(candidates, key=lambda e: (-len(shared.intersection(e.conditions)), e.id))


def strength_title(slot: int) -> str:
    return f"Strength {SESSION_LETTERS[slot]}"


def mobility_exercises(
    library: list[Exercise] | LibraryIndex, athlete: Athlete, phase: Phase, *, slot: int = 0, slots: int = 1
) -> list[Exercise]:
    """Stretches and foam rolling (race week: light activation and stretches), three to four.

    Dealt from the allowed stretches, rolling and activation work (not itself a stretch or rolling) by the
    library's index, once per phase and slot.
    """
    return list(library_index(library).for_equipment(athlete.equipment).mobility_session(phase, slot=slot, slots=slots))
