"""The athlete file: who runs, on which days, towards which races."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planner.domain import limits

# The date range and parse_date live in planner.domain.dates (the training log reads dates too); importable here.
from planner.domain.dates import FIRST_DATE, LAST_DATE, parse_date  # noqa: F401
from planner.domain.errors import BadInput, shown
from planner.domain.exercise import EQUIPMENT
from planner.domain.training_log import LogEntry, parse_log

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


class DayKind(StrEnum):
    REST = "rest"
    EASY = "easy"
    QUALITY = "quality"
    LONG = "long"


class Priority(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class Phase(StrEnum):
    OFF_SEASON = "off_season"
    PRE_SEASON = "pre_season"
    IN_SEASON = "in_season"
    TAPER = "taper"
    RACE_WEEK = "race_week"
    RECOVERY = "recovery"

    @property
    def label(self) -> str:
        return (
            self.value.replace("_", " ")
            .replace("off season", "off-season")
            .replace("pre season", "pre-season")
            .replace("in season", "in-season")
            .capitalize()
        )


LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
MAX_WEEK_OVERRIDES = 104  # two seasons of weeks changed one by one is more than any coach needs


@dataclass(frozen=True, slots=True)
class Race:
    date: dt.date
    name: str
    priority: Priority

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "name": self.name, "priority": self.priority.value}


@dataclass(frozen=True, slots=True)
class PhaseRange:
    """A coach's explicit phase for the weeks whose Monday falls in [start, end]."""

    start: dt.date
    end: dt.date
    phase: Phase

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "phase": self.phase.value}


@dataclass(frozen=True, slots=True)
class Mileage:
    """Planned running load for plan weeks 1, 2, ... and the long runs of the 4 weeks before."""

    weekly_km: tuple[float, ...] = ()
    long_run_km: tuple[float, ...] = ()
    history_long_run_km: tuple[float, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "weekly_km": list(self.weekly_km),
            "long_run_km": list(self.long_run_km),
            "history_long_run_km": list(self.history_long_run_km),
        }


def default_week() -> dict[str, DayKind]:
    return {
        "mon": DayKind.REST,
        "tue": DayKind.QUALITY,
        "wed": DayKind.EASY,
        "thu": DayKind.QUALITY,
        "fri": DayKind.REST,
        "sat": DayKind.LONG,
        "sun": DayKind.EASY,
    }


