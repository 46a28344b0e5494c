"""The wizard ranks the likely pattern first, says why, triages red flags and builds a safe routine."""

from __future__ import annotations

import json
from typing import Any

import pytest

from planner import DISCLAIMER
from planner.domain.wizard import WizardResult, WizardRules, evaluate, parse_answers, parse_rules
from planner.paths import resources_dir

PATTERNS = ("pfps", "itbs", "patellar_tendinopathy", "quadriceps_tendinopathy", "meniscus", "piriformis")
RED_FLAG_TRIAGE = {
    "trauma_cannot_bear_weight": "urgent",
    "rapid_swelling_after_injury": "urgent",
    "hot_red_swollen_joint_or_fever": "emergency",
    "knee_locks": "see_clinician_soon",
    "knee_gives_way": "see_clinician_soon",
    "night_or_rest_pain": "see_clinician_soon",
    "deep_groin_pain_worse_hopping": "urgent",
    "saddle_numbness_or_bladder_bowel_change": "emergency",
    "foot_drop_or_progressive_weakness": "emergency",
    "limping": "see_clinician_soon",
}


@pytest.fixture(scope="module")
def rules_data() -> dict[str, Any]:
    return json.loads((resources_dir() / "wizard_rules.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules(rules_data: dict[str, Any]) -> WizardRules:
    return parse_rules(rules_data)


def example(pattern: str) -> dict[str, Any]:
    path = resources_dir() / "examples" / f"answers_{pattern}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def run(rules: WizardRules, data: dict[str, Any]) -> WizardResult:
    return evaluate(parse_answers(data), rules, {})


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_typical_presentation_ranks_its_pattern_first_with_reasons(rules: WizardRules, pattern: str) -> None:
    result = run(rules, example(pattern))

    assert result.conditions[0].id == pattern
    assert result.conditions[0].reasons
    assert result.red_flags == ()


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if p != "meniscus"])
def test_a_typical_presentation_without_red_flags_gets_self_care_and_a_routine(
    rules: WizardRules, pattern: str
) -> None:
    result = run(rules, example(pattern))

    assert result.triage == "self_care"
    assert result.program is not None
    assert result.program.conditions[0] == pattern
    assert 3 <= result.program.frequency_per_week <= 4


def test_meniscus_on_top_means_see_a_clinician_and_no_routine(rules: WizardRules) -> None:
    result = run(rules, example("meniscus"))

    assert result.triage == "see_clinician_soon"
    assert result.program is None
    assert result.to_dict()["program"] is None
    assert "meniscus" in result.message


def test_itbs_example_gives_the_reasons_a_runner_recognises(rules: WizardRules) -> None:
    top = run(rules, example("itbs")).conditions[0]

    assert "Pain on the outside of the knee" in top.reasons
    assert "Starts at the same distance into a run" in top.reasons


def test_clicking_and_catching_point_away_from_itbs_toward_meniscus(rules: WizardRules) -> None:
    plain = run(rules, example("itbs"))
    clicking = run(rules, {**example("itbs"), "sensations": ["burning", "clicking", "catching"]})

    def score(result: WizardResult, pattern: str) -> float:
        return next((c.score for c in result.conditions if c.id == pattern), 0.0)

    assert score(clicking, "itbs") < score(plain, "itbs")
    assert score(clicking, "meniscus") > score(plain, "meniscus")
    itbs = next(c for c in clicking.conditions if c.id == "itbs")
    assert any("meniscus" in reason for reason in itbs.against)


@pytest.mark.parametrize(("flag", "triage"), sorted(RED_FLAG_TRIAGE.items()))
def test_each_red_flag_gives_its_triage_its_action_and_no_routine(rules: WizardRules, flag: str, triage: str) -> None:
    result = run(rules, {**example("pfps"), "red_flags": [flag]})

    assert result.triage == triage
    assert result.program is None
    assert result.message == rules.red_flags[flag].action
    [shown] = result.to_dict()["red_flags"]
    assert shown["id"] == flag
    assert shown["triage"] == triage
    assert shown["question"]
    assert shown["action"] == result.message


