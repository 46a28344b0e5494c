"""The symptom wizard: likely patterns, red-flag triage and a short corrective routine.

The clinical knowledge lives in data (resources/wizard_rules.json, parsed by `parse_rules`); this
module only weighs the answers against it. Every score comes with the answers that produced it,
so the result can say *why*, and the same answers always give the same result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planner import DISCLAIMER
from planner.domain.plan import CorrectiveProgram, PlannedExercise
from planner.domain.wizard_answers import (
    TRIAGE_ORDER,
    Answers,
    PatternRule,
    RedFlag,
    Sign,
    Template,
    WizardRules,
    parse_answers,
    parse_rules,
)

__all__ = [
    "TRIAGE_ORDER",
    "Answers",
    "ConditionMatch",
    "FactorMatch",
    "NoteMatch",
    "WizardResult",
    "WizardRules",
    "evaluate",
    "parse_answers",
    "parse_rules",
]

SELF_CARE = "self_care"


@dataclass(frozen=True, slots=True)
class ConditionMatch:
    """A likely pattern with its score (0-1) and the answers that point to it or away from it."""

    id: str
    name: str
    score: float
    reasons: tuple[str, ...]
    against: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "reasons": list(self.reasons),
            "against": list(self.against),
        }


@dataclass(frozen=True, slots=True)
class FactorMatch:
    """Something in the training or running form that may feed the pain, and what to do about it."""

    id: str
    name: str
    reasons: tuple[str, ...]
    advice: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "reasons": list(self.reasons), "advice": self.advice}


@dataclass(frozen=True, slots=True)
class NoteMatch:
    """A caution the answers call for (e.g. numbness that may come from the back)."""

    id: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True, slots=True)
class WizardResult:
    """What the wizard tells the runner: triage, what to do, likely patterns, factors and a routine."""

    triage: str
    red_flags: tuple[RedFlag, ...]
    conditions: tuple[ConditionMatch, ...]
    factors: tuple[FactorMatch, ...]
    program: CorrectiveProgram | None
    actions: tuple[str, ...]
    notes: tuple[NoteMatch, ...] = ()
    disclaimer: str = DISCLAIMER

    @property
    def message(self) -> str:
        """The most important thing to do, in one sentence or two."""
        return self.actions[0] if self.actions else ""

    @property
    def top(self) -> ConditionMatch | None:
        return self.conditions[0] if self.conditions else None

    def to_dict(self) -> dict[str, Any]:
        """The wizard result object of the interface spec (plus message, actions and notes)."""
        return {
            "triage": self.triage,
            "red_flags": [f.to_dict() for f in self.red_flags],
            "conditions": [c.to_dict() for c in self.conditions],
            "factors": [f.to_dict() for f in self.factors],
            "program": self.program.to_dict() if self.program is not None else None,
            "message": self.message,
            "actions": list(self.actions),
            "notes": [n.to_dict() for n in self.notes],
            "disclaimer": self.disclaimer,
        }


def evaluate(answers: Answers, rules: WizardRules, names: Mapping[str, str]) -> WizardResult:
    """Weigh the answers against the rules; `names` maps exercise ids to the names shown.

    Triage: the most severe red flag wins; a note that needs a clinician, meniscus as the top
    pattern, no clear pattern, or pain for more than the rules' weeks raise it to
    see_clinician_soon. Only a self-care result carries a program.
    """
    # (triage, text) of everything the runner should do; sorted most severe first below.
    todo: list[tuple[str, str]] = []
    flags = tuple(sorted((rules.red_flags[f] for f in answers.red_flags), key=lambda f: -TRIAGE_ORDER.index(f.triage)))
    todo.extend((f.triage, f.action) for f in flags)

    notes = []
    for note in rules.notes:
        if all(sign.matches(answers) for sign in note.when):
            notes.append(NoteMatch(note.id, note.text))
            if note.triage:
                todo.append((note.triage, note.text))

    conditions = score_patterns(answers, rules)
    top = conditions[0] if conditions else None
    if top is None or top.score < rules.scoring.min_top_score:
        todo.append(_escalation(rules, "no_pattern"))
    elif rules.patterns[top.id].template is None:
        todo.append(_escalation(rules, f"{top.id}_top"))
    weeks = answers.weeks_with_pain
    if weeks is not None and weeks > rules.long_pain_weeks:
        todo.append(_escalation(rules, "long_pain"))

    triage = max((t for t, _ in todo), key=TRIAGE_ORDER.index, default=SELF_CARE)
    program = None
    if triage == SELF_CARE and top is not None:
        todo.append((SELF_CARE, rules.self_care_message))
        program = build_program(conditions, rules, names)
    todo.sort(key=lambda item: -TRIAGE_ORDER.index(item[0]))  # stable: rule order within a level
    actions = tuple(dict.fromkeys(text for _, text in todo))
    return WizardResult(
        triage=triage,
        red_flags=flags,
        conditions=conditions,
        factors=match_factors(answers, rules),
        program=program,
        actions=actions,
        notes=tuple(notes),
    )


def score_patterns(answers: Answers, rules: WizardRules) -> tuple[ConditionMatch, ...]:
    """Every pattern scoring above 0, best first (ties by id).

    score = squash((matched sign weights - matched counter-sign weights) / all sign weights),
    scaled down when none of the pattern's core signs (where it hurts) matched.
    """
    k = rules.scoring.squash
    out = []
    for pattern in rules.patterns.values():
        hits = [s for s in pattern.signs if s.matches(answers)]
        misses = [s for s in pattern.counter_signs if s.matches(answers)]
        total = sum(s.weight for s in pattern.signs)
        ratio = max(0.0, sum(s.weight for s in hits) - sum(s.weight for s in misses)) / total
        score = (1 - math.exp(-k * ratio)) / (1 - math.exp(-k))
        if any(s.core for s in pattern.signs) and not any(s.core for s in hits):
            score *= rules.scoring.missing_core_factor
        score = round(min(score, 1.0), 2)
        if score > 0:
            out.append(
                ConditionMatch(
                    id=pattern.id, name=pattern.name, score=score, reasons=_reasons(hits), against=_reasons(misses)
                )
            )
    out.sort(key=lambda c: (-c.score, c.id))
    return tuple(out)


def match_factors(answers: Answers, rules: WizardRules) -> tuple[FactorMatch, ...]:
    """The contributing factors the answers show, in the rules' order."""
    out = []
    for factor in rules.factors:
        hits = [s for s in factor.signs if s.matches(answers)]
        if hits:
            out.append(FactorMatch(factor.id, factor.name, _reasons(hits), factor.advice))
    return tuple(out)


