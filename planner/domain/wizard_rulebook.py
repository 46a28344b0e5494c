"""The rules the symptom wizard weighs answers against, as shipped in resources/wizard_rules.json.

Every clinical statement is data with a `source`: red flags, triage rules that read the whole answer
set (age, sex, context, where and how it hurts), patterns with their signs, counter-signs, the
exercises they must avoid and the routine they call for, contributing factors and notes. A broken
rules file is our bug, not the user's: `parse_rules` raises ValueError saying where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.domain.exercise import Dose
from planner.domain.wizard_answers import (
    ANSWER_KEYS,
    NUMBER_RANGES,
    RED_FLAG_IDS,
    Answers,
    allowed_values,
    is_yes_no,
)

TRIAGE_ORDER: tuple[str, ...] = ("self_care", "see_clinician_soon", "urgent", "emergency")


@dataclass(frozen=True, slots=True)
class Sign:
    """One answer that points toward (or away from) a pattern, a factor, a note or a triage rule.

    List and single-choice answers match when any of `values` was chosen; number answers when
    they fall within `minimum`..`maximum`; yes/no answers when they were given as `yes`.
    """

    answer: str
    values: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    yes: bool = True
    weight: float = 1.0
    reason: str = ""
    core: bool = False  # where it hurts: a pattern none of whose core signs match scores low

    def matches(self, answers: Answers) -> bool:
        """True when the runner's answers show this sign."""
        if self.answer in NUMBER_RANGES:
            value = answers.number(self.answer)
            return (
                value is not None
                and (self.minimum is None or value >= self.minimum)
                and (self.maximum is None or value <= self.maximum)
            )
        if is_yes_no(self.answer):
            return answers.yes(self.answer) is self.yes
        return any(v in self.values for v in answers.chosen(self.answer))


@dataclass(frozen=True, slots=True)
class Clause:
    """A condition of a triage rule: it holds when any of its signs match (one sign: that sign)."""

    signs: tuple[Sign, ...]

    def matched(self, answers: Answers) -> tuple[Sign, ...]:
        """The signs of this clause the answers show (empty: the clause does not hold)."""
        return tuple(s for s in self.signs if s.matches(answers))


@dataclass(frozen=True, slots=True)
class Alternative:
    """What to do instead of a routine exercise when the athlete lacks its equipment."""

    id: str
    dose: Dose
    notes: str = ""


@dataclass(frozen=True, slots=True)
class TemplateExercise:
    id: str
    dose: Dose
    notes: str = ""
    alternatives: tuple[Alternative, ...] = ()  # in order of preference; the last is body-weight
    heavy_slow_resistance: bool = False  # the heavy slow resistance exercise whose 12-week schedule the plan follows


@dataclass(frozen=True, slots=True)
class Template:
    """The routine a pattern calls for, before it is merged, checked against what to avoid, and capped."""

    frequency_per_week: int
    exercises: tuple[TemplateExercise, ...]
    advice: tuple[str, ...] = ()
    heavy_slow_resistance: bool = False


@dataclass(frozen=True, slots=True)
class Avoid:
    """An exercise a pattern must never be given, and why (e.g. it squeezes the sore tendon)."""

    id: str
    why: str


