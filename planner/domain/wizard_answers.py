"""The symptom wizard's two inputs, parsed and validated: the runner's answers and the rules.

Answer keys and values are a contract (interface spec, "Wizard answers"); anything outside them is
refused with BadInput naming the value and listing the allowed ones. The rules (shipped data) are
checked against the same answer vocabulary, so a rule can never ask about an answer that does not exist.
The scoring itself lives in planner.domain.wizard.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planner.domain.errors import BadInput
from planner.domain.exercise import Dose

# Red flags the wizard asks first (clinical content, section 2), in the order it asks them.
RED_FLAG_IDS: tuple[str, ...] = (
    "trauma_cannot_bear_weight",
    "rapid_swelling_after_injury",
    "hot_red_swollen_joint_or_fever",
    "knee_locks",
    "knee_gives_way",
    "night_or_rest_pain",
    "deep_groin_pain_worse_hopping",
    "saddle_numbness_or_bladder_bowel_change",
    "foot_drop_or_progressive_weakness",
    "limping",
)

# Answers that hold several choices.
LIST_CHOICES: dict[str, tuple[str, ...]] = {
    "red_flags": RED_FLAG_IDS,
    "pain_regions": (
        "knee_front",
        "knee_below_kneecap",
        "knee_above_kneecap",
        "knee_outside",
        "knee_inside",
        "knee_back",
        "buttock",
        "hip_outside",
        "groin",
    ),
    "aggravators": (
        "squatting",
        "kneeling",
        "stairs_up",
        "stairs_down",
        "downhill",
        "uphill",
        "prolonged_sitting",
        "foot_strike",
        "set_distance_into_run",
        "jumping",
        "eases_when_warm",
        "day_after_hard_session",
        "twisting",
        "deep_knee_bend",
    ),
    "sensations": (
        "burning",
        "sharp",
        "dull_ache",
        "tingling_down_leg",
        "numbness",
        "clicking",
        "catching",
        "stiffness",
        "swelling",
    ),
    "training_changes": (
        "mileage_jump",
        "longer_long_run",
        "more_hills",
        "new_surface",
        "worn_shoes",
        "new_shoes",
        "back_after_layoff",
    ),
    "form": (
        "hip_drop",
        "knee_caves_in",
        "overstriding",
        "heel_strike_straight_knee",
        "backseat_posture",
        "overpronation",
    ),
}

# Answers that hold one choice.
SINGLE_CHOICES: dict[str, tuple[str, ...]] = {
    "side": ("left", "right", "both"),
    "onset": ("gradual", "sudden"),
}

# Answers that are whole numbers, with the range a person can truthfully give.
NUMBER_RANGES: dict[str, tuple[int, int | None]] = {
    "weeks_with_pain": (0, None),
    "pain_during_run": (0, 10),
    "age": (5, 110),
}

ANSWER_KEYS: tuple[str, ...] = (
    "red_flags",
    "pain_regions",
    "side",
    "aggravators",
    "sensations",
    "onset",
    "training_changes",
    "form",
    "weeks_with_pain",
    "pain_during_run",
    "age",
)


def allowed_values(key: str) -> tuple[str, ...]:
    """The choices a list or single-choice answer accepts (empty for number answers)."""
    return LIST_CHOICES.get(key) or SINGLE_CHOICES.get(key) or ()


@dataclass(frozen=True, slots=True)
class Answers:
    """One runner's validated wizard answers; list answers keep the runner's order without repeats."""

    pain_regions: tuple[str, ...]
    red_flags: tuple[str, ...] = ()
    side: str | None = None
    aggravators: tuple[str, ...] = ()
    sensations: tuple[str, ...] = ()
    onset: str | None = None
    training_changes: tuple[str, ...] = ()
    form: tuple[str, ...] = ()
    weeks_with_pain: int | None = None
    pain_during_run: int | None = None
    age: int | None = None

    def chosen(self, key: str) -> tuple[str, ...]:
        """The choices given for a list or single-choice answer (empty when not answered)."""
        value = getattr(self, key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(value)

    def number(self, key: str) -> int | None:
        """The value of a number answer, or None when not answered."""
        return getattr(self, key)

    def to_dict(self) -> dict[str, Any]:
        """The answers object of the interface spec; unanswered single values are left out."""
        out: dict[str, Any] = {}
        for key in ANSWER_KEYS:
            value = getattr(self, key)
            if isinstance(value, tuple):
                out[key] = list(value)
            elif value is not None:
                out[key] = value
        return out


def parse_answers(data: object) -> Answers:
    """Validate a wizard answers object (as read from JSON) and return the Answers.

    Raises BadInput naming the key or value that is wrong and listing what is allowed.
    """
    if not isinstance(data, Mapping):
        raise BadInput(f"expected an object of answers, got {_json_type(data)}", field="answers")
    for key in data:
        if key not in ANSWER_KEYS:
            raise BadInput(f"unknown key {key!r}; expected one of {', '.join(ANSWER_KEYS)}", field="answers")
    if "pain_regions" not in data:
        raise BadInput(
            f"pain_regions is required: say where it hurts (one or more of {', '.join(LIST_CHOICES['pain_regions'])})",
            field="pain_regions",
        )
    values: dict[str, Any] = {}
    for key, choices in LIST_CHOICES.items():
        if key in data:
            values[key] = _choice_list(data[key], key, choices)
    if not values["pain_regions"]:
        raise BadInput("needs at least one of " + ", ".join(LIST_CHOICES["pain_regions"]), field="pain_regions")
    for key, choices in SINGLE_CHOICES.items():
        if data.get(key) is not None:
            values[key] = _choice(data[key], key, choices)
    for key, (low, high) in NUMBER_RANGES.items():
        if data.get(key) is not None:
            values[key] = _whole_number(data[key], key, low, high)
    return Answers(**values)


def _choice_list(value: object, key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise BadInput(f"expected a list of choices from {', '.join(choices)}; got {_json_type(value)}", field=key)
    seen: dict[str, None] = {}
    for item in value:
        seen.setdefault(_choice(item, key, choices), None)
    return tuple(seen)


def _choice(value: object, key: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise BadInput(f"unknown value {value!r}; expected one of {', '.join(choices)}", field=key)
    return value


def _whole_number(value: object, key: str, low: int, high: int | None) -> int:
    allowed = f"{low}-{high}" if high is not None else f"{low} or more"
    # JSON true/false arrive as bool, a subclass of int; a whole number was asked for.
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(f"expected a whole number ({allowed}), got {value!r}", field=key)
    if value < low or (high is not None and value > high):
        raise BadInput(f"value {value} is out of range; expected {allowed}", field=key)
    return value


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a number" if isinstance(value, int | float) else type(value).__name__


# ---------------------------------------------------------------------------------------------
# The rules the answers are weighed against (resources/wizard_rules.json). A broken rules file
# is our bug, not the user's: parse_rules raises ValueError saying where.

TRIAGE_ORDER: tuple[str, ...] = ("self_care", "see_clinician_soon", "urgent", "emergency")


@dataclass(frozen=True, slots=True)
class Sign:
    """One answer that points toward (or away from) a pattern, a factor or a note.

    List and single-choice answers match when any of `values` was chosen; number answers when
    they fall within `minimum`..`maximum`.
    """

    answer: str
    values: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
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
        return any(v in self.values for v in answers.chosen(self.answer))


@dataclass(frozen=True, slots=True)
class TemplateExercise:
    id: str
    dose: Dose
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Template:
    """The routine a pattern calls for, before it is merged and capped."""

    frequency_per_week: int
    exercises: tuple[TemplateExercise, ...]
    advice: tuple[str, ...] = ()
    heavy_slow_resistance: bool = False


@dataclass(frozen=True, slots=True)
class PatternRule:
    id: str
    name: str
    signs: tuple[Sign, ...]
    counter_signs: tuple[Sign, ...] = ()
    template: Template | None = None  # None: see a clinician, no loading program


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A symptom that stops self-care: the check-box question, its triage and what to do."""

    id: str
    question: str
    triage: str
    action: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "triage": self.triage, "action": self.action}


