"""The words the symptom wizard shows for each answer value, triage level and red flag.

The allowed values come from `planner.domain.wizard_answers`; the rules file carries the red-flag
questions but no labels for the other answers, so the plain-language labels live here. A value the
domain adds later without a label here still shows (as its id, tidied), never disappears.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REGION_LABELS: dict[str, str] = {
    "knee_front": "Around or behind the kneecap",
    "knee_below_kneecap": "Just below the kneecap",
    "knee_above_kneecap": "Just above the kneecap",
    "knee_outside": "Outside of the knee",
    "knee_inside": "Inside of the knee",
    "knee_back": "Back of the knee",
    "buttock": "Deep in the buttock",
    "hip_outside": "Outside of the hip",
    "groin": "Groin / front of the hip",
    "knee_inside_below": "Inner shin, just below the knee",
    "thigh_front": "Front of the thigh",
    "thigh_back": "Back of the thigh",
    "sit_bone": "Sit bone (bottom of the buttock)",
    "shin": "Shin",
    "calf": "Calf",
    "lower_back": "Lower back",
}

AGGRAVATOR_LABELS: dict[str, str] = {
    "squatting": "Squatting",
    "kneeling": "Kneeling",
    "stairs_up": "Going up stairs",
    "stairs_down": "Going down stairs",
    "downhill": "Running downhill",
    "uphill": "Running uphill",
    "prolonged_sitting": "Sitting for a long time",
    "foot_strike": "Each time the foot lands",
    "set_distance_into_run": "Starts at the same distance into every run",
    "jumping": "Jumping or bounding",
    "eases_when_warm": "Eases once warmed up",
    "day_after_hard_session": "Worse the day after a hard session",
    "twisting": "Twisting or turning on the leg",
    "deep_knee_bend": "Bending the knee deeply",
    "builds_with_distance": "Builds the further you run",
    "hopping": "Hopping on that leg",
    "walking": "Walking",
    "lying_on_side": "Lying on that side",
    "standing_on_one_leg": "Standing on that leg",
    "crossing_legs": "Crossing the legs",
    "long_standing": "Standing for a long time",
    "knee_straight": "Standing with the knee locked straight",
    "getting_up_from_chair": "Getting up from a chair",
    "deep_hip_flexion": "Deep hip bends (getting out of a car)",
    "sitting_hard_seat": "Sitting on a hard seat",
    "speed_work": "Fast running or sprints",
    "stretching_hamstrings": "Stretching the back of the thigh",
    "cough_sneeze": "Coughing or sneezing",
}

SENSATION_LABELS: dict[str, str] = {
    "burning": "Burning",
    "sharp": "Sharp",
    "dull_ache": "Dull ache",
    "tingling_down_leg": "Tingling down the leg",
    "numbness": "Numbness",
    "clicking": "Clicking",
    "catching": "Catching",
    "stiffness": "Stiffness",
    "swelling": "Swelling",
    "warmth": "Warm to touch",
}

TRAINING_CHANGE_LABELS: dict[str, str] = {
    "mileage_jump": "Weekly distance went up quickly",
    "longer_long_run": "The long run got longer",
    "more_hills": "More hills",
    "new_surface": "A new surface (trail, track, road)",
    "worn_shoes": "Shoes are worn out",
    "new_shoes": "New or different shoes",
    "back_after_layoff": "Back after a break",
    "more_speed_work": "More speed work",
}

FORM_LABELS: dict[str, str] = {
    "hip_drop": "The hip drops on the landing side",
    "knee_caves_in": "The knee caves in on landing",
    "overstriding": "Overstriding (foot lands far ahead)",
    "heel_strike_straight_knee": "Lands on the heel with a straight knee",
    "backseat_posture": "Sits back (hips behind the feet)",
    "overpronation": "The foot rolls in a lot (flat feet)",
}

SIDE_LABELS: dict[str, str] = {"left": "Left", "right": "Right", "both": "Both"}
ONSET_LABELS: dict[str, str] = {
    "gradual": "Gradually, over days or weeks",
    "sudden": "Suddenly (a twist, fall or one run)",
}

SEX_LABELS: dict[str, str] = {"female": "Female", "male": "Male", "other": "Other / rather not say"}
INJURY_LABELS: dict[str, str] = {
    "none": "Nothing in particular",
    "twist": "A twist",
    "fall": "A fall",
    "blow": "A knock or blow",
}
TREND_LABELS: dict[str, str] = {"better": "Getting better", "same": "About the same", "worse": "Getting worse"}
PAIN_EXTENT_LABELS: dict[str, str] = {
    "one_spot": "One spot I can cover with a finger",
    "wide_area": "A wider area",
}
ENERGY_LABELS: dict[str, str] = {
    "under_eating": "Eating less than the training needs (or losing weight)",
    "menstrual_change": "Periods have stopped, become irregular or changed",
}

# The yes/no answers, asked as check boxes: ticked means yes, left empty means no or not sure.
YES_NO_LABELS: dict[str, str] = {
    "limp": "The pain makes me limp",
    "cannot_hop": "I cannot hop on that leg because of the pain",
    "cannot_straighten_knee": "Right now the knee will not straighten fully",
    "bump_below_kneecap": "A tender bony bump below the kneecap",
    "morning_stiffness": "Stiff when I get up in the morning",
    "previous_stress_fracture": "I have had a stress fracture before",
    "recent_immobilisation": "A long flight or journey, a cast or boot, or an operation in the last 6 weeks",
    "calf_swelling": "The calf is swollen, warm or red",
    "breathless_or_chest_pain": "New shortness of breath, or chest pain",
    "both_legs": "Pain spreading down, tingling, numbness or weakness in BOTH legs",
    "self_care_tried": "I have already tried rest, exercises or a routine for it",
}

LABELS: dict[str, dict[str, str]] = {
    "pain_regions": REGION_LABELS,
    "aggravators": AGGRAVATOR_LABELS,
    "sensations": SENSATION_LABELS,
    "training_changes": TRAINING_CHANGE_LABELS,
    "form": FORM_LABELS,
    "side": SIDE_LABELS,
    "onset": ONSET_LABELS,
    "sex": SEX_LABELS,
    "injury": INJURY_LABELS,
    "trend": TREND_LABELS,
    "pain_extent": PAIN_EXTENT_LABELS,
    "energy_availability": ENERGY_LABELS,
}


@dataclass(frozen=True, slots=True)
class TriageLook:
    """How a triage level reads: a headline and an icon shape; its colours (never the only cue) are
    planner.ui.colors.TRIAGE's light and dark pairs."""

    headline: str
    icon: str  # "check", "clock", "alert", "cross"


