"""docs/clinical-basis.md explains every rule the wizard applies and every answer it accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.domain.wizard_answers import ANSWER_KEYS, LIST_CHOICES, SINGLE_CHOICES
from planner.paths import resources_dir

DOC = Path(__file__).resolve().parents[2] / "docs" / "clinical-basis.md"
RULES = json.loads((resources_dir() / "wizard_rules.json").read_text(encoding="utf-8"))


def rule_ids() -> list[str]:
    return [
        *(f["id"] for f in RULES["red_flags"]),
        *(r["id"] for r in RULES["triage_rules"]),
        *RULES["patterns"],
        *RULES["escalations"],
        *(n["id"] for n in RULES["notes"]),
        *(f["id"] for f in RULES["factors"]),
    ]


@pytest.mark.parametrize("rule", rule_ids())
def test_every_rule_is_explained_with_its_source(rule: str) -> None:
    text = DOC.read_text(encoding="utf-8")

    assert f"`{rule}`" in text


def test_every_answer_key_and_value_is_listed() -> None:
    text = DOC.read_text(encoding="utf-8")

    for key in ANSWER_KEYS:
        assert f"`{key}`" in text, key
    for values in (*LIST_CHOICES.values(), *SINGLE_CHOICES.values()):
        for value in values:
            assert f"`{value}`" in text, value


def test_the_page_never_claims_a_diagnosis() -> None:
    text = DOC.read_text(encoding="utf-8").lower()

    assert "never diagnoses" in text
    assert "likely pattern" in text