@dataclass(frozen=True, slots=True)
class Athlete:
    """Everything the scheduler needs to know about one runner."""

    name: str
    level: str = "intermediate"
    equipment: frozenset[str] = frozenset()
    week: dict[str, DayKind] = field(default_factory=default_week)
    races: tuple[Race, ...] = ()
    phases: tuple[PhaseRange, ...] = ()
    mileage: Mileage | None = None
    wizard_answers: dict[str, Any] | None = None
    note: str = ""
    # Day of the latest symptom check: a hold and the corrective block start there (None: the plan's start).
    wizard_checked_on: dt.date | None = None
    # The athlete file's training log (planner.domain.training_log); the window keeps its log in the database.
    log: tuple[LogEntry, ...] = ()
    # One week's runs changed by the coach: {Monday ISO date: {day: kind}}; the other days keep `week`.
    # A day set to its usual kind is kept too: it is how a coach turns down a suggestion for that week.
    week_overrides: dict[str, dict[str, DayKind]] = field(default_factory=dict)

    def day_kind(self, day: dt.date) -> DayKind:
        """The run of `day`: the week's override if the coach changed that week, else the usual week."""
        name = DAYS[day.weekday()]
        changed = self.week_overrides.get((day - dt.timedelta(days=day.weekday())).isoformat())
        if changed is not None and name in changed:
            return changed[name]
        return self.week[name]

    def week_of(self, monday: dt.date) -> dict[str, DayKind]:
        """The running week starting on `monday`, with that week's overrides."""
        changed = self.week_overrides.get(monday.isoformat(), {})
        return {d: changed.get(d, self.week[d]) for d in DAYS}

    def race_on(self, day: dt.date) -> Race | None:
        for race in self.races:
            if race.date == day:
                return race
        return None

    def to_dict(self) -> dict[str, Any]:
        """The athlete file of the interface spec."""
        out: dict[str, Any] = {
            "name": self.name,
            "level": self.level,
            "equipment": sorted(self.equipment),
            "week": {d: self.week[d].value for d in DAYS},
            "races": [r.to_dict() for r in self.races],
        }
        if self.phases:
            out["phases"] = [p.to_dict() for p in self.phases]
        if self.mileage is not None:
            out["mileage"] = self.mileage.to_dict()
        if self.wizard_answers is not None:
            out["wizard"] = {"answers": self.wizard_answers}
            if self.wizard_checked_on is not None:
                out["wizard"]["date"] = self.wizard_checked_on.isoformat()
        if self.note:
            out["note"] = self.note
        if self.log:
            out["log"] = [entry.to_dict() for entry in self.log]
        if self.week_overrides:
            out["week_overrides"] = {
                monday: {d: days[d].value for d in DAYS if d in days}
                for monday, days in sorted(self.week_overrides.items())
            }
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Athlete:
        """Parse and validate an athlete file; BadInput names the field that is wrong."""
        if not isinstance(data, dict):
            raise BadInput(f"expected a JSON object, got {type(data).__name__}")
        known = {
            "name",
            "level",
            "equipment",
            "week",
            "races",
            "phases",
            "mileage",
            "wizard",
            "note",
            "log",
            "week_overrides",
        }
        unknown = sorted(set(data) - known)
        if unknown:
            raise BadInput(f"unknown key {shown(unknown[0])}; expected one of {', '.join(sorted(known))}")
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise BadInput("expected the athlete's name as non-empty text", field="name")
        limits.ATHLETE_NAME.check(name.strip(), "name")
        level = data.get("level", "intermediate")
        if not isinstance(level, str) or level not in LEVELS:
            raise BadInput(f"unknown level {shown(level)}; expected one of {', '.join(LEVELS)}", field="level")
        equipment = data.get("equipment", [])
        if not isinstance(equipment, list):
            raise BadInput("expected a list of equipment ids", field="equipment")
        limits.EQUIPMENT_ITEMS.check(equipment, "equipment")
        for item in equipment:
            if not isinstance(item, str) or item not in EQUIPMENT:
                raise BadInput(
                    f"unknown equipment {shown(item)}; expected one of {', '.join(EQUIPMENT)}", field="equipment"
                )
        week = _parse_week(data.get("week"))
        raw_races, raw_phases = _list(data, "races"), _list(data, "phases")
        limits.RACES.check(raw_races, "races")
        limits.PHASES.check(raw_phases, "phases")
        races = tuple(sorted((_parse_race(r, i) for i, r in enumerate(raw_races)), key=lambda r: r.date))
        phases = tuple(_parse_phase(p, i) for i, p in enumerate(raw_phases))
        mileage = _parse_mileage(data.get("mileage")) if data.get("mileage") is not None else None
        wizard = data.get("wizard")
        answers = None
        checked_on = None
        if wizard is not None:
            if not isinstance(wizard, dict) or not isinstance(wizard.get("answers", {}), dict):
                raise BadInput('expected {"answers": {...}, "date": "YYYY-MM-DD"}', field="wizard")
            answers = wizard.get("answers")
            if wizard.get("date") is not None:
                checked_on = parse_date(wizard["date"], "wizard.date")
        note = data.get("note", "")
        if not isinstance(note, str):
            raise BadInput("expected text", field="note")
        limits.ATHLETE_NOTE.check(note, "note")
        log = parse_log(data.get("log"))
        week_overrides = parse_week_overrides(data.get("week_overrides"))
        return cls(
            name=name.strip(),
            level=level,
            equipment=frozenset(equipment),
            week=week,
            races=races,
            phases=phases,
            mileage=mileage,
            wizard_answers=answers,
            note=note,
            wizard_checked_on=checked_on,
            log=log,
            week_overrides=week_overrides,
        )


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadInput("expected a list", field=key)
    return value


def _parse_week(value: Any) -> dict[str, DayKind]:
    if value is None:
        return default_week()
    if not isinstance(value, dict):
        raise BadInput("expected an object with mon..sun", field="week")
    unknown = sorted(set(value) - set(DAYS))
    if unknown:
        raise BadInput(f"unknown day {shown(unknown[0])}; expected {', '.join(DAYS)}", field="week")
    week = {}
    allowed = ", ".join(k.value for k in DayKind)
    for day in DAYS:
        raw = value.get(day, "rest")
        try:
            week[day] = DayKind(raw)
        except (ValueError, TypeError):
            raise BadInput(f"unknown day kind {shown(raw)}; expected one of {allowed}", field=f"week.{day}") from None
    return week


