"""Properties of the symptom check over random answer sets: what must hold for every runner, not only the examples."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.exercise import EQUIPMENT, Exercise
from planner.domain.wizard import WizardResult, WizardRules, evaluate, parse_answers, parse_rules
from planner.domain.wizard_answers import LIST_CHOICES, NUMBER_RANGES, SINGLE_CHOICES, YES_NO_KEYS
from planner.paths import resources_dir

SELF_CARE_WORDS = ("self-care", "routine below", "Do the routine")


@cache
def rules() -> WizardRules:
    return parse_rules(json.loads((resources_dir() / "wizard_rules.json").read_text(encoding="utf-8")))


@cache
def library() -> tuple[Exercise, ...]:
    data = json.loads((resources_dir() / "exercises.json").read_text(encoding="utf-8"))
    return tuple(Exercise.from_dict(item) for item in data["exercises"])


def _answers() -> st.SearchStrategy[dict[str, Any]]:
    parts: dict[str, st.SearchStrategy[Any]] = {
        "pain_regions": st.lists(st.sampled_from(LIST_CHOICES["pain_regions"]), min_size=1, max_size=3, unique=True)
    }
    for key, values in LIST_CHOICES.items():
        if key == "pain_regions":
            continue
        # Red flags are rare in real answers: mostly none, so the rules behind them get exercised too.
        size = 2 if key == "red_flags" else 4
        parts[key] = st.lists(st.sampled_from(values), max_size=size, unique=True)
    for key, values in SINGLE_CHOICES.items():
        parts[key] = st.none() | st.sampled_from(values)
    for key, (low, high) in NUMBER_RANGES.items():
        parts[key] = st.none() | st.integers(low, high if high is not None else 60)
    for key in YES_NO_KEYS:
        parts[key] = st.none() | st.booleans()
    return st.fixed_dictionaries({}, optional=parts).filter(lambda d: "pain_regions" in d)


def answers_strategy() -> st.SearchStrategy[dict[str, Any]]:
    return _answers().map(lambda d: {k: v for k, v in d.items() if v is not None})


def run(data: dict[str, Any], equipment: list[str] | None = None) -> WizardResult:
    lib = library()
    names = {e.id: e.name for e in lib}
    if equipment is None:
        return evaluate(parse_answers(data), rules(), names)
    return evaluate(parse_answers(data), rules(), names, library=lib, equipment=equipment)


@settings(max_examples=150, deadline=None)
@given(answers_strategy())
def test_no_routine_and_no_self_care_wording_beside_a_non_self_care_triage(data: dict[str, Any]) -> None:
    result = run(data)

    if result.triage == "self_care":
        return
    assert result.program is None
    said = " ".join([*result.actions, *(f.advice for f in result.factors), *(n.text for n in result.notes)])
    assert not any(word in said for word in SELF_CARE_WORDS), said


@settings(max_examples=150, deadline=None)
@given(answers_strategy())
def test_an_emergency_shows_no_likely_pattern_and_no_factor(data: dict[str, Any]) -> None:
    out = run(data).to_dict()

    if out["triage"] == "emergency":
        assert out["conditions"] == []
        assert out["factors"] == []
        assert out["program"] is None


@settings(max_examples=100, deadline=None)
@given(answers_strategy().filter(lambda d: bool(d.get("red_flags"))))
def test_every_red_flag_means_no_routine(data: dict[str, Any]) -> None:
    result = run(data)

    assert result.triage != "self_care"
    assert result.program is None


@settings(max_examples=150, deadline=None)
@given(answers_strategy())
def test_a_routine_never_holds_an_exercise_a_likely_pattern_forbids(data: dict[str, Any]) -> None:
    result = run(data)

    if result.program is None:
        return
    the_rules = rules()
    forbidden: set[str] = set()
    for i, match in enumerate(result.conditions):
        if i == 0 or match.score >= the_rules.scoring.avoid_from_score or match.id in result.program.conditions:
            forbidden |= the_rules.patterns[match.id].avoided_ids()
    assert not {e.id for e in result.program.exercises} & forbidden


@settings(max_examples=150, deadline=None)
@given(answers_strategy(), st.lists(st.sampled_from(EQUIPMENT), max_size=5, unique=True))
def test_with_equipment_given_no_routine_exercise_needs_what_the_athlete_lacks(
    data: dict[str, Any], equipment: list[str]
) -> None:
    result = run(data, equipment)

    if result.program is None:
        return
    by_id = {e.id: e for e in library()}
    for item in result.program.exercises:
        assert by_id[item.id].needs(frozenset(equipment)), (item.id, by_id[item.id].equipment, equipment)


@settings(max_examples=100, deadline=None)
@given(answers_strategy())
def test_the_result_is_deterministic_json_with_the_disclaimer(data: dict[str, Any]) -> None:
    first, second = run(data).to_dict(), run(data).to_dict()

    assert first == second
    assert first["disclaimer"]
    json.dumps(first)


@settings(max_examples=100, deadline=None)
@given(answers_strategy())
def test_a_self_care_routine_keeps_to_the_caps(data: dict[str, Any]) -> None:
    program = run(data).program

    if program is None:
        return
    ids = [e.id for e in program.exercises]
    assert len(ids) == len(set(ids))
    assert len(ids) <= rules().max_exercises
    assert program.minutes() <= rules().max_minutes + 1e-9
    assert 3 <= program.frequency_per_week <= 4
