"""Athletes, their races and phase ranges, their saved plan and the coach's dose edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.domain.athlete import Athlete, DayKind, Mileage, Phase, PhaseRange, Priority, Race
from planner.domain.errors import BadInput
from planner.domain.plan import Plan, PlannedExercise

if TYPE_CHECKING:
    from planner.store.database import Database


@dataclass(frozen=True, slots=True)
class StoredAthlete:
    """An athlete as kept in the database: its row id and the domain value."""

    id: int
    athlete: Athlete


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _tables() -> Any:
    from planner.store import tables

    return tables


def _athlete_from_rows(row: Any, races: list[Any], phases: list[Any]) -> Athlete:
    mileage = None
    if row.mileage:
        mileage = Mileage(
            weekly_km=tuple(row.mileage.get("weekly_km", ())),
            long_run_km=tuple(row.mileage.get("long_run_km", ())),
            history_long_run_km=tuple(row.mileage.get("history_long_run_km", ())),
        )
    return Athlete(
        name=row.name,
        level=row.level,
        equipment=frozenset(row.equipment or ()),
        week={d: DayKind(k) for d, k in (row.week or {}).items()},
        races=tuple(
            sorted((Race(date=r.date, name=r.name, priority=Priority(r.priority)) for r in races), key=lambda r: r.date)
        ),
        phases=tuple(PhaseRange(start=p.start, end=p.end, phase=Phase(p.phase)) for p in phases),
        mileage=mileage,
        wizard_answers=row.wizard_answers,
        note=row.note or "",
        wizard_checked_on=row.wizard_checked_on,
    )


def _fill_row(row: Any, athlete: Athlete) -> None:
    row.name = athlete.name
    row.level = athlete.level
    row.equipment = sorted(athlete.equipment)
    row.week = {d: k.value for d, k in athlete.week.items()}
    row.mileage = athlete.mileage.to_dict() if athlete.mileage else None
    row.wizard_answers = athlete.wizard_answers
    row.wizard_checked_on = athlete.wizard_checked_on
    row.note = athlete.note
    row.updated_at = _now()


def _replace_children(session: Any, athlete_id: int, athlete: Athlete) -> None:
    from sqlmodel import delete

    t = _tables()
    session.exec(delete(t.RaceRow).where(t.RaceRow.athlete_id == athlete_id))
    session.exec(delete(t.PhaseRangeRow).where(t.PhaseRangeRow.athlete_id == athlete_id))
    for race in athlete.races:
        session.add(t.RaceRow(athlete_id=athlete_id, date=race.date, name=race.name, priority=race.priority.value))
    for p in athlete.phases:
        session.add(t.PhaseRangeRow(athlete_id=athlete_id, start=p.start, end=p.end, phase=p.phase.value))


def list_athletes(db: Database, *, search: str | None = None) -> list[StoredAthlete]:
    """Every athlete, by name; `search` matches any part of the name, ignoring case."""
    from sqlmodel import select

    t = _tables()
    with db.session() as s:
        rows = s.exec(select(t.AthleteRow).order_by(t.AthleteRow.name, t.AthleteRow.id)).all()
        races: dict[int, list[Any]] = {}
        for r in s.exec(select(t.RaceRow)).all():
            races.setdefault(r.athlete_id, []).append(r)
        phases: dict[int, list[Any]] = {}
        for p in s.exec(select(t.PhaseRangeRow).order_by(t.PhaseRangeRow.start)).all():
            phases.setdefault(p.athlete_id, []).append(p)
        out = [StoredAthlete(r.id, _athlete_from_rows(r, races.get(r.id, []), phases.get(r.id, []))) for r in rows]
    if search:
        needle = search.strip().lower()
        out = [a for a in out if needle in a.athlete.name.lower()]
    return out


def get_athlete(db: Database, athlete_id: int) -> StoredAthlete:
    from sqlmodel import select

    t = _tables()
    with db.session() as s:
        row = s.get(t.AthleteRow, athlete_id)
        if row is None:
            raise BadInput(f"no athlete with id {athlete_id}")
        races = s.exec(select(t.RaceRow).where(t.RaceRow.athlete_id == athlete_id)).all()
        phases = s.exec(
            select(t.PhaseRangeRow).where(t.PhaseRangeRow.athlete_id == athlete_id).order_by(t.PhaseRangeRow.start)
        ).all()
        return StoredAthlete(athlete_id, _athlete_from_rows(row, list(races), list(phases)))


def add_athlete(db: Database, athlete: Athlete, *, athlete_id: int | None = None) -> int:
    """Store a new athlete and return its id (`athlete_id` restores a deleted one under its old id)."""
    t = _tables()
    with db.session() as s:
        row = t.AthleteRow(id=athlete_id, name=athlete.name)
        _fill_row(row, athlete)
        s.add(row)
        s.flush()
        _replace_children(s, row.id, athlete)
        return int(row.id)


def update_athlete(db: Database, athlete_id: int, athlete: Athlete) -> None:
    t = _tables()
    with db.session() as s:
        row = s.get(t.AthleteRow, athlete_id)
        if row is None:
            raise BadInput(f"no athlete with id {athlete_id}")
        _fill_row(row, athlete)
        s.add(row)
        _replace_children(s, athlete_id, athlete)


def delete_athlete(db: Database, athlete_id: int) -> None:
    """Delete an athlete with their races, phases, plan and dose edits (foreign keys cascade)."""
    t = _tables()
    with db.session() as s:
        row = s.get(t.AthleteRow, athlete_id)
        if row is None:
            raise BadInput(f"no athlete with id {athlete_id}")
        s.delete(row)


def duplicate_athlete(db: Database, athlete_id: int) -> int:
    from dataclasses import replace

    original = get_athlete(db, athlete_id).athlete
    return add_athlete(db, replace(original, name=f"{original.name} (copy)"))


# --- plans and the coach's edits -------------------------------------------------------------------


def save_plan(db: Database, athlete_id: int, plan: Plan, *, weeks: int) -> None:
    """Keep the athlete's current plan (one per athlete), replacing the previous one.

    One INSERT … ON CONFLICT statement, not a read then a write: two threads (or processes) saving an
    athlete's first plan at once both succeed, where read-then-insert failed one of them with
    "UNIQUE constraint failed: plan.athlete_id" or "database is locked".
    """
    t = _tables()
    values = {"athlete_id": athlete_id, "start": plan.start, "weeks": weeks, "data": plan.to_dict()}
    values["generated_at"] = _now()
    with db.session() as s:
        if s.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        statement = insert(t.PlanRow).values(**values)
        changed = {key: statement.excluded[key] for key in values if key != "athlete_id"}
        s.exec(statement.on_conflict_do_update(index_elements=["athlete_id"], set_=changed))


def load_plan(db: Database, athlete_id: int) -> Plan | None:
    from sqlmodel import select

    t = _tables()
    with db.session() as s:
        row = s.exec(select(t.PlanRow).where(t.PlanRow.athlete_id == athlete_id)).first()
        return Plan.from_dict(row.data) if row else None


def dose_edits(db: Database, athlete_id: int) -> dict[tuple[str, str], PlannedExercise]:
    """The coach's edits: (session key, exercise id) → the exercise as the coach set it."""
    from sqlmodel import select

    t = _tables()
    with db.session() as s:
        rows = s.exec(select(t.DoseEditRow).where(t.DoseEditRow.athlete_id == athlete_id)).all()
        return {(r.session_key, r.exercise_id): PlannedExercise.from_dict(r.data) for r in rows}


