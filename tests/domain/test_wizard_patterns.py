"""The six patterns of clinical content section 5.2: each recognised from its own story, not from a near miss,
with a routine that keeps what the pattern forbids out."""

from __future__ import annotations

import json
from typing import Any

import pytest

from planner.domain.wizard import WizardResult, WizardRules, evaluate, parse_answers, parse_rules
from planner.paths import resources_dir


@pytest.fixture(scope="module")
def rules() -> WizardRules:
    return parse_rules(json.loads((resources_dir() / "wizard_rules.json").read_text(encoding="utf-8")))


def run(rules: WizardRules, data: dict[str, Any]) -> WizardResult:
    return evaluate(parse_answers(data), rules, {})


# (pattern, triage, answers): the pattern ranks first and the triage is as section 5.2 says.
PRESENTATIONS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "gluteal_tendinopathy",
        "self_care",
        {"age": 52, "sex": "female", "pain_regions": ["hip_outside"], "aggravators": ["lying_on_side", "stairs_up"]},
    ),
    (
        "gluteal_tendinopathy",
        "self_care",
        {
            "age": 47,
            "pain_regions": ["hip_outside"],
            "aggravators": ["standing_on_one_leg", "crossing_legs"],
            "pain_extent": "one_spot",
        },
    ),
    (
        "fat_pad",
        "self_care",
        {
            "age": 34,
            "pain_regions": ["knee_below_kneecap"],
            "aggravators": ["knee_straight", "long_standing"],
            "pain_extent": "wide_area",
        },
    ),
    (
        "fat_pad",
        "self_care",
        {
            "age": 26,
            "pain_regions": ["knee_below_kneecap", "knee_front"],
            "aggravators": ["long_standing"],
            "sensations": ["swelling"],
            "onset": "gradual",
        },
    ),
    (
        "hip_joint",
        "see_clinician_soon",
        {
            "age": 32,
            "pain_regions": ["groin"],
            "aggravators": ["deep_hip_flexion", "prolonged_sitting"],
            "sensations": ["clicking"],
        },
    ),
    (
        "hip_joint",
        "see_clinician_soon",
        {
            "age": 29,
            "pain_regions": ["groin", "hip_outside"],
            "aggravators": ["deep_hip_flexion", "twisting"],
            "sensations": ["catching"],
        },
    ),
    (
        "osgood_schlatter",
        "self_care",
        {
            "age": 12,
            "pain_regions": ["knee_below_kneecap"],
            "bump_below_kneecap": True,
            "aggravators": ["jumping", "kneeling"],
        },
    ),
    (
        "osgood_schlatter",
        "self_care",
        {
            "age": 10,
            "sex": "female",
            "pain_regions": ["knee_below_kneecap"],
            "aggravators": ["kneeling", "squatting"],
            "onset": "gradual",
        },
    ),
    (
        "pes_anserine",
        "self_care",
        {
            "age": 55,
            "sex": "female",
            "pain_regions": ["knee_inside_below"],
            "aggravators": ["stairs_up", "getting_up_from_chair"],
        },
    ),
    (
        "pes_anserine",
        "self_care",
        {"age": 44, "pain_regions": ["knee_inside_below"], "aggravators": ["stairs_down"], "onset": "gradual"},
    ),
    (
        "proximal_hamstring_tendinopathy",
        "self_care",
        {
            "age": 38,
            "pain_regions": ["sit_bone"],
            "aggravators": ["sitting_hard_seat", "uphill", "speed_work"],
            "onset": "gradual",
        },
    ),
    (
        "proximal_hamstring_tendinopathy",
        "self_care",
        {
            "pain_regions": ["sit_bone", "thigh_back"],
            "aggravators": ["stretching_hamstrings"],
            "training_changes": ["more_speed_work"],
        },
    ),
]