TRIAGE_LOOKS: dict[str, TriageLook] = {
    "self_care": TriageLook("Self-care is fine", "check"),
    "see_clinician_soon": TriageLook("See a clinician soon", "clock"),
    "urgent": TriageLook("Urgent: get seen today or within a day or two", "alert"),
    "emergency": TriageLook("Emergency: get help now", "cross"),
}


def label(key: str, value: str) -> str:
    """The words shown for one answer value (the id, tidied, when no label is known)."""
    return LABELS.get(key, {}).get(value) or value.replace("_", " ").capitalize()


def choices(key: str) -> list[tuple[str, str]]:
    """(value, label) for every allowed value of an answer, in the domain's order."""
    from planner.domain.wizard_answers import allowed_values

    return [(value, label(key, value)) for value in allowed_values(key)]


def yes_no_label(key: str) -> str:
    """The check-box words for a yes/no answer."""
    return YES_NO_LABELS.get(key) or key.replace("_", " ").capitalize()


def triage_look(triage: str) -> TriageLook:
    return TRIAGE_LOOKS.get(triage, TRIAGE_LOOKS["see_clinician_soon"])


def red_flag_questions() -> list[tuple[str, str]]:
    """(id, plain-language question) for each red flag, in the order the wizard asks them."""
    from planner.domain.wizard_answers import RED_FLAG_IDS

    questions = _rule_questions()
    return [(flag, questions.get(flag) or flag.replace("_", " ").capitalize()) for flag in RED_FLAG_IDS]


def _rule_questions() -> dict[str, str]:
    from planner.store.wizard_rules import load_wizard_rules

    flags: Any = load_wizard_rules().red_flags
    items = flags.values() if isinstance(flags, dict) else flags
    return {flag.id: flag.question for flag in items}


def red_flag_triage() -> dict[str, str]:
    """Red flag id -> the triage it calls for (from the rules file)."""
    from planner.store.wizard_rules import load_wizard_rules

    return {flag.id: flag.triage for flag in load_wizard_rules().red_flags.values()}
