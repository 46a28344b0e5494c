"""The wizard accepts exactly the answers of the interface spec and names whatever it refuses."""

from __future__ import annotations

import pytest

from planner.domain.errors import BadInput
from planner.domain.wizard_answers import Answers, parse_answers

SPEC_EXAMPLE = {
    "red_flags": [],
    "pain_regions": ["knee_outside"],
    "side": "left",
    "aggravators": ["downhill", "foot_strike", "set_distance_into_run"],
    "sensations": ["burning"],
    "onset": "gradual",
    "training_changes": ["mileage_jump"],
    "form": ["hip_drop"],
    "weeks_with_pain": 3,
    "pain_during_run": 4,
    "age": 34,
}


def test_the_spec_example_is_accepted() -> None:
    answers = parse_answers(SPEC_EXAMPLE)

    assert answers.pain_regions == ("knee_outside",)
    assert answers.aggravators == ("downhill", "foot_strike", "set_distance_into_run")
    assert (answers.side, answers.onset) == ("left", "gradual")
    assert (answers.weeks_with_pain, answers.pain_during_run, answers.age) == (3, 4, 34)


def test_only_pain_regions_is_required() -> None:
    answers = parse_answers({"pain_regions": ["buttock"]})

    assert answers == Answers(pain_regions=("buttock",))


def test_answers_round_trip_through_to_dict() -> None:
    answers = parse_answers(SPEC_EXAMPLE)

    assert parse_answers(answers.to_dict()) == answers


def test_a_repeated_choice_counts_once() -> None:
    answers = parse_answers({"pain_regions": ["knee_front", "knee_front"]})

    assert answers.pain_regions == ("knee_front",)


def test_unknown_key_is_refused_naming_it_and_the_allowed_keys() -> None:
    with pytest.raises(BadInput, match="'pain_level'") as info:
        parse_answers({"pain_regions": ["knee_front"], "pain_level": 3})

    # The message is cut to one readable line (errors.py), so only the start of the list is certain.
    assert "expected one of red_flags, pain_regions" in str(info.value)


def test_unknown_list_value_is_refused_naming_it_and_the_allowed_ones() -> None:
    with pytest.raises(BadInput, match="'ankle'") as info:
        parse_answers({"pain_regions": ["knee_front", "ankle"]})

    message = str(info.value)
    assert "pain_regions" in message
    assert "knee_below_kneecap" in message
    assert "buttock" in message


def test_unknown_single_value_is_refused() -> None:
    with pytest.raises(BadInput, match=r"'middle'.*left, right, both"):
        parse_answers({"pain_regions": ["knee_front"], "side": "middle"})


def test_unknown_red_flag_is_refused() -> None:
    with pytest.raises(BadInput, match=r"red_flags.*'broken_leg'.*expected one of trauma_cannot_bear_weight"):
        parse_answers({"pain_regions": ["knee_front"], "red_flags": ["broken_leg"]})


def test_pain_during_run_above_ten_is_refused() -> None:
    with pytest.raises(BadInput, match=r"11.*0-10") as info:
        parse_answers({"pain_regions": ["knee_front"], "pain_during_run": 11})

    assert "pain_during_run" in str(info.value)


def test_missing_pain_regions_is_refused() -> None:
    with pytest.raises(BadInput, match=r"pain_regions.*knee_front"):
        parse_answers({"side": "left"})


def test_empty_pain_regions_is_refused() -> None:
    with pytest.raises(BadInput, match="pain_regions"):
        parse_answers({"pain_regions": []})


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("weeks_with_pain", -1, "-1"),
        ("age", 4, "5-110"),
        ("age", 111, "5-110"),
        ("age", True, "True"),
        ("age", 34.5, "34.5"),
        ("pain_during_run", "4", "'4'"),
    ],
)
def test_numbers_must_be_whole_and_in_range(key: str, value: object, expected: str) -> None:
    with pytest.raises(BadInput, match=key) as info:
        parse_answers({"pain_regions": ["knee_front"], key: value})

    assert expected in str(info.value)


def test_a_list_answer_given_as_text_is_refused() -> None:
    with pytest.raises(BadInput, match=r"aggravators.*expected a list"):
        parse_answers({"pain_regions": ["knee_front"], "aggravators": "downhill"})


@pytest.mark.parametrize("data", [[], "knee_front", None, 3])
def test_answers_must_be_an_object(data: object) -> None:
    with pytest.raises(BadInput, match="expected an object"):
        parse_answers(data)