def test_mixed_red_flags_take_the_most_severe(rules: WizardRules) -> None:
    flags = ["limping", "trauma_cannot_bear_weight", "hot_red_swollen_joint_or_fever", "knee_locks"]
    result = run(rules, {**example("pfps"), "red_flags": flags})

    assert result.triage == "emergency"
    assert result.message == rules.red_flags["hot_red_swollen_joint_or_fever"].action
    assert [f.triage for f in result.red_flags] == ["emergency", "urgent", "see_clinician_soon", "see_clinician_soon"]


def test_urgent_beats_see_clinician_soon(rules: WizardRules) -> None:
    result = run(rules, {**example("itbs"), "red_flags": ["knee_gives_way", "deep_groin_pain_worse_hopping"]})

    assert result.triage == "urgent"
    assert result.message == rules.red_flags["deep_groin_pain_worse_hopping"].action


def test_pain_for_more_than_six_weeks_means_see_a_clinician(rules: WizardRules) -> None:
    result = run(rules, {**example("pfps"), "weeks_with_pain": 7})

    assert result.triage == "see_clinician_soon"
    assert result.program is None
    assert "6 weeks" in result.message


def test_six_weeks_of_pain_is_still_self_care(rules: WizardRules) -> None:
    assert run(rules, {**example("pfps"), "weeks_with_pain": 6}).triage == "self_care"


def test_numbness_notes_the_spine_and_needs_a_clinician(rules: WizardRules) -> None:
    result = run(rules, {**example("piriformis"), "sensations": ["dull_ache", "numbness"]})

    assert result.triage == "see_clinician_soon"
    assert any("lower back" in n.text for n in result.notes)
    piriformis = next(c for c in result.conditions if c.id == "piriformis")
    assert piriformis.against


def test_tingling_adds_a_spine_note_but_allows_self_care(rules: WizardRules) -> None:
    result = run(rules, example("piriformis"))

    assert result.triage == "self_care"
    assert any("lower back" in n.text for n in result.notes)


def test_answers_matching_no_pattern_mean_see_a_clinician(rules: WizardRules) -> None:
    # Calf pain with nothing else: no running pattern covers the calf (groin, used here before, now
    # fits the hip joint pattern).
    result = run(rules, {"pain_regions": ["calf"]})

    assert result.conditions == ()
    assert result.triage == "see_clinician_soon"
    assert result.program is None
    assert result.message


def test_close_patterns_get_one_routine_without_duplicates_within_the_caps(rules: WizardRules) -> None:
    result = run(rules, {"pain_regions": ["knee_front", "buttock"], "aggravators": ["prolonged_sitting", "squatting"]})
    first, second = result.conditions[:2]
    assert first.score - second.score <= rules.scoring.close_margin

    program = result.program
    assert program is not None
    ids = [e.id for e in program.exercises]
    assert len(ids) == len(set(ids))
    assert len(ids) <= rules.max_exercises
    assert program.minutes() <= rules.max_minutes + 1e-9
    assert program.conditions == (first.id, second.id)
    for pattern in (first.id, second.id):
        template = rules.patterns[pattern].template
        assert template is not None
        assert {e.id for e in template.exercises} & set(ids)


def test_a_clear_winner_gets_only_its_own_routine(rules: WizardRules) -> None:
    result = run(rules, example("itbs"))

    assert result.program is not None
    assert result.program.conditions == ("itbs",)


def test_patellar_tendon_pain_follows_heavy_slow_resistance(rules: WizardRules) -> None:
    program = run(rules, example("patellar_tendinopathy")).program

    assert program is not None
    assert program.heavy_slow_resistance
    assert [e.id for e in program.exercises] == ["isometric-knee-extension", "heavy-slow-squat"]