def parse_week_overrides(value: Any) -> dict[str, dict[str, DayKind]]:
    """`week_overrides` of an athlete file (or the store's column): {"YYYY-MM-DD" Monday: {day: kind}}."""
    key = "week_overrides"
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadInput('expected an object like {"2027-03-01": {"sat": "easy"}}', field=key)
    if len(value) > MAX_WEEK_OVERRIDES:
        raise BadInput(f"at most {MAX_WEEK_OVERRIDES} weeks can be changed, got {len(value)}", field=key)
    allowed = ", ".join(k.value for k in DayKind)
    out: dict[str, dict[str, DayKind]] = {}
    for monday_text, days in value.items():
        where = f"{key}.{str(monday_text)[:20]}"
        monday = parse_date(monday_text, where)
        if monday.weekday() != 0:
            raise BadInput(f"expected the Monday that starts the week, got a {monday:%A}", field=where)
        if not isinstance(days, dict):
            raise BadInput("expected an object with days mon..sun", field=where)
        unknown = sorted(set(days) - set(DAYS), key=str)
        if unknown:
            raise BadInput(f"unknown day {shown(unknown[0])}; expected {', '.join(DAYS)}", field=where)
        week: dict[str, DayKind] = {}
        for day in DAYS:
            if day not in days:
                continue
            try:
                week[day] = DayKind(days[day])
            except (ValueError, TypeError):
                raise BadInput(
                    f"unknown day kind {shown(days[day])}; expected one of {allowed}", field=f"{where}.{day}"
                ) from None
        if week:
            out[monday.isoformat()] = week
    return out


def _parse_race(value: Any, index: int) -> Race:
    where = f"races[{index}]"
    if not isinstance(value, dict):
        raise BadInput("expected an object with date, name and priority", field=where)
    race_date = parse_date(value.get("date"), f"{where}.date")
    name = value.get("name") or "Race"
    if not isinstance(name, str):
        raise BadInput("expected text", field=f"{where}.name")
    limits.RACE_NAME.check(name, f"{where}.name")
    raw = value.get("priority", "A")
    try:
        priority = Priority(raw)
    except (ValueError, TypeError):
        raise BadInput(f"unknown priority {shown(raw)}; expected one of A, B, C", field=f"{where}.priority") from None
    return Race(date=race_date, name=name, priority=priority)


def _parse_phase(value: Any, index: int) -> PhaseRange:
    where = f"phases[{index}]"
    if not isinstance(value, dict):
        raise BadInput("expected an object with start, end and phase", field=where)
    start = parse_date(value.get("start"), f"{where}.start")
    end = parse_date(value.get("end"), f"{where}.end")
    if end < start:
        raise BadInput(f"ends ({end}) before it starts ({start})", field=where)
    raw = value.get("phase")
    try:
        phase = Phase(raw)
    except (ValueError, TypeError):
        allowed = ", ".join(p.value for p in Phase)
        raise BadInput(f"unknown phase {shown(raw)}; expected one of {allowed}", field=f"{where}.phase") from None
    return PhaseRange(start=start, end=end, phase=phase)


def _parse_mileage(value: Any) -> Mileage:
    if not isinstance(value, dict):
        raise BadInput("expected an object", field="mileage")
    lists = {}
    for key in ("weekly_km", "long_run_km", "history_long_run_km"):
        raw = value.get(key, [])
        if not isinstance(raw, list):
            raise BadInput("expected a list of distances in km", field=f"mileage.{key}")
        limits.MILEAGE_WEEKS.check(raw, f"mileage.{key}")
        for i, km in enumerate(raw):
            # `not 0 <= km` also refuses NaN, which compares false with everything
            if isinstance(km, bool) or not isinstance(km, int | float) or not 0 <= km <= 1000:
                raise BadInput(f"expected a distance 0-1000 km, got {shown(km)}", field=f"mileage.{key}[{i}]")
        lists[key] = tuple(float(k) for k in raw)
    return Mileage(**lists)
