"""The database tables (sqlmodel). Alembic migrations in db/ create and change them.

Lists (aliases, targets, instructions ...) are JSON columns: they are read and written whole, never
queried inside. An athlete's races and phase ranges are rows of their own so that a race can be edited
or undone without rewriting the athlete. A generated plan is kept as JSON beside the coach's dose edits,
which survive regeneration.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uuid() -> str:
    """A fresh row UUID (text, so SQLite and PostgreSQL store and compare it alike)."""
    return str(uuid_module.uuid4())


class Versioned(SQLModel):
    """The columns that let several coaches edit one database: a version and a stable UUID per row.

    `version` is SQLAlchemy's version_id_col: an ORM UPDATE or DELETE says `WHERE version = <what was read>`
    and fails (StaleDataError) when another coach's save got there first. The store's Core writes check it
    the same way. `uuid` stays with the row for ever (`db copy` keeps it); `updated_by` names who saved last
    (the PostgreSQL role, or the computer's user for a file).
    """

    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    uuid: str = Field(default_factory=new_uuid, max_length=36, unique=True, index=True)
    updated_by: str = Field(default="", sa_column_kwargs={"server_default": ""})

    @declared_attr  # type: ignore[misc]
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805  (declared_attr gets the class)
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def _json(nullable: bool = False) -> Any:
    return Field(default=None if nullable else [], sa_column=Column(JSON, nullable=nullable))


class ExerciseRow(Versioned, table=True):
    __tablename__ = "exercise"

    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    search_text: str = Field(default="", index=True)  # lowercase name, id and aliases for filtering
    category: str = Field(index=True)
    aliases: list[str] = _json()
    targets: list[str] = _json()
    equipment: list[str] = _json()
    optional_equipment: list[str] = _json()
    conditions: list[str] = _json()
    tags: list[str] = _json()
    instructions: list[str] = _json()
    cues: list[str] = _json()
    sets: int
    reps: int | None = None
    hold_s: int | None = None
    duration_s: int | None = None
    each_side: bool = False
    rest_s: int | None = None
    tempo: str | None = None
    easier: str | None = None
    harder: str | None = None
    source: str | None = None
    license: str | None = None
    drawing: str | None = None  # id of a built-in pose pair (resources/poses), or None: no drawing
    builtin: bool = Field(default=False, index=True)
    edited: bool = False
    dose_is_default: bool = False
    updated_at: dt.datetime = Field(default_factory=_utcnow)


class AthleteRow(Versioned, table=True):
    __tablename__ = "athlete"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    level: str = "intermediate"
    equipment: list[str] = _json()
    week: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    mileage: dict[str, Any] | None = _json(nullable=True)
    wizard_answers: dict[str, Any] | None = _json(nullable=True)
    wizard_checked_on: dt.date | None = None  # day of the latest symptom check (the hold and block start there)
    # {Monday ISO date: {day: kind}}: one week's runs changed by the coach (NULL: every week is the usual week)
    week_overrides: dict[str, dict[str, str]] | None = _json(nullable=True)
    note: str = ""
    created_at: dt.datetime = Field(default_factory=_utcnow)
    updated_at: dt.datetime = Field(default_factory=_utcnow)


class RaceRow(Versioned, table=True):
    __tablename__ = "race"

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(
        sa_column=Column(Integer, ForeignKey("athlete.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    date: dt.date
    name: str
    priority: str


class PhaseRangeRow(SQLModel, table=True):
    __tablename__ = "phase_range"

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(
        sa_column=Column(Integer, ForeignKey("athlete.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    start: dt.date
    end: dt.date
    phase: str


class PlanRow(Versioned, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(
        sa_column=Column(Integer, ForeignKey("athlete.id", ondelete="CASCADE"), nullable=False, unique=True)
    )
    start: dt.date
    weeks: int
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    generated_at: dt.datetime = Field(default_factory=_utcnow)


class DoseEditRow(Versioned, table=True):
    """A coach's change to one exercise of one session; reapplied when the plan is regenerated."""

    __tablename__ = "dose_edit"
    __table_args__ = (UniqueConstraint("athlete_id", "session_key", "exercise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(
        sa_column=Column(Integer, ForeignKey("athlete.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    session_key: str
    exercise_id: str
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: dt.datetime = Field(default_factory=_utcnow)


class TrainingLogRow(Versioned, table=True):
    """One exercise on one day (and side) as the athlete did it: planner.domain.training_log.LogEntry."""

    __tablename__ = "training_log"
    __table_args__ = (UniqueConstraint("athlete_id", "date", "exercise_id", "side"),)

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(
        sa_column=Column(Integer, ForeignKey("athlete.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    session_key: str = ""  # the plan session it was logged against (date|kind|title), for reading it back
    date: dt.date
    exercise_id: str
    side: str = ""  # "left", "right", or "" for one side / both sides at once (NULLs would not be unique)
    sets_done: int = 0
    pain_during: int = 0
    pain_next_morning: int | None = None
    rpe: int | None = None
    done: bool = True
    note: str = ""
    updated_at: dt.datetime = Field(default_factory=_utcnow)


class CalendarEventRow(SQLModel, table=True):
    """What the window's last calendar export said of one session: its SEQUENCE and a digest of its content."""

    __tablename__ = "calendar_event"
    __table_args__ = (UniqueConstraint("athlete_id", "uid"),)

    id: int | None = Field(default=None, primary_key=True)
    athlete_id: int = Field(
        sa_column=Column(Integer, ForeignKey("athlete.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    uid: str
    sequence: int = 0
    digest: str = ""
    date: dt.date
    summary: str = ""
    cancelled: bool = False
