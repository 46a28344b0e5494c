"""The library index: a plan's cost stays flat as the library grows, and the plans stay those of the rules.

A coach who imports a big library gets a plan as fast as with the shipped one because each plan finds the
library's index once and works from it (its id map, its id-sorted allowed lists) instead of passing over
every exercise again. These tests hold the plans to what the library says, whatever its order or container,
and count passes over the library (never time).
"""

from __future__ import annotations

import dataclasses
import random

from planner.domain.athlete import Athlete
from planner.domain.exercise import Exercise
from planner.domain.library_index import EquipmentIndex, LibraryIndex, library_index
from planner.domain.season import make_plan
from planner.domain.wizard import ConditionMatch, build_program
from tests.domain.test_golden_plans import CASES, big_library, frozen_library, frozen_rules

STAND_IN_NOTE = "which needs equipment you do not have"


class CountedList(list):
    """A library that counts the passes made over it."""

    passes = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.passes += 1
        return super().__iter__()


def _case(name: str):  # type: ignore[no-untyped-def]
    return next(c for c in CASES if c.name == name)


def _routine(pattern: str, library: list[Exercise] | tuple[Exercise, ...] | LibraryIndex, equipment=()):  # type: ignore[no-untyped-def]
    rules = frozen_rules()
    names = {e.id: e.name for e in frozen_library()}
    return build_program(
        (ConditionMatch(pattern, pattern, 0.9, ()),), rules, names, library=library, equipment=equipment
    )


def test_a_second_plan_passes_over_the_library_once() -> None:
    # The demo runner has a self-care check: the wizard's routine, its equipment fit and the scheduler all
    # ask about the library. Once it is indexed, the only pass left is the one finding its index.
    case = _case("demo_big_library")
    athlete = Athlete.from_dict(case.athlete())
    library = CountedList(case.library())
    make_plan(athlete, library, frozen_rules(), start=case.start, weeks=4)
    library.passes = 0
    make_plan(athlete, library, frozen_rules(), start=case.start, weeks=4)
    assert library.passes == 1


def test_an_indexed_tuple_is_its_index_exercises() -> None:
    # The index keeps the very tuple it was given, so asking again finds it by identity, with no pass.
    library = big_library(1_000)
    first = library_index(library)
    assert first.exercises is library
    assert library_index(library) is first


def test_a_plan_from_the_index_is_the_plan_from_the_library() -> None:
    case = _case("pfps_band")
    athlete = Athlete.from_dict(case.athlete())
    library = list(case.library())
    index = library_index(library)
    from_index = make_plan(athlete, index, frozen_rules(), start=case.start, weeks=case.weeks)
    from_list = make_plan(athlete, library, frozen_rules(), start=case.start, weeks=case.weeks)
    assert from_index.to_dict() == from_list.to_dict()


def test_an_index_reads_as_its_library() -> None:
    library = list(big_library(500))
    index = library_index(library)
    assert list(index) == library
    assert len(index) == len(library)
    assert library_index(index) is index


def test_a_library_changed_in_place_gets_a_fresh_index() -> None:
    library = list(big_library(500))
    before = library_index(library)
    library[0] = dataclasses.replace(library[0], name="Renamed by the coach")
    after = library_index(library)
    assert after is not before
    assert after.by_id[library[0].id].name == "Renamed by the coach"


def test_the_routine_stand_in_does_not_depend_on_the_library_order() -> None:
    # Body weight only: the IT band and gluteal tendon routines each need a library stand-in, the first
    # exercise by id that serves the pattern; a shuffled or reversed library must give the same routine.
    library = list(big_library(2_000))
    shuffled = list(library)
    random.Random(14).shuffle(shuffled)
    for pattern in ("itbs", "gluteal_tendinopathy"):
        routine = _routine(pattern, library)
        assert routine is not None
        assert any(STAND_IN_NOTE in e.notes for e in routine.exercises)
        assert _routine(pattern, shuffled) == routine
        assert _routine(pattern, tuple(reversed(library))) == routine


def test_the_routine_stand_in_is_the_first_by_id_the_athlete_can_do() -> None:
    library = frozen_library()
    routine = _routine("itbs", library)
    assert routine is not None
    stand_in = next(e for e in routine.exercises if STAND_IN_NOTE in e.notes)
    by_id = {e.id: e for e in library}
    chosen = by_id[stand_in.id]
    # A look-alike sorting before it by id, that the athlete can do, serving the same pattern: it is chosen.
    earlier = dataclasses.replace(chosen, id="a-" + chosen.id, name="A look-alike")
    routine = _routine("itbs", (*library, earlier))
    assert routine is not None
    assert "a-" + chosen.id in [e.id for e in routine.exercises]
    # One that needs equipment the athlete lacks is not.
    barbell = dataclasses.replace(earlier, equipment=("barbell",))
    routine = _routine("itbs", (*library, barbell))
    assert routine is not None
    assert stand_in.id in [e.id for e in routine.exercises]


def test_each_equipment_set_sees_what_its_own_pass_over_the_library_sees() -> None:
    # The index sorts and splits the library once and narrows it for each equipment set; what an athlete
    # can be given must be exactly what filtering, sorting and splitting the library for them gives.
    library = list(big_library(1_500))
    random.Random(17).shuffle(library)
    index = library_index(library)
    for owned in (frozenset(), frozenset({"band", "mat"}), frozenset({"dumbbell", "bench", "step", "foam_roller"})):
        narrowed, own = index.for_equipment(owned), EquipmentIndex.build(library, owned)
        assert narrowed.allowed == own.allowed
        assert narrowed.strength == own.strength
        assert narrowed.stretches == own.stretches
        assert narrowed.rolling == own.rolling
        assert narrowed.activation == own.activation
