"""The symptom wizard: likely patterns, triage on the whole answer set, and a short corrective routine.

The clinical knowledge lives in data (resources/wizard_rules.json, parsed by `parse_rules`); this
module only weighs the answers against it. Every score and every triage comes with the answers that
produced it, so the result can say *why*, and the same answers always give the same result.

Safety first: the triage is the most severe of the ticked red flags, the triage rules that read the
whole answer set (age, context, where and how it hurts), the notes and the escalations. Only a
self-care result carries a routine or self-care advice; an emergency shows the action only.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planner import DISCLAIMER
from planner.domain.exercise import Category, Dose, Exercise
from planner.domain.library_index import LibraryIndex, library_index
from planner.domain.plan import CorrectiveProgram, PlannedExercise
from planner.domain.wizard_answers import Answers, parse_answers
from planner.domain.wizard_rulebook import (
    TRIAGE_ORDER,
    PatternRule,
    RedFlag,
    Sign,
    Template,
    WizardRules,
    parse_rules,
)

__all__ = [
    "TRIAGE_ORDER",
    "AlertMatch",
    "Answers",
    "ConditionMatch",
    "FactorMatch",
    "NoteMatch",
    "WizardResult",
    "WizardRules",
    "build_program",
    "evaluate",
    "parse_answers",
    "parse_rules",
]

SELF_CARE = "self_care"
URGENT = "urgent"
EMERGENCY = "emergency"


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
    """Something in the training, running form or health that may feed the pain, and what to do about it.

    `advice` is empty when the result is not self-care and the advice would be self-care.
    """

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
class AlertMatch:
    """A triage rule the whole answer set fired (no warning-sign box needed), with why and what to do."""

    id: str
    triage: str
    action: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "triage": self.triage, "action": self.action, "reasons": list(self.reasons)}


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
    alerts: tuple[AlertMatch, ...] = ()
    disclaimer: str = DISCLAIMER

    @property
    def message(self) -> str:
        """The most important thing to do, in one sentence or two."""
        return self.actions[0] if self.actions else ""

    @property
    def top(self) -> ConditionMatch | None:
        return self.conditions[0] if self.conditions else None

    def to_dict(self) -> dict[str, Any]:
        """The wizard result object of the interface spec (plus message, actions, notes and alerts)."""
        return {
            "triage": self.triage,
            "red_flags": [f.to_dict() for f in self.red_flags],
            "alerts": [a.to_dict() for a in self.alerts],
            "conditions": [c.to_dict() for c in self.conditions],
            "factors": [f.to_dict() for f in self.factors],
            "program": self.program.to_dict() if self.program is not None else None,
            "message": self.message,
            "actions": list(self.actions),
            "notes": [n.to_dict() for n in self.notes],
            "disclaimer": self.disclaimer,
        }


def evaluate(
    answers: Answers,
    rules: WizardRules,
    names: Mapping[str, str],
    *,
    library: Iterable[Exercise] | None = None,
    equipment: Collection[str] | None = None,
) -> WizardResult:
    """Weigh the answers against the rules; `names` maps exercise ids to the names shown.

    Triage is the most severe of: the ticked red flags, the triage rules the whole answer set fires,
    notes that need a clinician, meniscus or hip joint as the top pattern, no clear pattern, pain for
    more than the rules' weeks without getting better. Only a self-care result carries a program;
    with `equipment` (and the `library` that says what each exercise needs) the routine holds only
    exercises the athlete can do (see `build_program`). The actions are those of the result's own
    level, most important first: a lower level's advice would contradict it ("see someone in six
    weeks" beside "today").
    """
    todo: list[tuple[str, str]] = []  # (triage, what to do), in rule order
    flags = tuple(sorted((rules.red_flags[f] for f in answers.red_flags), key=lambda f: -TRIAGE_ORDER.index(f.triage)))
    todo.extend((f.triage, f.action) for f in flags)

    alerts = []
    for rule in rules.triage_rules:
        reasons = rule.reasons_if_fired(answers)
        if reasons is not None:
            alerts.append(AlertMatch(rule.id, rule.triage, rule.action, reasons))
    alerts.sort(key=lambda a: -TRIAGE_ORDER.index(a.triage))  # stable: rule order within a level
    todo.extend((a.triage, a.action) for a in alerts)

    notes: list[tuple[NoteMatch, str | None]] = []
    for note in rules.notes:
        if all(sign.matches(answers) for sign in note.when):
            notes.append((NoteMatch(note.id, note.text), note.triage))
            if note.triage:
                todo.append((note.triage, note.text))

    conditions = score_patterns(answers, rules)
    top = conditions[0] if conditions else None
    if top is None or top.score < rules.scoring.min_top_score:
        todo.append(_escalation(rules, "no_pattern"))
    elif rules.patterns[top.id].template is None:
        todo.append(_escalation(rules, f"{top.id}_top"))
    weeks = answers.weeks_with_pain
    long_pain = rules.escalations["long_pain"]
    if weeks is not None and weeks > rules.long_pain_weeks and not any(s.matches(answers) for s in long_pain.unless):
        todo.append(_escalation(rules, "long_pain"))

    triage = max((t for t, _ in todo), key=TRIAGE_ORDER.index, default=SELF_CARE)
    program = None
    if triage == SELF_CARE and top is not None:
        todo.append((SELF_CARE, rules.self_care_message))
        program = build_program(conditions, rules, names, library=library, equipment=equipment)
    actions = tuple(dict.fromkeys(text for level, text in todo if level == triage))
    factors = match_factors(answers, rules, referred=triage != SELF_CARE)
    if TRIAGE_ORDER.index(triage) >= TRIAGE_ORDER.index(URGENT):
        # Beside "today" or "now", a mild note (tingling may come from the back...) only distracts.
        notes = [(n, t) for n, t in notes if t is not None]
    if triage == EMERGENCY:
        # The action only: a likely pattern or a factor beside "go now" falsely reassures.
        conditions, factors = (), ()
    return WizardResult(
        triage=triage,
        red_flags=flags,
        conditions=conditions,
        factors=factors,
        program=program,
        actions=actions,
        notes=tuple(n for n, _ in notes),
        alerts=tuple(alerts),
    )


def score_patterns(answers: Answers, rules: WizardRules) -> tuple[ConditionMatch, ...]:
    """Every pattern scoring above 0, best first (ties by id).

    score = squash((matched sign weights - matched counter-sign weights) / all sign weights),
    scaled down when none of the pattern's core signs (where it hurts) matched, and 0 when a
    required sign (e.g. the age range of a growth-plate pattern) does not match.
    """
    k = rules.scoring.squash
    out = []
    for pattern in rules.patterns.values():
        if not all(s.matches(answers) for s in pattern.requires):
            continue
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


def match_factors(answers: Answers, rules: WizardRules, *, referred: bool = False) -> tuple[FactorMatch, ...]:
    """The contributing factors the answers show, in the rules' order.

    `referred`: the result is not self-care, so advice that is self-care (train this way, do the
    routine) is left out; the factor is still named for the clinician.
    """
    out = []
    for factor in rules.factors:
        hits = [s for s in factor.signs if s.matches(answers)]
        if hits:
            advice = factor.advice if not referred or factor.keep_advice_when_referred else ""
            out.append(FactorMatch(factor.id, factor.name, _reasons(hits), advice))
    return tuple(out)


def avoided_exercises(conditions: tuple[ConditionMatch, ...], rules: WizardRules) -> dict[str, str]:
    """Exercise id -> why, for every exercise a likely pattern must not be given.

    The top pattern and every pattern scoring at least `avoid_from_score` count, so a routine for
    one pattern never holds what a nearly as likely one forbids.
    """
    out: dict[str, str] = {}
    for i, match in enumerate(conditions):
        if i == 0 or match.score >= rules.scoring.avoid_from_score:
            for avoid in rules.patterns[match.id].avoid:
                out.setdefault(avoid.id, avoid.why)
    return out


def build_program(
    conditions: tuple[ConditionMatch, ...],
    rules: WizardRules,
    names: Mapping[str, str],
    *,
    library: Iterable[Exercise] | LibraryIndex | None = None,
    equipment: Collection[str] | None = None,
) -> CorrectiveProgram | None:
    """The routine for the top pattern; when the second scores close, one routine covering both.

    The two templates are taken in turn so both are served, an exercise appears once, no exercise a
    likely pattern avoids is given (its listed alternative is, if any), and the routine keeps within
    the rules' caps (exercises and minutes).

    With `equipment` (the athlete's equipment ids; `library` must then say what each exercise
    needs), every exercise the athlete cannot do is replaced by its listed alternative, else by a
    body-weight exercise of the library serving the same pattern; without one it is left out.
    Without `equipment` the routine is the one the templates list.
    """
    if not conditions:
        return None
    # The cached index's id map: a plan asks this of the same library every time, and a dict of every
    # exercise per plan was the one cost that grew with the library (10 ms at 50,000).
    index = library_index(library) if library is not None else None
    by_id: Mapping[str, Exercise] = index.by_id if index is not None else {}
    if equipment is not None and library is None:
        raise ValueError("build_program: equipment needs the library, to know what each exercise needs")
    owned = frozenset(equipment) if equipment is not None else None
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
    avoided = avoided_exercises(conditions, rules)

    def can_do(ex_id: str) -> bool:
        if ex_id in avoided:
            return False
        if owned is None:
            return True
        exercise = by_id.get(ex_id)
        return exercise is not None and exercise.needs(owned)

    picked: dict[str, PlannedExercise] = {}
    as_listed: set[str] = set()  # template exercises given as themselves (not an alternative)
    served: list[str] = []
    minutes = 0.0
    longest = max(len(t.exercises) for t in templates)
    for i in range(longest):
        for pattern, template in zip(used, templates, strict=True):
            if i >= len(template.exercises) or len(picked) >= rules.max_exercises:
                continue
            item = template.exercises[i]
            if item.id in picked:
                continue
            choice: tuple[str, Dose, str] | None = None
            if can_do(item.id):
                choice = (item.id, item.dose, item.notes)
            else:
                choice = next(
                    ((a.id, a.dose, a.notes) for a in item.alternatives if a.id not in picked and can_do(a.id)), None
                )
                if choice is None and owned is not None and index is not None:
                    # The exercises the equipment allows, sorted by id once per library and equipment set.
                    allowed = index.for_equipment(owned).allowed
                    choice = _library_stand_in(item.id, pattern.id, by_id, allowed, picked, can_do)
            if choice is None:
                continue
            ex_id, dose, notes = choice
            cost = dose.minutes()
            if minutes + cost > rules.max_minutes + 1e-9:
                continue
            name = names.get(ex_id) or (by_id[ex_id].name if ex_id in by_id else ex_id)
            picked[ex_id] = PlannedExercise(ex_id, name, dose, notes)
            if ex_id == item.id:
                as_listed.add(ex_id)
            minutes += cost
            if pattern.id not in served:
                served.append(pattern.id)
    advice = dict.fromkeys([rules.pain_monitoring, *(a for t in templates for a in t.advice)])
    return CorrectiveProgram(
        frequency_per_week=max(t.frequency_per_week for t in templates),
        exercises=tuple(picked.values()),
        advice=tuple(advice),
        conditions=tuple(p.id for p in used if p.id in served),
        # The 12-week schedule applies only when its own exercise is given, not a stand-in for it.
        heavy_slow_resistance=any(
            e.heavy_slow_resistance and e.id in as_listed for t in templates for e in t.exercises
        ),
    )


# An exercise stands in only for one of the same kind: a stretch for a stretch, loading for loading.
_KINDS = {
    Category.STRENGTH: "load",
    Category.ISOMETRIC: "load",
    Category.PLYOMETRIC: "load",
    Category.MOBILITY: "stretch",
    Category.FOAM_ROLL: "roll",
    Category.GAIT: "gait",
}


def _library_stand_in(
    wanted: str,
    pattern: str,
    by_id: Mapping[str, Exercise],
    allowed: Iterable[Exercise],
    picked: Mapping[str, PlannedExercise],
    can_do: Any,
) -> tuple[str, Dose, str] | None:
    """A library exercise the athlete can do, serving `pattern`, of the same kind as `wanted` (first by id).

    `allowed` is what the athlete's equipment allows, sorted by id: the candidates, without sorting the
    whole library for every stand-in.
    """
    original = by_id.get(wanted)
    if original is None:
        return None
    kind = _KINDS.get(original.category)
    for candidate in allowed:
        ex_id = candidate.id
        if (
            by_id.get(ex_id) is candidate  # of a repeated id, the exercise the id map holds (the last)
            and ex_id not in picked
            and ex_id != wanted
            and pattern in candidate.conditions
            and _KINDS.get(candidate.category) == kind
            and can_do(ex_id)
        ):
            return ex_id, candidate.dose, f"In place of {original.name}, which needs equipment you do not have."
    return None


def _reasons(signs: list[Sign]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.reason for s in signs if s.reason))


def _escalation(rules: WizardRules, key: str) -> tuple[str, str]:
    escalation = rules.escalations[key]
    return escalation.triage, escalation.message
