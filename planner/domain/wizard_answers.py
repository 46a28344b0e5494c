"""The symptom wizard's answers: the vocabulary a runner answers in, parsed and validated.

Answer keys and values are a contract (interface spec, "Wizard answers" and its Additions): values
are added, never removed or renamed. Anything outside them is refused with BadInput naming the
value and listing the allowed ones. The rules the answers are weighed against live in
planner.domain.wizard_rulebook; the weighing itself in planner.domain.wizard.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from planner.domain.errors import BadInput

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

# Answers that hold several choices. New values go at the end of a list: the order is the order
# the window shows them in, and old answer files keep working.
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
        "knee_inside_below",
        "thigh_front",
        "thigh_back",
        "sit_bone",
        "shin",
        "calf",
        "lower_back",
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
        "builds_with_distance",
        "hopping",
        "walking",
        "lying_on_side",
        "standing_on_one_leg",
        "crossing_legs",
        "long_standing",
        "knee_straight",
        "getting_up_from_chair",
        "deep_hip_flexion",
        "sitting_hard_seat",
        "speed_work",
        "stretching_hamstrings",
        "cough_sneeze",
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
        "warmth",
    ),
    "training_changes": (
        "mileage_jump",
        "longer_long_run",
        "more_hills",
        "new_surface",
        "worn_shoes",
        "new_shoes",
        "back_after_layoff",
        "more_speed_work",
    ),
    "form": (
        "hip_drop",
        "knee_caves_in",
        "overstriding",
        "heel_strike_straight_knee",
        "backseat_posture",
        "overpronation",
    ),
    "energy_availability": ("under_eating", "menstrual_change"),
}

# Answers that hold one choice.
SINGLE_CHOICES: dict[str, tuple[str, ...]] = {
    "side": ("left", "right", "both"),
    "onset": ("gradual", "sudden"),
    "sex": ("female", "male", "other"),
    "injury": ("none", "twist", "fall", "blow"),
    "trend": ("better", "same", "worse"),
    "pain_extent": ("one_spot", "wide_area"),
}

# Answers that are whole numbers, with the range a person can truthfully give.
NUMBER_RANGES: dict[str, tuple[int, int | None]] = {
    "weeks_with_pain": (0, None),
    "pain_during_run": (0, 10),
    "age": (5, 110),
}

# Yes/no answers (JSON true or false); left out means "not asked" or "not sure".
YES_NO_KEYS: tuple[str, ...] = (
    "limp",
    "cannot_hop",
    "cannot_straighten_knee",
    "bump_below_kneecap",
    "morning_stiffness",
    "previous_stress_fracture",
    "recent_immobilisation",
    "calf_swelling",
    "breathless_or_chest_pain",
    "both_legs",
    "self_care_tried",
)

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
    "sex",
    "injury",
    "trend",
    "pain_extent",
    "energy_availability",
    *YES_NO_KEYS,
)

# What each answer key means, in a line: the `wizard --help` epilog and docs/clinical-basis.md say the same.
ANSWER_MEANINGS: dict[str, str] = {
    "red_flags": "warning signs ticked (clinical content section 2)",
    "pain_regions": "where it hurts (required, at least one)",
    "side": "which leg",
    "aggravators": "what brings the pain on or makes it worse",
    "sensations": "how it feels",
    "onset": "how it started",
    "training_changes": "what changed in training before it started",
    "form": "running form a video or coach has shown",
    "weeks_with_pain": "weeks since it started",
    "pain_during_run": "pain during runs, 0-10",
    "age": "age in years",
    "sex": "sex",
    "injury": "what happened when it started: nothing, a twist, a fall or a blow",
    "trend": "over the last two weeks it is getting better, staying the same or getting worse",
    "pain_extent": "one spot you can cover with a finger, or a wider area",
    "energy_availability": "eating less than the training needs; periods stopped, irregular or changed",
    "limp": "the pain makes you limp",
    "cannot_hop": "you cannot hop on that leg because of the pain",
    "cannot_straighten_knee": "right now the knee will not straighten fully",
    "bump_below_kneecap": "a tender bony bump below the kneecap",
    "morning_stiffness": "stiff when you get up in the morning",
    "previous_stress_fracture": "you have had a stress fracture before",
    "recent_immobilisation": "a long flight or journey, a cast or boot, or an operation in the last 6 weeks",
    "calf_swelling": "the calf is swollen, warm or red",
    "breathless_or_chest_pain": "new shortness of breath or chest pain",
    "both_legs": "pain spreading down, tingling, numbness or weakness in both legs at once",
    "self_care_tried": "you have already tried rest, exercises or a routine for it",
}


def allowed_values(key: str) -> tuple[str, ...]:
    """The choices a list or single-choice answer accepts (empty for number and yes/no answers)."""
    return LIST_CHOICES.get(key) or SINGLE_CHOICES.get(key) or ()


def is_yes_no(key: str) -> bool:
    """True for answers given as JSON true/false."""
    return key in YES_NO_KEYS


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
    sex: str | None = None
    injury: str | None = None
    trend: str | None = None
    pain_extent: str | None = None
    energy_availability: tuple[str, ...] = ()
    limp: bool | None = None
    cannot_hop: bool | None = None
    cannot_straighten_knee: bool | None = None
    bump_below_kneecap: bool | None = None
    morning_stiffness: bool | None = None
    previous_stress_fracture: bool | None = None
    recent_immobilisation: bool | None = None
    calf_swelling: bool | None = None
    breathless_or_chest_pain: bool | None = None
    both_legs: bool | None = None
    self_care_tried: bool | None = None

    def chosen(self, key: str) -> tuple[str, ...]:
        """The choices given for a list or single-choice answer (empty when not answered)."""
        value = getattr(self, key)
        if value is None or isinstance(value, bool):
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(value)

    def number(self, key: str) -> int | None:
        """The value of a number answer, or None when not answered."""
        return getattr(self, key)

    def yes(self, key: str) -> bool | None:
        """The value of a yes/no answer, or None when not answered."""
        return getattr(self, key)

    def to_dict(self) -> dict[str, Any]:
        """The answers object of the interface spec; unanswered single values are left out."""
        out: dict[str, Any] = {}
        for key in ANSWER_KEYS:
            value = getattr(self, key)
            if isinstance(value, tuple):
                if value or key in _SPEC_LIST_KEYS:
                    out[key] = list(value)
            elif value is not None:
                out[key] = value
        return out


# The list answers of the first spec are always written (as before); newer ones only when given,
# so an old answers file read and written back stays the same file.
_SPEC_LIST_KEYS = frozenset({"red_flags", "pain_regions", "aggravators", "sensations", "training_changes", "form"})


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
    for key in YES_NO_KEYS:
        if data.get(key) is not None:
            if not isinstance(data[key], bool):
                raise BadInput(f"expected true or false, got {data[key]!r}", field=key)
            values[key] = data[key]
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


# The yes/no questions asked with the warning signs, before "where it hurts" (the window's first page).
WARNING_KEYS = ("breathless_or_chest_pain", "calf_swelling", "both_legs")


def parse_recorded_answers(data: object) -> Answers:
    """The answers of a check as the window records them (and an athlete file may hold them).

    A warning sign that ends the questions comes before "where it hurts", so such a check has warning
    signs and no regions. It is valid here: the warning decides the triage, and a plan must obey it
    (hold) rather than fail on the missing regions. Without any warning sign the regions stay required.
    """
    if isinstance(data, Mapping) and not data.get("pain_regions"):
        warned = bool(data.get("red_flags")) or any(data.get(key) is True for key in WARNING_KEYS)
        if warned:
            # A stand-in region passes the regions check; no rule reads a region it was not given.
            stand_in = {**data, "pain_regions": [LIST_CHOICES["pain_regions"][0]]}
            return replace(parse_answers(stand_in), pain_regions=())
    return parse_answers(data)