@dataclass(frozen=True, slots=True)
class PatternRule:
    id: str
    name: str
    signs: tuple[Sign, ...]
    counter_signs: tuple[Sign, ...] = ()
    template: Template | None = None  # None: see a clinician, no loading program
    requires: tuple[Sign, ...] = ()  # every one must match or the pattern does not apply (e.g. an age range)
    avoid: tuple[Avoid, ...] = ()
    source: str = ""

    def avoided_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.avoid)


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A symptom that stops self-care: the check-box question, its triage and what to do."""

    id: str
    question: str
    triage: str
    action: str
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "triage": self.triage, "action": self.action}


@dataclass(frozen=True, slots=True)
class TriageRule:
    """A triage the whole answer set calls for, without any warning-sign box ticked.

    It fires when every clause of `when` holds and no sign of `unless` matches; the reasons of the
    matched signs (and of any `risk_factors` shown) say why.
    """

    id: str
    triage: str
    action: str
    when: tuple[Clause, ...]
    unless: tuple[Sign, ...] = ()
    risk_factors: tuple[Sign, ...] = ()
    source: str = ""

    def reasons_if_fired(self, answers: Answers) -> tuple[str, ...] | None:
        """The reasons this rule fires for these answers, or None when it does not fire."""
        if any(s.matches(answers) for s in self.unless):
            return None
        reasons: list[str] = []
        for clause in self.when:
            hits = clause.matched(answers)
            if not hits:
                return None
            reasons.extend(s.reason for s in hits if s.reason)
        reasons.extend(s.reason for s in self.risk_factors if s.reason and s.matches(answers))
        return tuple(dict.fromkeys(reasons))


@dataclass(frozen=True, slots=True)
class FactorRule:
    id: str
    name: str
    signs: tuple[Sign, ...]
    advice: str
    source: str = ""
    keep_advice_when_referred: bool = False  # the advice is not self-care (e.g. see a dietitian)


@dataclass(frozen=True, slots=True)
class NoteRule:
    """A caution shown when all of `when` match; with a triage it also raises the result's."""

    id: str
    when: tuple[Sign, ...]
    text: str
    triage: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Escalation:
    triage: str
    message: str
    unless: tuple[Sign, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class Scoring:
    squash: float = 3.0  # how fast a pattern's score saturates as its signs add up
    missing_core_factor: float = 0.3
    close_margin: float = 0.15  # top two within this: one routine serves both
    min_top_score: float = 0.2  # below it no pattern is clear enough for self-care
    avoid_from_score: float = 0.4  # a pattern this likely keeps its avoided exercises out of any routine


@dataclass(frozen=True, slots=True)
class WizardRules:
    """Everything the wizard knows, as loaded from the rules file."""

    red_flags: dict[str, RedFlag]
    patterns: dict[str, PatternRule]
    factors: tuple[FactorRule, ...]
    notes: tuple[NoteRule, ...]
    escalations: dict[str, Escalation]
    scoring: Scoring
    pain_monitoring: str
    self_care_message: str
    long_pain_weeks: int = 6
    max_exercises: int = 8
    max_minutes: float = 25.0
    triage_rules: tuple[TriageRule, ...] = ()

    def exercise_ids(self) -> set[str]:
        """Every exercise id the routine templates use, alternatives included."""
        ids = set()
        for p in self.patterns.values():
            for e in p.template.exercises if p.template else ():
                ids.add(e.id)
                ids.update(a.id for a in e.alternatives)
        return ids


def parse_rules(data: dict[str, Any], known_exercise_ids: set[str] | None = None) -> WizardRules:
    """Validate the wizard rules and return them; ValueError (or BadInput) says what is wrong.

    With `known_exercise_ids`, every template, alternative and avoided exercise must be one of them.
    Every rule must name its `source`.
    """
    from planner.domain.exercise import CONDITION_NAMES, CONDITIONS

    red_flags = {}
    for i, item in enumerate(_req(data, "red_flags", list, "rules")):
        flag = RedFlag(
            **{k: _req(item, k, str, f"red_flags[{i}]") for k in ("id", "question", "action", "source")},
            triage=_triage(item.get("triage"), f"red_flags[{i}].triage"),
        )
        red_flags[flag.id] = flag
    if tuple(red_flags) != RED_FLAG_IDS:
        raise ValueError(f"red_flags: expected exactly {', '.join(RED_FLAG_IDS)} in that order")
    patterns_data = _req(data, "patterns", dict, "rules")
    if set(patterns_data) != set(CONDITIONS):
        raise ValueError(f"patterns: expected exactly {', '.join(CONDITIONS)}")
    patterns = {}
    for pid in CONDITIONS:
        item, where = patterns_data[pid], f"patterns.{pid}"
        template = item.get("template")
        avoid = tuple(
            Avoid(_req(a, "id", str, f"{where}.avoid[{i}]"), _req(a, "why", str, f"{where}.avoid[{i}]"))
            for i, a in enumerate(item.get("avoid", []))
        )
        _known(known_exercise_ids, (a.id for a in avoid), f"{where}.avoid")
        patterns[pid] = PatternRule(
            id=pid,
            name=CONDITION_NAMES[pid],
            signs=_signs(_req(item, "signs", list, where), f"{where}.signs", weighted=True),
            counter_signs=_signs(item.get("counter_signs", []), f"{where}.counter_signs", weighted=True),
            template=None if template is None else _template(template, f"{where}.template", known_exercise_ids),
            requires=_signs(item.get("requires", []), f"{where}.requires"),
            avoid=avoid,
            source=_req(item, "source", str, where),
        )
        if patterns[pid].template is not None:
            bad = {e.id for e in patterns[pid].template.exercises} & patterns[pid].avoided_ids()
            if bad:
                raise ValueError(f"{where}: its routine holds an exercise it avoids: {', '.join(sorted(bad))}")
    escalations = {}
    for key, item in _req(data, "escalations", dict, "rules").items():
        escalations[key] = Escalation(
            _triage(item.get("triage"), f"escalations.{key}.triage"),
            _req(item, "message", str, f"escalations.{key}"),
            unless=_signs(item.get("unless", []), f"escalations.{key}.unless"),
            source=_req(item, "source", str, f"escalations.{key}"),
        )
    needed = {"no_pattern", "long_pain"} | {f"{p.id}_top" for p in patterns.values() if p.template is None}
    if needed - set(escalations):
        raise ValueError(f"escalations: missing {', '.join(sorted(needed - set(escalations)))}")
    factors = tuple(
        FactorRule(
            id=_req(f, "id", str, f"factors[{i}]"),
            name=_req(f, "name", str, f"factors[{i}]"),
            signs=_signs(_req(f, "signs", list, f"factors[{i}]"), f"factors[{i}].signs"),
            advice=_req(f, "advice", str, f"factors[{i}]"),
            source=_req(f, "source", str, f"factors[{i}]"),
            keep_advice_when_referred=bool(f.get("keep_advice_when_referred", False)),
        )
        for i, f in enumerate(_req(data, "factors", list, "rules"))
    )
    notes = tuple(
        NoteRule(
            id=_req(n, "id", str, f"notes[{i}]"),
            when=_signs(_req(n, "when", list, f"notes[{i}]"), f"notes[{i}].when"),
            text=_req(n, "text", str, f"notes[{i}]"),
            triage=None if n.get("triage") is None else _triage(n["triage"], f"notes[{i}]"),
            source=_req(n, "source", str, f"notes[{i}]"),
        )
        for i, n in enumerate(data.get("notes", []))
    )
    triage_rules = tuple(_triage_rule(r, f"triage_rules[{i}]") for i, r in enumerate(data.get("triage_rules", [])))
    ids = [r.id for r in triage_rules]
    if len(set(ids)) != len(ids):
        raise ValueError("triage_rules: an id is used twice")
    routine = data.get("routine", {})
    rules = WizardRules(
        red_flags=red_flags,
        patterns=patterns,
        factors=factors,
        notes=notes,
        escalations=escalations,
        scoring=Scoring(**data.get("scoring", {})),
        pain_monitoring=_req(data, "pain_monitoring", str, "rules"),
        self_care_message=_req(data, "self_care_message", str, "rules"),
        long_pain_weeks=int(data["escalations"]["long_pain"].get("weeks_over", 6)),
        max_exercises=int(routine.get("max_exercises", 8)),
        max_minutes=float(routine.get("max_minutes", 25)),
        triage_rules=triage_rules,
    )
    for p in patterns.values():
        if p.template and len(p.template.exercises) > rules.max_exercises:
            raise ValueError(f"patterns.{p.id}.template: more than {rules.max_exercises} exercises")
    return rules


def _triage_rule(data: dict[str, Any], where: str) -> TriageRule:
    when = []
    for i, clause in enumerate(_req(data, "when", list, where)):
        at = f"{where}.when[{i}]"
        if isinstance(clause, dict) and "any_of" in clause:
            signs = _signs(_req(clause, "any_of", list, at), f"{at}.any_of", red_flags=True)
            if not signs:
                raise ValueError(f"{at}.any_of: expected at least one sign")
        else:
            signs = _signs([clause], at, red_flags=True)
        when.append(Clause(signs))
    if not when:
        raise ValueError(f"{where}.when: expected at least one condition")
    return TriageRule(
        id=_req(data, "id", str, where),
        triage=_triage(data.get("triage"), f"{where}.triage"),
        action=_req(data, "action", str, where),
        when=tuple(when),
        unless=_signs(data.get("unless", []), f"{where}.unless", red_flags=True),
        risk_factors=_signs(data.get("risk_factors", []), f"{where}.risk_factors", red_flags=True),
        source=_req(data, "source", str, where),
    )


def _template(data: dict[str, Any], where: str, known: set[str] | None) -> Template:
    frequency = _req(data, "frequency_per_week", int, where)
    if frequency not in (3, 4):
        raise ValueError(f"{where}.frequency_per_week: expected 3 or 4, got {frequency}")
    exercises = []
    for i, item in enumerate(_req(data, "exercises", list, where)):
        ex_id = _req(item, "id", str, f"{where}.exercises[{i}]")
        alternatives = tuple(
            Alternative(
                _req(a, "id", str, f"{where}.{ex_id}.alternatives[{j}]"),
                Dose.from_dict(a.get("dose"), f"{where}.{ex_id}.alternatives[{j}].dose"),
                a.get("notes", ""),
            )
            for j, a in enumerate(item.get("alternatives", []))
        )
        _known(known, [ex_id, *(a.id for a in alternatives)], f"{where}.exercises[{i}]")
        exercises.append(
            TemplateExercise(
                ex_id,
                Dose.from_dict(item.get("dose"), f"{where}.{ex_id}.dose"),
                item.get("notes", ""),
                alternatives,
                heavy_slow_resistance=bool(item.get("heavy_slow_resistance", False)),
            )
        )
    ids = [e.id for e in exercises]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{where}.exercises: an exercise is listed twice")
    heavy = bool(data.get("heavy_slow_resistance", False))
    if heavy != any(e.heavy_slow_resistance for e in exercises):
        raise ValueError(f"{where}: heavy_slow_resistance needs exactly the exercise that follows its schedule marked")
    return Template(
        frequency_per_week=frequency,
        exercises=tuple(exercises),
        advice=tuple(data.get("advice", [])),
        heavy_slow_resistance=heavy,
    )


def _known(known: set[str] | None, ids: Any, where: str) -> None:
    if known is None:
        return
    for ex_id in ids:
        if ex_id not in known:
            raise ValueError(f"{where}: unknown exercise id {ex_id!r}")


def _signs(items: list[Any], where: str, *, weighted: bool = False, red_flags: bool = False) -> tuple[Sign, ...]:
    out = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        answer = _req(item, "answer", str, at)
        if answer not in ANSWER_KEYS or (answer == "red_flags" and not red_flags):
            raise ValueError(f"{at}.answer: unknown answer {answer!r}")
        values = tuple(item.get("any", ()))
        if answer in NUMBER_RANGES:
            if values or (item.get("min") is None and item.get("max") is None):
                raise ValueError(f"{at}: a number answer takes min and/or max, not any")
        elif is_yes_no(answer):
            if values or not isinstance(item.get("is", True), bool):
                raise ValueError(f"{at}: a yes/no answer takes is: true or false, not any")
        elif not values or any(v not in allowed_values(answer) for v in values):
            raise ValueError(f"{at}.any: expected some of {', '.join(allowed_values(answer))}, got {values}")
        weight = float(item.get("weight", 1))
        if weighted and weight <= 0:
            raise ValueError(f"{at}.weight: expected more than 0, got {weight}")
        out.append(
            Sign(
                answer=answer,
                values=values,
                minimum=item.get("min"),
                maximum=item.get("max"),
                yes=bool(item.get("is", True)),
                weight=weight,
                reason=str(item.get("reason", "")),
                core=bool(item.get("core")),
            )
        )
    return tuple(out)


def _triage(value: object, where: str) -> str:
    if value not in TRIAGE_ORDER:
        raise ValueError(f"{where}: unknown triage {value!r}; expected one of {', '.join(TRIAGE_ORDER)}")
    return str(value)


def _req(data: Any, key: str, kind: type, where: str) -> Any:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        raise ValueError(f"{where}.{key}: expected {kind.__name__}, got {value!r}")
    if kind is str and key == "source" and not value.strip():
        raise ValueError(f"{where}.source: every rule names where it comes from")
    return value
