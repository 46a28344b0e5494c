"""The symptom wizard's rules shipped in resources/wizard_rules.json, and a one-call wizard run."""

from __future__ import annotations

import json
from functools import cache

from planner.domain.wizard import WizardResult, WizardRules, evaluate, parse_answers, parse_rules
from planner.paths import resources_dir
from planner.store.seed import builtin_exercises

RULES_FILE = "wizard_rules.json"


@cache
def load_wizard_rules() -> WizardRules:
    """The shipped wizard rules, validated against the built-in library; a broken file raises ValueError."""
    path = resources_dir() / RULES_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {e.id for e in builtin_exercises()}
    try:
        return parse_rules(data, known_exercise_ids=known)
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc


def run_wizard(data: object) -> WizardResult:
    """Validate an answers object and run the wizard on it; bad answers raise BadInput."""
    answers = parse_answers(data)
    names = {e.id: e.name for e in builtin_exercises()}
    return evaluate(answers, load_wizard_rules(), names)
