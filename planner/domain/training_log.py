"""The training log: what the athlete did of each exercise and how it felt, copied from the weekly sheet.

One entry per day, exercise and side (`side` is None for an exercise done once, or logged for both sides
at once). Pain is the 0-10 scale the sheet asks for; `pain_next_morning` and `rpe` may be left blank.
The athlete file's optional `log` holds these entries (interface spec, Additions); the window keeps them
in the database. Both read them through `parse_log`, so a bad value gets the same message at either door.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from planner.domain import limits
from planner.domain.dates import parse_date
from planner.domain.errors import BadInput, shown

PAIN_SCALE = (0, 10)  # pain and effort are 0 (none) to 10 (worst / maximal)
MAX_SETS_DONE = 20  # the most sets a dose may hold (exercise.DOSE_LIMITS)
ENTRY_KEYS: tuple[str, ...] = (
    "date",
    "exercise",
    "sets_done",
    "side",
    "pain_during",
    "pain_next_morning",
    "rpe",
    "done",
    "note",
)


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One exercise on one day (and side), as the athlete did it."""

    date: dt.date
    exercise: str
    sets_done: int
    side: Side | None = None
    pain_during: int = 0
    pain_next_morning: int | None = None
    rpe: int | None = None
    done: bool = True
    note: str = ""

    @property
    def key(self) -> tuple[dt.date, str, str]:
        """What makes an entry unique: its day, exercise and side ("" for both or none)."""
        return (self.date, self.exercise, self.side.value if self.side else "")

    def to_dict(self) -> dict[str, Any]:
        """The entry as the athlete file's `log` holds it."""
        return {
            "date": self.date.isoformat(),
            "exercise": self.exercise,
            "sets_done": self.sets_done,
            "side": self.side.value if self.side else None,
            "pain_during": self.pain_during,
            "pain_next_morning": self.pain_next_morning,
            "rpe": self.rpe,
            "done": self.done,
            "note": self.note,
        }


def _score(value: Any, field: str, *, optional: bool) -> int | None:
    low, high = PAIN_SCALE
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        blank = " or empty" if optional else ""
        raise BadInput(f"expected a whole number {low}-{high}{blank}, got {shown(value)}", field=field)
    return value


def parse_entry(data: Any, index: int, *, where: str = "log") -> LogEntry:
    """One entry of the athlete file's `log`; BadInput names `log[index].field` and what was expected."""
    at = f"{where}[{index}]"
    if not isinstance(data, dict):
        raise BadInput("expected an object with date, exercise, sets_done, pain_during ...", field=at)
    unknown = sorted(set(data) - set(ENTRY_KEYS))
    if unknown:
        raise BadInput(f"unknown key {shown(unknown[0])}; expected one of {', '.join(ENTRY_KEYS)}", field=at)
    day = parse_date(data.get("date"), f"{at}.date")
    exercise = data.get("exercise")
    if not isinstance(exercise, str) or not exercise:
        raise BadInput(f"expected an exercise id, got {shown(exercise)}", field=f"{at}.exercise")
    limits.EXERCISE_ID.check(exercise, f"{at}.exercise")
    sets_done = data.get("sets_done")
    if isinstance(sets_done, bool) or not isinstance(sets_done, int) or not 0 <= sets_done <= MAX_SETS_DONE:
        raise BadInput(f"expected a whole number 0-{MAX_SETS_DONE}, got {shown(sets_done)}", field=f"{at}.sets_done")
    raw_side = data.get("side")
    try:
        side = Side(raw_side) if raw_side is not None else None
    except (ValueError, TypeError):
        raise BadInput(f"expected left, right or null, got {shown(raw_side)}", field=f"{at}.side") from None
    if "pain_during" not in data:
        raise BadInput("missing; expected pain during the exercise, 0-10", field=f"{at}.pain_during")
    pain = _score(data.get("pain_during"), f"{at}.pain_during", optional=False)
    morning = _score(data.get("pain_next_morning"), f"{at}.pain_next_morning", optional=True)
    rpe = _score(data.get("rpe"), f"{at}.rpe", optional=True)
    done = data.get("done", True)
    if not isinstance(done, bool):
        raise BadInput(f"expected true or false, got {shown(done)}", field=f"{at}.done")
    note = data.get("note", "")
    if note is None:
        note = ""
    if not isinstance(note, str):
        raise BadInput(f"expected text, got {shown(note)}", field=f"{at}.note")
    limits.LOG_NOTE.check(note, f"{at}.note")
    return LogEntry(
        date=day,
        exercise=exercise,
        sets_done=sets_done,
        side=side,
        pain_during=pain if pain is not None else 0,
        pain_next_morning=morning,
        rpe=rpe,
        done=done,
        note=note,
    )


def parse_log(data: Any, *, where: str = "log") -> tuple[LogEntry, ...]:
    """The athlete file's `log` (a list of entries), in its order; BadInput names the entry and field.

    Two entries for the same day, exercise and side are bad input: the second would silently win.
    """
    if data is None:
        return ()
    if not isinstance(data, list):
        raise BadInput("expected a list of log entries", field=where)
    limits.LOG_ENTRIES.check(data, where)
    entries = [parse_entry(item, i, where=where) for i, item in enumerate(data)]
    check_unique(entries, where=where)
    return tuple(entries)  # in the file's order, so later messages can name log[i] as the file has it


def check_unique(entries: Sequence[LogEntry], *, where: str = "log") -> None:
    """BadInput naming the second entry for a day, exercise and side already logged."""
    seen: dict[tuple[dt.date, str, str], int] = {}
    for i, entry in enumerate(entries):
        if entry.key in seen:
            side = f" ({entry.side.value})" if entry.side else ""
            raise BadInput(
                f"a second entry for {entry.exercise} on {entry.date}{side} (the first is {where}[{seen[entry.key]}]); "
                "expected one entry per day, exercise and side",
                field=f"{where}[{i}]",
            )
        seen[entry.key] = i


def check_known_exercises(entries: Sequence[LogEntry], known: Iterable[str], *, where: str = "log") -> None:
    """BadInput naming the first entry whose exercise is not in the library (`known` ids)."""
    ids = set(known)
    for i, entry in enumerate(entries):
        if entry.exercise not in ids:
            raise BadInput(f"unknown exercise {shown(entry.exercise)}", field=f"{where}[{i}].exercise")


def sort_log(entries: Iterable[LogEntry]) -> tuple[LogEntry, ...]:
    """Entries by day, then exercise and side: one order for files, the database and the rule."""
    return tuple(sorted(entries, key=lambda e: e.key))


def log_to_list(entries: Iterable[LogEntry]) -> list[dict[str, Any]]:
    """The entries as the athlete file's `log` (round-trips with `parse_log`)."""
    return [e.to_dict() for e in sort_log(entries)]