def build_program(
    conditions: tuple[ConditionMatch, ...], rules: WizardRules, names: Mapping[str, str]
) -> CorrectiveProgram | None:
    """The routine for the top pattern; when the second scores close, one routine covering both.

    The two templates are taken in turn so both are served, an exercise appears once, and the
    routine keeps within the rules' caps (exercises and minutes).
    """
    if not conditions:
        return None
    used: list[PatternRule] = [rules.patterns[conditions[0].id]]
    if (
        len(conditions) > 1
        and conditions[0].score - conditions[1].score <= rules.scoring.close_margin
        and rules.patterns[conditions[1].id].template is not None
    ):
        used.append(rules.patterns[conditions[1].id])
    templates: list[Template] = [p.template for p in used if p.template is not None]
    if not templates:
        return None
    picked: dict[str, PlannedExercise] = {}
    served: list[str] = []
    minutes = 0.0
    longest = max(len(t.exercises) for t in templates)
    for i in range(longest):
        for pattern, template in zip(used, templates, strict=True):
            if i >= len(template.exercises) or len(picked) >= rules.max_exercises:
                continue
            item = template.exercises[i]
            cost = item.dose.minutes()
            if item.id in picked or minutes + cost > rules.max_minutes + 1e-9:
                continue
            picked[item.id] = PlannedExercise(item.id, names.get(item.id, item.id), item.dose, item.notes)
            minutes += cost
            if pattern.id not in served:
                served.append(pattern.id)
    advice = dict.fromkeys([rules.pain_monitoring, *(a for t in templates for a in t.advice)])
    return CorrectiveProgram(
        frequency_per_week=max(t.frequency_per_week for t in templates),
        exercises=tuple(picked.values()),
        advice=tuple(advice),
        conditions=tuple(p.id for p in used if p.id in served),
        heavy_slow_resistance=any(
            t.heavy_slow_resistance and any(e.id in picked for e in t.exercises) for t in templates
        ),
    )


def _reasons(signs: list[Sign]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.reason for s in signs if s.reason))


def _escalation(rules: WizardRules, key: str) -> tuple[str, str]:
    escalation = rules.escalations[key]
    return escalation.triage, escalation.message