def set_dose_edit(
    db: Database, athlete_id: int, session_key: str, exercise: PlannedExercise | None, exercise_id: str | None = None
) -> None:
    """Record (or, with None, forget) the coach's version of one exercise in one session."""
    from sqlmodel import delete, select

    t = _tables()
    ex_id = exercise.id if exercise is not None else exercise_id
    with db.session() as s:
        if exercise is None:
            s.exec(
                delete(t.DoseEditRow).where(
                    t.DoseEditRow.athlete_id == athlete_id,
                    t.DoseEditRow.session_key == session_key,
                    t.DoseEditRow.exercise_id == ex_id,
                )
            )
            return
        row = s.exec(
            select(t.DoseEditRow).where(
                t.DoseEditRow.athlete_id == athlete_id,
                t.DoseEditRow.session_key == session_key,
                t.DoseEditRow.exercise_id == ex_id,
            )
        ).first()
        if row is None:
            row = t.DoseEditRow(athlete_id=athlete_id, session_key=session_key, exercise_id=ex_id)
        row.data, row.updated_at = exercise.to_dict(), _now()
        s.add(row)


def clear_dose_edits(db: Database, athlete_id: int) -> int:
    from sqlmodel import delete

    t = _tables()
    with db.session() as s:
        result = s.exec(delete(t.DoseEditRow).where(t.DoseEditRow.athlete_id == athlete_id))
        return int(result.rowcount or 0)