# (pattern, answers): the closest stories that must NOT rank the pattern first.
NEAR_MISSES: list[tuple[str, dict[str, Any]]] = [
    (
        "gluteal_tendinopathy",
        {
            "pain_regions": ["hip_outside", "knee_outside"],
            "aggravators": ["set_distance_into_run", "foot_strike"],
            "sensations": ["burning"],
        },
    ),
    (
        "fat_pad",
        {
            "pain_regions": ["knee_below_kneecap"],
            "aggravators": ["jumping", "eases_when_warm", "day_after_hard_session"],
            "pain_extent": "one_spot",
        },
    ),
    ("hip_joint", {"pain_regions": ["hip_outside"], "aggravators": ["lying_on_side", "crossing_legs"]}),
    (
        "osgood_schlatter",
        {"age": 25, "pain_regions": ["knee_below_kneecap"], "bump_below_kneecap": True, "aggravators": ["jumping"]},
    ),
    ("osgood_schlatter", {"pain_regions": ["knee_below_kneecap"], "aggravators": ["jumping", "kneeling"]}),
    (
        "pes_anserine",
        {"pain_regions": ["knee_inside"], "aggravators": ["twisting"], "sensations": ["catching"], "injury": "twist"},
    ),
    (
        "proximal_hamstring_tendinopathy",
        {"pain_regions": ["buttock"], "aggravators": ["prolonged_sitting"], "sensations": ["tingling_down_leg"]},
    ),
]


@pytest.mark.parametrize(
    ("pattern", "triage", "answers"), PRESENTATIONS, ids=[f"{p}-{i}" for i, (p, _, _) in enumerate(PRESENTATIONS)]
)
def test_each_new_pattern_is_recognised_with_reasons_and_its_triage(
    rules: WizardRules, pattern: str, triage: str, answers: dict[str, Any]
) -> None:
    result = run(rules, answers)

    assert result.conditions[0].id == pattern
    assert result.conditions[0].reasons
    assert result.triage == triage
    assert (result.program is not None) == (triage == "self_care")


@pytest.mark.parametrize(("pattern", "answers"), NEAR_MISSES, ids=[p for p, _ in NEAR_MISSES])
def test_a_near_miss_does_not_rank_the_pattern_first(rules: WizardRules, pattern: str, answers: dict[str, Any]) -> None:
    result = run(rules, answers)

    assert not result.conditions or result.conditions[0].id != pattern


@pytest.mark.parametrize(
    ("pattern", "triage", "answers"),
    [p for p in PRESENTATIONS if p[1] == "self_care"],
    ids=[f"{p}-{i}" for i, (p, t, _) in enumerate(PRESENTATIONS) if t == "self_care"],
)
def test_a_routine_never_holds_what_its_pattern_forbids(
    rules: WizardRules, pattern: str, triage: str, answers: dict[str, Any]
) -> None:
    program = run(rules, answers).program

    assert program is not None
    assert pattern in program.conditions
    assert not {e.id for e in program.exercises} & rules.patterns[pattern].avoided_ids()


def test_outer_hip_tendon_routine_starts_with_holds_and_skips_crossing_stretches(rules: WizardRules) -> None:
    program = run(rules, PRESENTATIONS[0][2]).program

    assert program is not None
    ids = [e.id for e in program.exercises]
    assert ids[0] == "supine-isometric-hip-abduction"
    assert not {"figure-4-stretch", "half-pigeon", "foam-roll-glutes"} & set(ids)
    assert any("crossing the legs" in a for a in program.advice)


def test_high_hamstring_routine_loads_slowly_and_never_stretches_the_tendon(rules: WizardRules) -> None:
    program = run(rules, PRESENTATIONS[10][2]).program

    assert program is not None
    ids = [e.id for e in program.exercises]
    assert "hamstring-bridge-hold" in ids and "romanian-deadlift" in ids
    assert "hamstring-stretch" not in ids


def test_growth_plate_pain_reassures_and_cuts_jumping(rules: WizardRules) -> None:
    program = run(rules, PRESENTATIONS[6][2]).program

    assert program is not None
    assert "heavy-slow-squat" not in {e.id for e in program.exercises}
    assert any("settles as growth slows" in a for a in program.advice)
    assert any("jumping" in a for a in program.advice)


def test_hip_joint_on_top_means_no_routine_and_no_deep_stretch_advice(rules: WizardRules) -> None:
    result = run(rules, PRESENTATIONS[4][2])

    assert result.program is None
    assert "hip joint" in result.message


def test_a_likely_outer_hip_tendon_keeps_its_forbidden_stretches_out_of_a_buttock_routine(rules: WizardRules) -> None:
    result = run(
        rules,
        {"age": 45, "pain_regions": ["hip_outside", "buttock"], "aggravators": ["lying_on_side", "prolonged_sitting"]},
    )

    assert result.program is not None
    assert {c.id for c in result.conditions[:2]} == {"piriformis", "gluteal_tendinopathy"}
    assert not {e.id for e in result.program.exercises} & rules.patterns["gluteal_tendinopathy"].avoided_ids()
