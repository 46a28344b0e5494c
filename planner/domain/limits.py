"""How long each text field may be, declared once for the files, the database and the window's editors.

Every field a coach types has a limit well above real use (the longest instruction of the
free-exercise-db is 744 characters) and far below the size that hurts: a 1 MB athlete name made a PDF
build run for minutes, and a 1 MB unbroken instruction stalled the library view. Input beyond a limit
is bad input (the command line exits 2 naming the field and the limit; an import refuses the whole
file); the window's editors stop typing at the same number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.errors import BadInput

if TYPE_CHECKING:
    from planner.domain.exercise import Exercise


@dataclass(frozen=True, slots=True)
class TextLimit:
    """The most characters a text field may hold, and what the field is called in messages."""

    label: str
    chars: int

    def check(self, value: str, field: str | None = None) -> str:
        """`value` when it fits; else BadInput naming `field` (default: the label) and the limit."""
        if len(value) > self.chars:
            raise BadInput(f"{len(value):,} characters; the limit is {self.chars:,}", field=field or self.label)
        return value


@dataclass(frozen=True, slots=True)
class CountLimit:
    """The most items a list field may hold."""

    label: str
    items: int

    def check(self, values: Sequence[object], field: str | None = None) -> None:
        """BadInput naming `field` (default: the label) when `values` holds more than the limit."""
        if len(values) > self.items:
            raise BadInput(f"{len(values):,} items; the limit is {self.items:,}", field=field or self.label)


# -- athletes --------------------------------------------------------------------------------------------
ATHLETE_NAME = TextLimit("name", 300)  # long enough for any real name; file names are cut to bytes
ATHLETE_NOTE = TextLimit("note", 2000)
RACE_NAME = TextLimit("race name", 100)
RACES = CountLimit("races", 200)
PHASES = CountLimit("phases", 200)
EQUIPMENT_ITEMS = CountLimit("equipment", 50)
MILEAGE_WEEKS = CountLimit("mileage", 520)  # ten years of weeks; a plan is at most 104

# -- exercises -------------------------------------------------------------------------------------------
EXERCISE_ID = TextLimit("id", 160)  # a slug of the name, or "fedb-" and the dataset's id
EXERCISE_NAME = TextLimit("name", 120)
ALIAS = TextLimit("alias", 120)
ALIASES = CountLimit("aliases", 30)
TAG = TextLimit("tag", 80)  # targets and tags: short ids
TAGS = CountLimit("tags", 50)
INSTRUCTION = TextLimit("instruction", 1000)
INSTRUCTIONS = CountLimit("instructions", 40)
CUE = TextLimit("cue", 300)
CUES = CountLimit("cues", 20)
TEMPO = TextLimit("tempo", 20)
EASIER = TextLimit("easier", 500)
HARDER = TextLimit("harder", 500)
SOURCE = TextLimit("source", 300)
LICENSE = TextLimit("license", 200)

# -- plans and logs --------------------------------------------------------------------------------------
PLAN_NOTE = TextLimit("notes", 500)  # a coach's note on one exercise of a session
LOG_NOTE = TextLimit("note", 500)
LOG_ENTRIES = CountLimit("log", 20_000)  # years of daily entries; far more is not a log of ours


# Totals for a multi-line editor that holds one list (a step or a cue per line).
INSTRUCTIONS_TEXT = INSTRUCTIONS.items * (INSTRUCTION.chars + 1)
CUES_TEXT = CUES.items * (CUE.chars + 1)


def check_exercise_text(exercise: Exercise, where: str = "") -> Exercise:
    """`exercise` when every text field and list fits its limit; else BadInput naming `where`.field
    (just the field, e.g. `instructions[3]`, when `where` is empty)."""
    ex = exercise

    def at(key: str) -> str:
        return f"{where}.{key}" if where else key

    EXERCISE_ID.check(ex.id, at("id"))
    EXERCISE_NAME.check(ex.name, at("name"))
    if ex.dose.tempo is not None:
        TEMPO.check(ex.dose.tempo, at("dose.tempo"))
    for key, count, limit in (
        ("aliases", ALIASES, ALIAS),
        ("targets", TAGS, TAG),
        ("tags", TAGS, TAG),
        ("instructions", INSTRUCTIONS, INSTRUCTION),
        ("cues", CUES, CUE),
    ):
        values: tuple[str, ...] = getattr(ex, key)
        count.check(values, at(key))
        for i, value in enumerate(values):
            limit.check(value, at(f"{key}[{i}]"))
    for key, text_limit in (("easier", EASIER), ("harder", HARDER), ("source", SOURCE), ("license", LICENSE)):
        value = getattr(ex, key)
        if value is not None:
            text_limit.check(value, at(key))
    return ex