@dataclass(frozen=True, slots=True)
class FactorRule:
    id: str
    name: str
    signs: tuple[Sign, ...]
    advice: str


@dataclass(frozen=True, slots=True)
class NoteRule:
    """A caution shown when all of `when` match; with a triage it also raises the result's."""

    id: str
    when: tuple[Sign, ...]
    text: str
    triage: str | None = None


@dataclass(frozen=True, slots=True)
class Escalation:
    triage: str
    message: str


@dataclass(frozen=True, slots=True)
class Scoring:
    squash: float = 3.0  # how fast a pattern's score saturates as its signs add up
    missing_core_factor: float = 0.3
    close_margin: float = 0.15  # top two within this: one routine serves both
    min_top_score: float = 0.2  # below it no pattern is clear enough for self-care


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

    def exercise_ids(self) -> set[str]:
        """Every exercise id the routine templates use."""
        return {e.id for p in self.patterns.values() if p.template for e in p.template.exercises}


def parse_rules(data: dict[str, Any], known_exercise_ids: set[str] | None = None) -> WizardRules:
    """Validate the wizard rules and return them; ValueError (or BadInput) says what is wrong.

    With `known_exercise_ids`, every template exercise must be one of them.
    """
    from planner.domain.exercise import CONDITION_NAMES, CONDITIONS

    red_flags = {}
    for i, item in enumerate(_req(data, "red_flags", list, "rules")):
        flag = RedFlag(
            **{k: _req(item, k, str, f"red_flags[{i}]") for k in ("id", "question", "action")},
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
        signs = _signs(_req(item, "signs", list, where), f"{where}.signs", weighted=True)
        template = item.get("template")
        patterns[pid] = PatternRule(
            id=pid,
            name=CONDITION_NAMES[pid],
            signs=signs,
            counter_signs=_signs(item.get("counter_signs", []), f"{where}.counter_signs", weighted=True),
            template=None if template is None else _template(template, f"{where}.template", known_exercise_ids),
        )
    escalations = {}
    for key, item in _req(data, "escalations", dict, "rules").items():
        escalations[key] = Escalation(
            _triage(item.get("triage"), f"escalations.{key}.triage"), _req(item, "message", str, f"escalations.{key}")
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
        )
        for i, f in enumerate(_req(data, "factors", list, "rules"))
    )
    notes = tuple(
        NoteRule(
            id=_req(n, "id", str, f"notes[{i}]"),
            when=_signs(_req(n, "when", list, f"notes[{i}]"), f"notes[{i}].when"),
            text=_req(n, "text", str, f"notes[{i}]"),
            triage=None if n.get("triage") is None else _triage(n["triage"], f"notes[{i}]"),
        )
        for i, n in enumerate(data.get("notes", []))
    )
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
    )
    for p in patterns.values():
        if p.template and len(p.template.exercises) > rules.max_exercises:
            raise ValueError(f"patterns.{p.id}.template: more than {rules.max_exercises} exercises")
    return rules


