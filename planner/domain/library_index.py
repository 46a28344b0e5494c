"""An index of the exercise library, built once per library and equipment set, so a plan's cost stays flat as
the library grows.

A 52-week plan asks for some 140 strength and 100 mobility sessions. Each used to filter and sort the whole
library and rank the whole pool for every pick: seconds with 10,000 exercises, a quarter of a minute with
50,000. The index does the library-wide work once: the exercises an equipment set allows (sorted by id), the
strength and mobility pools, each strength pool split by main target in pool order, and the id, name and tag
maps. Picking then compares one candidate per target group, and a session's exercises are remembered by phase
and slot, so the weeks of a phase cost nothing after the first.

The picks are exactly those of the rules in `planner.domain.session_content` (tests/domain/test_golden_plans.py
holds them to it). The index is cached with the library: asking again for an equal library returns the same
index, and a library that changed gets a new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

from planner.domain.athlete import Phase
from planner.domain.exercise import Category, Exercise
from planner.domain.knee_load import knee_exclusions

if TYPE_CHECKING:
    from planner.domain.session_content import Recipe

STRENGTH_CATEGORIES = frozenset({Category.STRENGTH, Category.ISOMETRIC, Category.PLYOMETRIC})
NOT_STRENGTH_TAGS = frozenset({"stretch", "foam_roll", "gait"})
HIP_TAGS = frozenset({"activation", "maintenance"})
_CACHED_LIBRARIES = 2  # the window's library and one other (a CLI run, a test's) are enough to keep


@dataclass(frozen=True, slots=True)
class Pool:
    """Exercises to pick from, in their order, and the positions of each main-target group's members.

    Groups are ordered by target name (the exercises without a target first), members by pool position:
    the order `session_content` ranks them in.
    """

    exercises: tuple[Exercise, ...]
    groups: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, exercises: Sequence[Exercise]) -> Pool:
        by_target: dict[str, list[int]] = {}
        for i, e in enumerate(exercises):
            by_target.setdefault(e.targets[0] if e.targets else "", []).append(i)
        return cls(tuple(exercises), tuple(tuple(by_target[k]) for k in sorted(by_target)))

    def pick_varied(self, count: int, slots: int, slot: int) -> list[Exercise]:
        """`count` exercises for session `slot`, one per main target in turn, preferring those the week's
        earlier sessions used least (see `session_content._pick_varied`, whose choices these are).

        Each pick takes the smallest (times used this week, picks from its group this session, distance
        from the wanted group, pool position). Within a group the first two terms and the distance are the
        same for every member, so the group's best member is the first one used least: only that one
        candidate per group is compared, instead of the whole pool.
        """
        groups = self.groups
        n_groups = len(groups)
        if not n_groups or count <= 0:
            return []
        wanted_total = min(count, len(self.exercises))
        used: dict[int, int] = {}  # pool position -> sessions of this week that picked it
        picked: list[int] = []
        for s in range(slot + 1):
            picked = []
            in_session: set[int] = set()
            from_group = [0] * n_groups
            while len(picked) < wanted_total:
                wanted_group = (s + len(picked)) % n_groups
                best: tuple[int, int, int, int] | None = None
                best_group = -1
                for g, members in enumerate(groups):
                    candidate: tuple[int, int] | None = None
                    for pos in members:
                        if pos in in_session:
                            continue
                        times = used.get(pos, 0)
                        if candidate is None or times < candidate[0]:
                            candidate = (times, pos)
                            if times == 0:
                                break  # nothing later in the group can rank before an unused member
                    if candidate is None:
                        continue
                    key = (candidate[0], from_group[g], (g - wanted_group) % n_groups, candidate[1])
                    if best is None or key < best:
                        best, best_group = key, g
                assert best is not None  # fewer picks than the pool holds, so some member is left
                picked.append(best[3])
                in_session.add(best[3])
                from_group[best_group] += 1
            for pos in picked:
                used[pos] = used.get(pos, 0) + 1
        return [self.exercises[pos] for pos in picked]


def is_strength(e: Exercise) -> bool:
    """Strength work: a strength, isometric or plyometric exercise not tagged as a stretch, rolling or gait drill."""
    return e.category in STRENGTH_CATEGORIES and not NOT_STRENGTH_TAGS.intersection(e.tags)


def is_stretch(e: Exercise) -> bool:
    return "stretch" in e.tags or e.category is Category.MOBILITY


def is_rolling(e: Exercise) -> bool:
    return "foam_roll" in e.tags or e.category is Category.FOAM_ROLL


@dataclass(slots=True)
class EquipmentIndex:
    """The library as one equipment set sees it: what it allows, its pools, and the sessions picked so far."""

    allowed: tuple[Exercise, ...]  # sorted by id
    strength: tuple[Exercise, ...]
    stretches: tuple[Exercise, ...]
    rolling: tuple[Exercise, ...]
    activation: tuple[Exercise, ...]
    _pools: dict[tuple[str, frozenset[str]], Pool] = field(default_factory=dict)
    _strength_picks: dict[tuple, tuple[Exercise, ...]] = field(default_factory=dict)
    _mobility_picks: dict[tuple, tuple[Exercise, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, library: Sequence[Exercise], owned: frozenset[str] | None = None) -> EquipmentIndex:
        """The index of `library` for `owned` equipment (None: every exercise, whatever it needs)."""
        # Exercise.needs, with the athlete's set built once instead of once per exercise.
        candidates = library if owned is None else [e for e in library if owned.issuperset(e.equipment)]
        allowed = sorted(candidates, key=attrgetter("id"))
        # One pass sorting each exercise into its pools, each rule asked once per exercise.
        strength: list[Exercise] = []
        stretches: list[Exercise] = []
        rolling: list[Exercise] = []
        activation: list[Exercise] = []
        for e in allowed:
            if is_strength(e):
                strength.append(e)
            stretch, rolls = is_stretch(e), is_rolling(e)
            if stretch:
                stretches.append(e)
            if rolls:
                rolling.append(e)
            # By the exercise's own tags, not `e not in stretches`: that compared every pair.
            if not stretch and not rolls and "activation" in e.tags:
                activation.append(e)
        return cls(
            allowed=tuple(allowed),
            strength=tuple(strength),
            stretches=tuple(stretches),
            rolling=tuple(rolling),
            activation=tuple(activation),
        )

    def allowing(self, owned: frozenset[str]) -> EquipmentIndex:
        """This index narrowed to what `owned` equipment allows: `build(library, owned)`, without sorting or
        asking the pool rules again (filtering keeps each list's order, and the rules ignore equipment)."""
        ok = owned.issuperset
        return EquipmentIndex(
            allowed=tuple([e for e in self.allowed if ok(e.equipment)]),
            strength=tuple([e for e in self.strength if ok(e.equipment)]),
            stretches=tuple([e for e in self.stretches if ok(e.equipment)]),
            rolling=tuple([e for e in self.rolling if ok(e.equipment)]),
            activation=tuple([e for e in self.activation if ok(e.equipment)]),
        )

    def _pool(self, name: str, exclude: frozenset[str], maintenance_only: bool = False) -> Pool:
        key = (f"{name}{'-maintenance' if maintenance_only else ''}", exclude)
        pool = self._pools.get(key)
        if pool is None:
            strength = [e for e in self.strength if e.id not in exclude] if exclude else self.strength
            if name == "heavy":
                members = [e for e in strength if "heavy" in e.tags]
                if maintenance_only:
                    members = [e for e in members if "maintenance" in e.tags] or members
            else:  # hip work that rounds a session off
                members = [e for e in strength if "heavy" not in e.tags and HIP_TAGS.intersection(e.tags)]
            pool = self._pools[key] = Pool.of(members)
        return pool

    def strength_session(
        self, recipe: Recipe, phase: Phase, *, slot: int, slots: int, exclude: frozenset[str]
    ) -> tuple[Exercise, ...]:
        """Session `slot` of `slots` in `phase`, before the order a coach runs them in; remembered."""
        key = (phase, slot, slots, exclude)
        chosen = self._strength_picks.get(key)
        if chosen is None:
            heavy = self._pool("heavy", exclude, recipe.maintenance_only)
            picks = heavy.pick_varied(recipe.heavy, slots, slot)
            ids = {e.id for e in picks}
            picks += [e for e in self._pool("hip", exclude).pick_varied(recipe.hip, slots, slot) if e.id not in ids]
            wanted = recipe.heavy + recipe.hip
            if len(picks) < wanted:  # a library short of tagged exercises: fill from any strength work
                ids = {e.id for e in picks}
                rest = [e for e in self.strength if e.id not in exclude and e.id not in ids]
                picks += Pool.of(rest).pick_varied(wanted - len(picks), slots, slot)
            chosen = self._strength_picks[key] = tuple(picks)
        return chosen

    def mobility_session(self, phase: Phase, *, slot: int, slots: int) -> tuple[Exercise, ...]:
        """Stretches and rolling (race week: activation and stretches) for session `slot`; remembered."""
        key = (phase, slot, slots)
        chosen = self._mobility_picks.get(key)
        if chosen is None:
            if phase is Phase.RACE_WEEK:
                picks = deal(self.activation, 2, slot, slots) + deal(self.stretches, 2, slot, slots)
            elif phase is Phase.RECOVERY:
                picks = deal(self.stretches, 3, slot, slots) + deal(self.rolling, 1, slot, slots)
            else:
                picks = deal(self.rolling, 2, slot, slots) + deal(self.stretches, 2, slot, slots)
            out: list[Exercise] = []
            for e in picks:
                if e not in out:
                    out.append(e)
            chosen = self._mobility_picks[key] = tuple(out)
        return chosen


def deal(pool: Sequence[Exercise], count: int, slot: int, slots: int) -> list[Exercise]:
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


class LibraryIndex:
    """What a plan needs of the whole library, worked out once: id, name and tag maps, the knee-exclusion
    sets and one `EquipmentIndex` per equipment set asked for."""

    __slots__ = ("_equipment", "_everything", "_knee", "_library", "by_id", "names", "tags")

    def __init__(self, library: Sequence[Exercise]) -> None:
        self._library = tuple(library)
        self.by_id: dict[str, Exercise] = {e.id: e for e in self._library}
        self.names: dict[str, str] = {e.id: e.name for e in self._library}
        self.tags: dict[str, tuple[str, ...]] = {e.id: tuple(e.tags) for e in self._library}
        self._equipment: dict[frozenset[str], EquipmentIndex] = {}
        self._knee: dict[tuple[bool, bool], frozenset[str]] = {}
        self._everything: EquipmentIndex | None = None  # every exercise, whatever it needs

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return self._library

    # The index reads as the library it indexes, so it can be handed wherever the library goes.
    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._library)

    def __len__(self) -> int:
        return len(self._library)

    def for_equipment(self, owned: frozenset[str] | set[str]) -> EquipmentIndex:
        """The library as an athlete with `owned` equipment sees it."""
        key = frozenset(owned)
        index = self._equipment.get(key)
        if index is None:
            if not self._equipment:  # the first set: only what it allows is sorted and split (the first plan)
                index = EquipmentIndex.build(self._library, key)
            else:
                if self._everything is None:
                    # A second set: sort and split the whole library once, for every set a club's athletes own;
                    # each one's index is then a filter of these lists, which keeps their order.
                    self._everything = EquipmentIndex.build(self._library)
                index = self._everything.allowing(key)
            self._equipment[key] = index
        return index

    def knee_exclusions(self, *, deep: bool, heavy: bool) -> frozenset[str]:
        """`knee_load.knee_exclusions` of this library, worked out once per kind."""
        if not deep and not heavy:
            return frozenset()
        found = self._knee.get((deep, heavy))
        if found is None:
            found = self._knee[deep, heavy] = knee_exclusions(self._library, deep=deep, heavy=heavy)
        return found


_cache: list[LibraryIndex] = []


def library_index(library: Iterable[Exercise] | LibraryIndex) -> LibraryIndex:
    """The index of `library`, from the cache when an equal library was indexed before.

    Equal means the same exercises in the same order; exercises are frozen, so the library a window holds
    and asks about again is found by identity at C speed, and one read again from the database compares
    equal field by field. A changed library gets a fresh index. An index is its own index, and a tuple
    already indexed is found by identity alone (it cannot have changed): a plan that hands either down
    costs nothing per call, whatever the library's size.
    """
    if isinstance(library, LibraryIndex):
        return library
    if isinstance(library, tuple):
        for index in _cache:
            if index.exercises is library:
                return index
    exercises = tuple(library)
    for i, index in enumerate(_cache):
        if index.exercises == exercises:
            if i:
                _cache.insert(0, _cache.pop(i))
            return index
    index = LibraryIndex(exercises)
    _cache.insert(0, index)
    del _cache[_CACHED_LIBRARIES:]
    return index
