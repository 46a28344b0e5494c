"""What goes into a session: exercises chosen from the library by phase, tags and equipment.

Content is chosen by category and tag, never by id, so a coach's own library works too. Tags the
built-in library uses: heavy (demanding single-leg or loaded strength for the off-season),
maintenance (short in-season strength), activation (light hip work fine before a run), stretch,
foam_roll, isometric, gait. A library that lacks a tag falls back to the category.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from planner.domain.athlete import Athlete, Phase
from planner.domain.exercise import Category, Exercise

STRENGTH_CATEGORIES = frozenset({Category.STRENGTH, Category.ISOMETRIC, Category.PLYOMETRIC})
NOT_STRENGTH_TAGS = frozenset({"stretch", "foam_roll", "gait"})
SESSION_LETTERS = "ABCDEFG"

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
    return sorted((e for e in library if e.needs(athlete.equipment)), key=lambda e: e.id)


def _is_strength(e: Exercise) -> bool:
    return e.category in STRENGTH_CATEGORIES and not NOT_STRENGTH_TAGS.intersection(e.tags)


def _deal(pool: list[Exercise], count: int, slot: int, slots: int) -> list[Exercise]:
    """`count` exercises dealt from `pool` like cards, so sessions A, B and C of a week differ."""
    if not pool or count <= 0:
        return []
    slots = max(slots, 1)
    out: list[Exercise] = []
    k = 0
    while len(out) < min(count, len(pool)):
        e = pool[(slot + k * slots) % len(pool)]
        if e not in out:
            out.append(e)
        elif k > 2 * len(pool):
            break
        k += 1
    if len(out) < min(count, len(pool)):
        out += [e for e in pool if e not in out][: count - len(out)]
    return out


def _groups(pool: list[Exercise]) -> list[list[Exercise]]:
    """The pool split by main target (an exercise's first target), so a session mixes movements."""
    by_target: dict[str, list[Exercise]] = {}
    for e in pool:
        by_target.setdefault(e.targets[0] if e.targets else "", []).append(e)
    return [by_target[k] for k in sorted(by_target)]


def _pick_varied(pool: list[Exercise], count: int, slots: int, slot: int) -> list[Exercise]:
    """`count` exercises for session `slot`, one per main target in turn, preferring those the
    week's earlier sessions used least, so A, B and C differ and each session mixes movements."""
    groups = _groups(pool)
    if not groups or count <= 0:
        return []
    group_of = {e.id: gi for gi, group in enumerate(groups) for e in group}
    order = {e.id: i for i, e in enumerate(pool)}
    used: dict[str, int] = {}
    picked: list[Exercise] = []
    for s in range(slot + 1):
        picked = []
        picked_ids: set[str] = set()  # ids are unique in a library; comparing whole exercises was most of a plan
        while len(picked) < min(count, len(pool)):
            wanted_group = (s + len(picked)) % len(groups)
            in_session = [group_of[e.id] for e in picked]

            def rank(e: Exercise, wanted_group: int = wanted_group, in_session: list[int] = in_session) -> tuple:
                g = group_of[e.id]
                return (used.get(e.id, 0), in_session.count(g), (g - wanted_group) % len(groups), order[e.id])

            choice = min((e for e in pool if e.id not in picked_ids), key=rank)
            picked.append(choice)
            picked_ids.add(choice.id)
        for e in picked:
            used[e.id] = used.get(e.id, 0) + 1
    return picked


def strength_exercises(
    library: list[Exercise],
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
    """
    recipe = STRENGTH_RECIPES.get(phase)
    if recipe is None:
        return []
    strength = [e for e in allowed_exercises(library, athlete) if _is_strength(e) and e.id not in exclude]
    heavy = [e for e in strength if "heavy" in e.tags]
    if recipe.maintenance_only:
        heavy = [e for e in heavy if "maintenance" in e.tags] or heavy
    hip = [e for e in strength if "heavy" not in e.tags and {"activation", "maintenance"}.intersection(e.tags)]
    chosen = _pick_varied(heavy, recipe.heavy, slots, slot)
    chosen += [e for e in _pick_varied(hip, recipe.hip, slots, slot) if e not in chosen]
    wanted = recipe.heavy + recipe.hip
    if len(chosen) < wanted:  # a library short of tagged exercises: fill from any strength work
        rest = [e for e in strength if e not in chosen]
        chosen += _pick_varied(rest, wanted - len(chosen), slots, slot)
    # Loaded single-leg work first while fresh, hip work next, trunk and holds last.
    return sorted(chosen, key=strength_order)


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


def _is_stretch(e: Exercise) -> bool:
    return "stretch" in e.tags or e.category is Category.MOBILITY


def _is_rolling(e: Exercise) -> bool:
    return "foam_roll" in e.tags or e.category is Category.FOAM_ROLL


def mobility_exercises(
    library: list[Exercise], athlete: Athlete, phase: Phase, *, slot: int = 0, slots: int = 1
) -> list[Exercise]:
    """Stretches and foam rolling (race week: light activation and stretches), three to four."""
    usable = allowed_exercises(library, athlete)
    stretches = [e for e in usable if _is_stretch(e)]
    rolling = [e for e in usable if _is_rolling(e)]
    # By the exercise's own tags, not `e not in stretches`: that compared every pair (minutes at 10,000).
    activation = [e for e in usable if "activation" in e.tags and not _is_stretch(e) and not _is_rolling(e)]
    if phase is Phase.RACE_WEEK:
        picks = _deal(activation, 2, slot, slots) + _deal(stretches, 2, slot, slots)
    elif phase is Phase.RECOVERY:
        picks = _deal(stretches, 3, slot, slots) + _deal(rolling, 1, slot, slots)
    else:
        picks = _deal(rolling, 2, slot, slots) + _deal(stretches, 2, slot, slots)
    out: list[Exercise] = []
    for e in picks:
        if e not in out:
            out.append(e)
    return out