def _template(data: dict[str, Any], where: str, known: set[str] | None) -> Template:
    frequency = _req(data, "frequency_per_week", int, where)
    if frequency not in (3, 4):
        raise ValueError(f"{where}.frequency_per_week: expected 3 or 4, got {frequency}")
    exercises = []
    for i, item in enumerate(_req(data, "exercises", list, where)):
        ex_id = _req(item, "id", str, f"{where}.exercises[{i}]")
        if known is not None and ex_id not in known:
            raise ValueError(f"{where}.exercises[{i}]: unknown exercise id {ex_id!r}")
        exercises.append(
            TemplateExercise(ex_id, Dose.from_dict(item.get("dose"), f"{where}.{ex_id}.dose"), item.get("notes", ""))
        )
    ids = [e.id for e in exercises]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{where}.exercises: an exercise is listed twice")
    return Template(
        frequency_per_week=frequency,
        exercises=tuple(exercises),
        advice=tuple(data.get("advice", [])),
        heavy_slow_resistance=bool(data.get("heavy_slow_resistance", False)),
    )


def _signs(items: list[Any], where: str, *, weighted: bool = False) -> tuple[Sign, ...]:
    out = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        answer = _req(item, "answer", str, at)
        if answer not in ANSWER_KEYS or answer == "red_flags":
            raise ValueError(f"{at}.answer: unknown answer {answer!r}")
        values = tuple(item.get("any", ()))
        if answer in NUMBER_RANGES:
            if values or (item.get("min") is None and item.get("max") is None):
                raise ValueError(f"{at}: a number answer takes min and/or max, not any")
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
    return value
