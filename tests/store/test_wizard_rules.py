"""The shipped wizard rules load, point only at exercises in the library and keep routines short."""

from __future__ import annotations

import json

import pytest

from planner.domain.errors import BadInput
from planner.domain.exercise import CONDITIONS
from planner.domain.wizard_answers import RED_FLAG_IDS
from planner.paths import resources_dir
from planner.store.seed import builtin_exercises
from planner.store.wizard_rules import load_wizard_rules, run_wizard


def test_the_shipped_rules_load_and_are_cached() -> None:
    assert load_wizard_rules() is load_wizard_rules()


def test_every_template_exercise_exists_in_the_library() -> None:
    library = {e.id for e in builtin_exercises()}

    assert load_wizard_rules().exercise_ids() <= library


def test_every_template_exercise_has_a_complete_dose() -> None:
    for pattern in load_wizard_rules().patterns.values():
        for item in pattern.template.exercises if pattern.template else ():
            assert item.dose.sets >= 1, item.id
            assert item.dose.reps or item.dose.hold_s or item.dose.duration_s, item.id


def test_every_pattern_has_rules_and_only_meniscus_and_hip_joint_have_no_routine() -> None:
    patterns = load_wizard_rules().patterns

    assert set(patterns) == set(CONDITIONS)
    # Both are referred to a clinician before any loading (clinical content sections 2 and 5.2).
    assert [p for p, rule in patterns.items() if rule.template is None] == ["meniscus", "hip_joint"]


def test_every_routine_template_fits_the_caps_and_the_weekly_frequency() -> None:
    rules = load_wizard_rules()

    for pattern in rules.patterns.values():
        if pattern.template is None:
            continue
        template = pattern.template
        assert 3 <= template.frequency_per_week <= 4
        assert len(template.exercises) <= rules.max_exercises
        assert sum(e.dose.minutes() for e in template.exercises) <= rules.max_minutes + 1e-9, pattern.id


def test_the_ten_red_flags_have_a_question_a_triage_and_an_action() -> None:
    flags = load_wizard_rules().red_flags

    assert tuple(flags) == RED_FLAG_IDS
    for flag in flags.values():
        assert flag.question
        assert flag.action
        assert flag.triage in ("see_clinician_soon", "urgent", "emergency")


def test_the_rules_file_names_the_contributing_factors() -> None:
    ids = {f.id for f in load_wizard_rules().factors}

    assert {
        "training_load_spike",
        "more_hills",
        "new_surface",
        "worn_shoes",
        "back_after_layoff",
        "hip_drop",
        "overstriding",
        "backseat_posture",
        "overpronation",
    } <= ids


def test_run_wizard_shows_library_names_in_the_routine() -> None:
    names = {e.id: e.name for e in builtin_exercises()}
    data = json.loads((resources_dir() / "examples" / "answers_pfps.json").read_text(encoding="utf-8"))

    result = run_wizard(data)

    assert result.program is not None
    assert all(e.name == names[e.id] for e in result.program.exercises)


def test_run_wizard_refuses_bad_answers() -> None:
    with pytest.raises(BadInput, match="'ankle'"):
        run_wizard({"pain_regions": ["ankle"]})
