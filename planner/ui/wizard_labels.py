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
}

TRAINING_CHANGE_LABELS: dict[str, str] = {
    "mileage_jump": "Weekly distance went up quickly",
    "longer_long_run": "The long run got longer",
    "more_hills": "More hills",
    "new_surface": "A new surface (trail, track, road)",
    "worn_shoes": "Shoes are worn out",
    "new_shoes": "New or different shoes",
    "back_after_layoff": "Back after a break",
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

LABELS: dict[str, dict[str, str]] = {
    "pain_regions": REGION_LABELS,
    "aggravators": AGGRAVATOR_LABELS,
    "sensations": SENSATION_LABELS,
    "training_changes": TRAINING_CHANGE_LABELS,
    "form": FORM_LABELS,
    "side": SIDE_LABELS,
    "onset": ONSET_LABELS,
}


@dataclass(frozen=True, slots=True)
class TriageLook:
    """How a triage level reads: a headline, a colour (never the only cue) and an icon shape."""

    headline: str
    background: str
    border: str
    text: str
    icon: str  # "check", "clock", "alert", "cross"


TRIAGE_LOOKS: dict[str, TriageLook] = {
    "self_care": TriageLook("Self-care is fine", "#e6f4ea", "#2e7d32", "#1b4d1f", "check"),
    "see_clinician_soon": TriageLook("See a clinician soon", "#fff4de", "#b26a00", "#5c3800", "clock"),
    "urgent": TriageLook("Urgent: get seen today", "#fde7df", "#c8441b", "#6e1f08", "alert"),
    "emergency": TriageLook("Emergency: get help now", "#fbe3e3", "#b3261e", "#601410", "cross"),
}


def label(key: str, value: str) -> str:
    """The words shown for one answer value (the id, tidied, when no label is known)."""
    return LABELS.get(key, {}).get(value) or value.replace("_", " ").capitalize()


def choices(key: str) -> list[tuple[str, str]]:
    """(value, label) for every allowed value of an answer, in the domain's order."""
    from planner.domain.wizard_answers import allowed_values

    return [(value, label(key, value)) for value in allowed_values(key)]


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
