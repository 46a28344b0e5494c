"""A season plan: weeks of sessions, each session a list of dosed exercises with a reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from planner import DISCLAIMER
from planner.domain.athlete import Phase
from planner.domain.exercise import Dose

SELF_CARE = "self_care"
# Triage levels at which running itself waits for a clinician (clinical content, section 5.3).
SEE_BEFORE_RUNNING = frozenset({"urgent", "emergency"})
RUN_NOTE = "See a clinician before running"


class SessionKind(StrEnum):
    STRENGTH = "strength"
    CORRECTIVE = "corrective"
    MOBILITY = "mobility"


@dataclass(frozen=True, slots=True)
class PlannedExercise:
    """One exercise in a session with the dose for that day."""

    id: str
    name: str
    dose: Dose
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = self.dose
        return {
            "id": self.id,
            "name": self.name,
            "sets": d.sets,
            "reps": d.reps,
            "hold_s": d.hold_s,
            "duration_s": d.duration_s,
            "each_side": d.each_side,
            "rest_s": d.rest_s,
            "tempo": d.tempo,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlannedExercise:
        dose = Dose.from_dict(
            {k: data.get(k) for k in ("sets", "reps", "hold_s", "duration_s", "rest_s", "tempo")}
            | {"each_side": bool(data.get("each_side", False))},
            where=str(data.get("id")),
        )
        return cls(id=data["id"], name=data.get("name", data["id"]), dose=dose, notes=data.get("notes", ""))


@dataclass(frozen=True, slots=True)
class Session:
    """What to do on one day, and why it is on that day."""

    date: dt.date
    kind: SessionKind
    title: str
    why: str
    exercises: tuple[PlannedExercise, ...] = ()
    edited: bool = False

    @property
    def key(self) -> str:
        """Stable identity of a session across regenerations: its date, kind and title."""
        return f"{self.date.isoformat()}|{self.kind.value}|{self.title}"

    def strength_sets(self) -> int:
        return sum(e.dose.sets for e in self.exercises)

    def minutes(self) -> float:
        return sum(e.dose.minutes() for e in self.exercises)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind.value,
            "title": self.title,
            "why": self.why,
            "exercises": [e.to_dict() for e in self.exercises],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        return cls(
            date=dt.date.fromisoformat(data["date"]),
            kind=SessionKind(data["kind"]),
            title=data["title"],
            why=data.get("why", ""),
            exercises=tuple(PlannedExercise.from_dict(e) for e in data.get("exercises", [])),
        )


@dataclass(frozen=True, slots=True)
class Week:
    index: int
    start: dt.date
    phase: Phase
    deload: bool = False
    sessions: tuple[Session, ...] = ()
    runs: dict[str, str] = field(default_factory=dict)  # day id (mon..sun) -> rest/easy/quality/long/race
    race: str | None = None  # name of a race in this week, for sheets and the overview
    # Day id -> what to do before that day's run (an urgent or emergency symptom check: RUN_NOTE).
    run_notes: dict[str, str] = field(default_factory=dict)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    def strength_sessions(self) -> list[Session]:
        return [s for s in self.sessions if s.kind is SessionKind.STRENGTH]

    def strength_sets(self) -> int:
        return sum(s.strength_sets() for s in self.strength_sessions())

    def sessions_on(self, day: dt.date) -> list[Session]:
        return [s for s in self.sessions if s.date == day]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "index": self.index,
            "start": self.start.isoformat(),
            "phase": self.phase.value,
            "deload": self.deload,
            "sessions": [s.to_dict() for s in self.sessions],
        }
        if self.runs:
            out["runs"] = dict(self.runs)
        if self.race:
            out["race"] = self.race
        if self.run_notes:
            out["run_notes"] = dict(self.run_notes)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Week:
        return cls(
            index=data["index"],
            start=dt.date.fromisoformat(data["start"]),
            phase=Phase(data["phase"]),
            deload=bool(data.get("deload", False)),
            sessions=tuple(Session.from_dict(s) for s in data.get("sessions", [])),
            runs=dict(data.get("runs", {})),
            race=data.get("race"),
            run_notes=dict(data.get("run_notes", {})),
        )


@dataclass(frozen=True, slots=True)
class Hold:
    """The latest symptom check is not self-care: no strength or corrective work from `since` on.

    `message` is what the check says to do; `instead` is what the plan prints in place of the sessions.
    """

    triage: str
    message: str
    since: dt.date

    @property
    def see_before_running(self) -> bool:
        """Urgent and emergency results: every running day waits for a clinician too."""
        return self.triage in SEE_BEFORE_RUNNING

    @property
    def action(self) -> str:
        """The hold's action in a few words: "seek care now", "get medical care today", "see a clinician first"."""
        return {"emergency": "seek care now", "urgent": "get medical care today"}.get(
            self.triage, "see a clinician first"
        )

    @property
    def title(self) -> str:
        return f"On hold: {self.action}"

    @property
    def instead(self) -> str:
        """What to do in place of the held sessions, in the runner's words."""
        running = (
            "Do not run until a clinician has seen you."
            if self.see_before_running
            else "Running: follow the advice above, and if in doubt ask the clinician before you run."
        )
        return (
            f"The symptom check on {self.since.day} {self.since:%b %Y} advises: {self.message} "
            f"No strength, hip and knee routine or mobility sessions until a clinician has looked. {running} "
            f"When they clear you, repeat the symptom check and the plan starts again from that day."
        )

    def covers(self, day: dt.date) -> bool:
        return day >= self.since

    def to_dict(self) -> dict[str, Any]:
        return {"triage": self.triage, "message": self.message, "since": self.since.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Hold:
        return cls(triage=str(data["triage"]), message=str(data["message"]), since=dt.date.fromisoformat(data["since"]))


class Change(StrEnum):
    """What the training log did to an exercise's dose for the next week (planner.domain.adjustments)."""

    PROGRESS = "progress"
    HOLD = "hold"
    BACK = "back"
    REPEAT = "repeat"


@dataclass(frozen=True, slots=True)
class Adjustment:
    """The log decided the dose of `exercise` in plan week `week` (the week after the logged session)."""

    week: int
    exercise: str
    change: Change
    because: str
    name: str = ""  # the exercise's name, for the sheet's line
    dose: str = ""  # the dose it now has, as the sheet prints it ("3 × 12, each side")

    @property
    def line(self) -> str:
        """The sheet's short line: "Single-leg bridge held at 3 × 12: pain 4/10 the next morning on Tue"."""
        verb = {
            Change.PROGRESS: "progresses to",
            Change.HOLD: "held at",
            Change.BACK: "back to",
            Change.REPEAT: "repeated at",
        }[self.change]
        return f"{self.name or self.exercise} {verb} {self.dose}: {self.because}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "week": self.week,
            "exercise": self.exercise,
            "change": self.change.value,
            "because": self.because,
        }
        return out | {"name": self.name, "dose": self.dose}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Adjustment:
        return cls(
            week=int(data["week"]),
            exercise=str(data["exercise"]),
            change=Change(data["change"]),
            because=str(data.get("because", "")),
            name=str(data.get("name", "")),
            dose=str(data.get("dose", "")),
        )


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """One plan week of the training log: sets done of the sets prescribed, and the highest and mean pain."""

    week: int
    sets_done: int
    sets_prescribed: int
    max_pain: int | None  # None: no session done that week
    mean_pain: float | None
    logged: bool = True  # False: nothing logged that week (not even a missed session)

    @property
    def adherence(self) -> float | None:
        """Share of the prescribed sets done, 0-1; None when the week prescribed nothing or was not logged."""
        if not self.logged or not self.sets_prescribed:
            return None
        return min(1.0, self.sets_done / self.sets_prescribed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "sets_done": self.sets_done,
            "sets_prescribed": self.sets_prescribed,
            "max_pain": self.max_pain,
            "mean_pain": self.mean_pain,
            "logged": self.logged,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WeekSummary:
        return cls(
            week=int(data["week"]),
            sets_done=int(data["sets_done"]),
            sets_prescribed=int(data["sets_prescribed"]),
            max_pain=data.get("max_pain"),
            mean_pain=data.get("mean_pain"),
            logged=bool(data.get("logged", True)),
        )


@dataclass(frozen=True, slots=True)
class Plan:
    athlete: str
    start: dt.date
    weeks: tuple[Week, ...]
    warnings: tuple[str, ...] = ()
    hold: Hold | None = None
    recheck_due: dt.date | None = None  # the corrective block ends: repeat the symptom check from this day
    adjustments: tuple[Adjustment, ...] = ()  # what the training log changed, week by week
    log_weeks: tuple[WeekSummary, ...] = ()  # the log week by week (sets done, pain); empty without a log

    def to_dict(self) -> dict[str, Any]:
        """The plan JSON of the interface spec, with its Additions (disclaimer, hold, adjustments; and
        `log_weeks` only when there is a log, so a plan without one is as it was)."""
        out = {
            "athlete": self.athlete,
            "start": self.start.isoformat(),
            "weeks": [w.to_dict() for w in self.weeks],
            "warnings": list(self.warnings),
            "hold": self.hold.to_dict() if self.hold is not None else None,
            "recheck_due": self.recheck_due.isoformat() if self.recheck_due is not None else None,
            "adjustments": [a.to_dict() for a in self.adjustments],
            "disclaimer": DISCLAIMER,
        }
        if self.log_weeks:
            out["log_weeks"] = [w.to_dict() for w in self.log_weeks]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        hold = data.get("hold")
        recheck = data.get("recheck_due")
        return cls(
            athlete=data["athlete"],
            start=dt.date.fromisoformat(data["start"]),
            weeks=tuple(Week.from_dict(w) for w in data["weeks"]),
            warnings=tuple(data.get("warnings", [])),
            hold=Hold.from_dict(hold) if hold else None,
            recheck_due=dt.date.fromisoformat(recheck) if recheck else None,
            adjustments=tuple(Adjustment.from_dict(a) for a in data.get("adjustments", [])),
            log_weeks=tuple(WeekSummary.from_dict(w) for w in data.get("log_weeks", [])),
        )

    def on_hold(self, week: Week) -> bool:
        """True when the hold covers any day of `week`: its sheet says what to do instead."""
        return self.hold is not None and self.hold.covers(week.end)

    def warnings_for(self, week_index: int) -> list[str]:
        prefix = f"Week {week_index}:"
        return [w for w in self.warnings if w.startswith(prefix)]

    def exercise_ids(self) -> list[str]:
        """Every exercise used in the plan, in order of first use."""
        seen: dict[str, None] = {}
        for week in self.weeks:
            for session in week.sessions:
                for ex in session.exercises:
                    seen.setdefault(ex.id, None)
        return list(seen)

    def replace_session(self, week_index: int, old_key: str, new: Session) -> Plan:
        weeks = []
        for w in self.weeks:
            if w.index == week_index:
                w = replace(w, sessions=tuple(new if s.key == old_key else s for s in w.sessions))
            weeks.append(w)
        return replace(self, weeks=tuple(weeks))


@dataclass(frozen=True, slots=True)
class CorrectiveProgram:
    """The short hip/knee routine a self-care wizard result proposes, to be done 3-4 times a week."""

    frequency_per_week: int
    exercises: tuple[PlannedExercise, ...]
    advice: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()  # pattern ids the routine serves, best first
    heavy_slow_resistance: bool = False  # patellar tendon pain: follow the 12-week HSR schedule

    def minutes(self) -> float:
        return sum(e.dose.minutes() for e in self.exercises)

    def to_dict(self) -> dict[str, Any]:
        """The `program` object of the wizard result in the interface spec."""
        return {
            "frequency_per_week": self.frequency_per_week,
            "exercises": [e.to_dict() for e in self.exercises],
            "advice": list(self.advice),
            "conditions": list(self.conditions),
            "heavy_slow_resistance": self.heavy_slow_resistance,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CorrectiveProgram:
        return cls(
            frequency_per_week=int(data["frequency_per_week"]),
            exercises=tuple(PlannedExercise.from_dict(e) for e in data.get("exercises", [])),
            advice=tuple(data.get("advice", [])),
            conditions=tuple(data.get("conditions", [])),
            heavy_slow_resistance=bool(data.get("heavy_slow_resistance", False)),
        )