def test_every_routine_carries_the_pain_rule(rules: WizardRules) -> None:
    program = run(rules, example("pfps")).program

    assert program is not None
    # One pain rule everywhere (clinical content 5.3): up to 5/10, settled by the next morning.
    assert any("up to 5 out of 10" in a and "next morning" in a for a in program.advice)
    assert any("5-10 %" in a for a in program.advice)


def test_factors_name_what_the_answers_show(rules: WizardRules) -> None:
    result = run(rules, example("itbs"))

    factors = {f.id: f for f in result.factors}
    assert set(factors) == {"training_load_spike", "hip_drop"}
    assert "10 %" in factors["training_load_spike"].advice


def test_overstriding_advice_is_the_cadence_change(rules: WizardRules) -> None:
    result = run(rules, {"pain_regions": ["knee_front"], "form": ["heel_strike_straight_knee"]})

    [factor] = result.factors
    assert factor.id == "overstriding"
    assert "5-10 %" in factor.advice


def test_conditions_are_sorted_scored_and_positive(rules: WizardRules) -> None:
    result = run(
        rules,
        {
            "pain_regions": ["knee_front", "knee_outside", "knee_below_kneecap"],
            "aggravators": ["downhill", "squatting"],
        },
    )

    scores = [c.score for c in result.conditions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert all(round(s, 2) == s for s in scores)


def test_names_come_from_the_mapping_given(rules: WizardRules) -> None:
    result = evaluate(parse_answers(example("itbs")), rules, {"side-lying-clamshell": "Clamshell"})

    assert result.program is not None
    names = {e.id: e.name for e in result.program.exercises}
    assert names["side-lying-clamshell"] == "Clamshell"
    assert names["side-bridge"] == "side-bridge"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_result_dict_has_the_spec_shape_and_the_disclaimer(rules: WizardRules, pattern: str) -> None:
    out = run(rules, example(pattern)).to_dict()

    assert {"triage", "red_flags", "conditions", "factors", "program", "disclaimer"} <= set(out)
    assert out["disclaimer"] == DISCLAIMER
    assert out["triage"] in ("self_care", "see_clinician_soon", "urgent", "emergency")
    for condition in out["conditions"]:
        assert {"id", "name", "score", "reasons"} <= set(condition)
    for factor in out["factors"]:
        assert {"id", "name", "reasons"} <= set(factor)
    if out["program"] is not None:
        assert {"frequency_per_week", "exercises", "advice"} <= set(out["program"])
        for ex in out["program"]["exercises"]:
            assert {"id", "sets", "reps", "hold_s", "duration_s", "each_side"} <= set(ex)
            assert ex["sets"] >= 1
            assert any(ex[k] for k in ("reps", "hold_s", "duration_s"))
    json.dumps(out)


def test_red_flag_results_also_carry_the_disclaimer(rules: WizardRules) -> None:
    out = run(rules, {"pain_regions": ["knee_front"], "red_flags": ["limping"]}).to_dict()

    assert out["disclaimer"] == DISCLAIMER


def test_same_answers_same_result(rules: WizardRules) -> None:
    data = {"pain_regions": ["knee_front", "buttock"], "aggravators": ["prolonged_sitting", "squatting"]}

    assert run(rules, data).to_dict() == run(rules, data).to_dict()


def test_rules_with_an_unknown_exercise_id_are_refused(rules_data: dict[str, Any]) -> None:
    known = {"side-lying-clamshell"}

    with pytest.raises(ValueError, match="unknown exercise id"):
        parse_rules(rules_data, known_exercise_ids=known)


def test_rules_asking_about_an_unknown_answer_value_are_refused(rules_data: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(rules_data))
    broken["patterns"]["pfps"]["signs"][0]["any"] = ["kneecap"]

    with pytest.raises(ValueError, match="kneecap"):
        parse_rules(broken)


def test_rules_missing_a_red_flag_are_refused(rules_data: dict[str, Any]) -> None:
    broken = {**rules_data, "red_flags": rules_data["red_flags"][:-1]}

    with pytest.raises(ValueError, match="red_flags"):
        parse_rules(broken)
