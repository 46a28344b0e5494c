"""Athletes, their races and phase ranges, their saved plan and the coach's dose edits.

Several coaches may share one database (club mode): a save can name what it started from (`expected_version`
of the athlete, `expected` exercise of a dose) and is then refused with EditConflict when another coach saved
first. Without it a save writes over whatever is there (the command line, an import).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.domain.athlete import (
    DAYS,
    Athlete,
    DayKind,
    Mileage,
    Phase,
    PhaseRange,
    Priority,
    Race,
    parse_week_overrides,
)
from planner.domain.conflict import EditConflict
from planner.domain.errors import BadInput
from planner.domain.plan import Plan, PlannedExercise
from planner.domain.plan_edits import with_exercise
from planner.store.versions import changed_by, check_version, stale_is_conflict

if TYPE_CHECKING:
    from planner.store.database import Database


@dataclass(frozen=True, slots=True)
class StoredAthlete:
    """An athlete as kept in the database: its row id and the domain value, its version and stable UUID."""

    id: int
    athlete: Athlete
    version: int = 0
    uuid: str = ""


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
        # Read through the athlete file's parser: a row written by hand (or by a newer app) is checked the same way.
        week_overrides=parse_week_overrides(row.week_overrides),
    )


def _overrides_json(athlete: Athlete) -> dict[str, dict[str, str]] | None:
    # The athlete file's form, so `db copy` and export write the same thing; NULL when no week is changed.
    if not athlete.week_overrides:
        return None
    return {
        monday: {d: days[d].value for d in DAYS if d in days} for monday, days in sorted(athlete.week_overrides.items())
    }


def _fill_row(row: Any, athlete: Athlete) -> None:
    row.name = athlete.name
    row.level = athlete.level
    row.equipment = sorted(athlete.equipment)
    row.week = {d: k.value for d, k in athlete.week.items()}
    row.mileage = athlete.mileage.to_dict() if athlete.mileage else None
    row.wizard_answers = athlete.wizard_answers
    row.wizard_checked_on = athlete.wizard_checked_on
    row.week_overrides = _overrides_json(athlete)
    row.note = athlete.note
    row.updated_at = _now()


RaceKey = tuple[dt.date, str, str]  # a race's date, name and priority: what tells two races of an athlete apart


def _replace_children(
    session: Any, athlete_id: int, athlete: Athlete, who: str = "", race_uuids: dict[RaceKey, list[str]] | None = None
) -> None:
    from sqlmodel import delete, select

    t = _tables()
    # Races keep their rows (and UUIDs): an unchanged race is left alone, a changed one updated in place.
    rows = list(
        session.exec(select(t.RaceRow).where(t.RaceRow.athlete_id == athlete_id).order_by(t.RaceRow.date, t.RaceRow.id))
    )
    wanted = sorted(athlete.races, key=lambda r: r.date)
    same = {(r.date, r.name, r.priority.value) for r in wanted}
    kept = [row for row in rows if (row.date, row.name, row.priority) in same]
    kept_keys = [(row.date, row.name, row.priority) for row in kept]
    spare = [row for row in rows if row not in kept]
    for race in wanted:
        key = (race.date, race.name, race.priority.value)
        if key in kept_keys:
            kept_keys.remove(key)
            continue
        if spare:
            row = spare.pop(0)
        else:
            row = t.RaceRow(athlete_id=athlete_id)
            known = (race_uuids or {}).get(key)
            if known:  # a race put back by an undo keeps the UUID it had
                row.uuid = known.pop(0)
        row.date, row.name, row.priority, row.updated_by = race.date, race.name, race.priority.value, who
        session.add(row)
    for row in spare:
        session.delete(row)
    session.exec(delete(t.PhaseRangeRow).where(t.PhaseRangeRow.athlete_id == athlete_id))
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
        out = [
            StoredAthlete(r.id, _athlete_from_rows(r, races.get(r.id, []), phases.get(r.id, [])), r.version, r.uuid)
            for r in rows
        ]
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
        return StoredAthlete(athlete_id, _athlete_from_rows(row, list(races), list(phases)), row.version, row.uuid)


def add_athlete(
    db: Database,
    athlete: Athlete,
    *,
    athlete_id: int | None = None,
    uuid: str | None = None,
    race_uuids: dict[RaceKey, list[str]] | None = None,
) -> int:
    """Store a new athlete and return its id.

    An undo of a delete puts the athlete back as the same row: under its old id (`athlete_id`), its old UUID
    (`uuid`) and its races' old UUIDs (`race_uuids`, from `race_uuids()`), so another coach's window and a
    later `db copy` see the same athlete, not a new one.
    """
    t = _tables()
    with db.session() as s:
        row = t.AthleteRow(id=athlete_id, name=athlete.name, updated_by=db.who)
        if uuid:
            row.uuid = uuid
        _fill_row(row, athlete)
        s.add(row)
        s.flush()
        _replace_children(s, row.id, athlete, db.who, {k: list(v) for k, v in (race_uuids or {}).items()})
        return int(row.id)


AthleteRows = dict[str, list[dict[str, Any]]]  # table name -> the athlete's rows there, every column as stored


def _athlete_tables() -> list[Any]:
    """The athlete's table and every table whose rows belong to one athlete, parents first."""
    from sqlmodel import SQLModel

    _tables()  # registers the tables on the metadata
    return [
        table
        for table in SQLModel.metadata.sorted_tables
        if table.name == "athlete" or ("athlete_id" in table.c and table.c.athlete_id.foreign_keys)
    ]


def athlete_rows(db: Database, athlete_id: int) -> AthleteRows:
    """Every row of the athlete as stored (their row, races, phases, plan, dose edits, training log, calendar
    memory: ids, UUIDs and versions included), read in one transaction: what `restore_athlete_rows` puts back."""
    from sqlalchemy import select

    out: AthleteRows = {}
    with db.engine.connect() as conn:
        for table in _athlete_tables():
            owner = table.c.id if table.name == "athlete" else table.c.athlete_id
            order = list(table.primary_key.columns)
            out[table.name] = [
                dict(r) for r in conn.execute(select(table).where(owner == athlete_id).order_by(*order)).mappings()
            ]
    return out


def restore_athlete_rows(db: Database, rows: AthleteRows) -> None:
    """Put a deleted athlete back exactly as `athlete_rows` read them, in one transaction (the undo of a delete):
    the same ids and UUIDs, so another coach's window and a later `db copy` see the same athlete, not a new one."""
    from sqlalchemy import insert

    with db.engine.begin() as conn:
        for table in _athlete_tables():
            if rows.get(table.name):
                conn.execute(insert(table), rows[table.name])


def race_uuids(db: Database, athlete_id: int) -> dict[RaceKey, list[str]]:
    """The UUIDs of the athlete's races by (date, name, priority): what `add_athlete` needs to restore them."""
    from sqlmodel import select

    t = _tables()
    out: dict[RaceKey, list[str]] = {}
    with db.session() as s:
        for r in s.exec(select(t.RaceRow).where(t.RaceRow.athlete_id == athlete_id).order_by(t.RaceRow.id)).all():
            out.setdefault((r.date, r.name, r.priority), []).append(r.uuid)
    return out


def athlete_version(db: Database, athlete_id: int) -> int | None:
    """The athlete row's version now (None: no such athlete); what a later save names as expected."""
    t = _tables()
    with db.session() as s:
        row = s.get(t.AthleteRow, athlete_id)
        return None if row is None else int(row.version)


def update_athlete(db: Database, athlete_id: int, athlete: Athlete, *, expected_version: int | None = None) -> int:
    """Save the athlete's fields, races and phases; return the row's new version.

    With `expected_version`, refused with EditConflict (nothing written) when another save changed or
    deleted the athlete since that version was read.
    """
    t = _tables()
    what = f"The athlete {athlete.name!r}"
    with db.session() as s:
        # FOR UPDATE (PostgreSQL): a second coach's save waits here and then sees the version this one made.
        row = s.get(t.AthleteRow, athlete_id, with_for_update=expected_version is not None)
        if row is None and expected_version is None:
            raise BadInput(f"no athlete with id {athlete_id}")
        check_version(row, expected_version, kind="athlete", key=athlete_id, what=what)
        _fill_row(row, athlete)
        row.updated_by = db.who
        s.add(row)
        _replace_children(s, athlete_id, athlete, db.who)
        with stale_is_conflict("athlete", athlete_id, what):
            s.flush()
        return int(row.version)


def delete_athlete(db: Database, athlete_id: int, *, expected_version: int | None = None) -> None:
    """Delete an athlete with their races, phases, plan and dose edits (foreign keys cascade).

    With `expected_version`, refused with EditConflict when another coach changed the athlete since.
    """
    t = _tables()
    with db.session() as s:
        row = s.get(t.AthleteRow, athlete_id, with_for_update=expected_version is not None)
        if row is None:
            raise BadInput(f"no athlete with id {athlete_id}")
        what = f"The athlete {row.name!r}"
        check_version(row, expected_version, kind="athlete", key=athlete_id, what=what)
        s.delete(row)
        with stale_is_conflict("athlete", athlete_id, what):
            s.flush()


WizardCheck = tuple[dict[str, Any] | None, dt.date | None]  # an athlete's check on record: answers and its day


def set_wizard_answers(
    db: Database,
    athlete_id: int,
    answers: dict[str, Any] | None,
    checked_on: dt.date | None,
    *,
    expected: WizardCheck | None = None,
) -> int:
    """Record a symptom check on the athlete (its answers and day), nothing else of the row; return the row's
    new version.

    `expected` is the check on record as the coach saw it when they started (answers, day). When another coach
    recorded a different check meanwhile, refused with EditConflict and nothing written. Other fields another
    coach changed are left as they are (only the check is written, on the row as it is now).
    """
    t = _tables()
    with db.session() as s:
        # FOR UPDATE (PostgreSQL): a second coach's save waits here and then sees the check this one wrote.
        row = s.get(t.AthleteRow, athlete_id, with_for_update=True)
        if row is None:
            if expected is None:
                raise BadInput(f"no athlete with id {athlete_id}")
            raise EditConflict("athlete", athlete_id, "The athlete", None)
        what = f"The symptom check of {row.name!r}"
        if expected is not None and (_as_stored(row.wizard_answers), row.wizard_checked_on) != (
            _as_stored(expected[0]),
            expected[1],
        ):
            raise EditConflict("athlete", athlete_id, what, changed_by(row))
        row.wizard_answers, row.wizard_checked_on = answers, checked_on
        row.updated_at, row.updated_by = _now(), db.who
        s.add(row)
        with stale_is_conflict("athlete", athlete_id, what):
            s.flush()
        return int(row.version)


def _as_stored(answers: dict[str, Any] | None) -> Any:
    # A JSON column gives lists back where the window held tuples: compare the answers as the row keeps them.
    import json

    return None if answers is None else json.loads(json.dumps(answers, sort_keys=True))


def duplicate_athlete(db: Database, athlete_id: int) -> int:
    from dataclasses import replace

    original = get_athlete(db, athlete_id).athlete
    return add_athlete(db, replace(original, name=f"{original.name} (copy)"))


# --- plans and the coach's edits -------------------------------------------------------------------


def plan_version(db: Database, athlete_id: int) -> int | None:
    """The version of the athlete's saved plan now (None: no plan yet); what a later save names as expected."""
    from sqlmodel import select

    t = _tables()
    with db.session() as s:
        found = s.exec(select(t.PlanRow.version).where(t.PlanRow.athlete_id == athlete_id)).first()
        return None if found is None else int(found)


def _check_plan(s: Any, athlete_id: int, expected_version: int | None, who: str) -> None:
    """EditConflict when another coach saved the athlete's plan since it was at `expected_version`.

    The coach's own saves in between (a dose edit, a rebuild that followed their log) are not a conflict:
    they move the version on too, and this coach has seen them.
    """
    from sqlmodel import select

    t = _tables()
    if expected_version is None:
        return
    row = s.exec(select(t.PlanRow).where(t.PlanRow.athlete_id == athlete_id).with_for_update()).first()
    if row is None or int(row.version) == int(expected_version) or (row.updated_by or "") == who:
        return
    athlete = s.get(t.AthleteRow, athlete_id)
    what = f"The plan of {athlete.name!r}" if athlete is not None else "The plan"
    raise EditConflict("plan", athlete_id, what, changed_by(row))


def check_plan(db: Database, athlete_id: int, expected_version: int | None) -> None:
    """EditConflict (nothing written) when another coach saved the plan since `expected_version` (see save_plan)."""
    with db.session() as s:
        _check_plan(s, athlete_id, expected_version, db.who)


def save_plan(db: Database, athlete_id: int, plan: Plan, *, weeks: int, expected_version: int | None = None) -> int:
    """Keep the athlete's current plan (one per athlete), replacing the previous one; return its new version.

    One INSERT … ON CONFLICT statement, not a read then a write: two threads (or processes) saving an
    athlete's first plan at once both succeed, where read-then-insert failed one of them with
    "UNIQUE constraint failed: plan.athlete_id" or "database is locked".

    With `expected_version` (the plan's version when the coach loaded it or asked for the save), refused with
    EditConflict, nothing written, when another coach saved the plan since (a regenerate or dose change of
    theirs); the coach's own saves in between are not a conflict.
    """
    from sqlmodel import select

    t = _tables()
    values = {"athlete_id": athlete_id, "start": plan.start, "weeks": weeks, "data": plan.to_dict()}
    values["generated_at"] = _now()
    values["updated_by"] = db.who
    with db.session() as s:
        _check_plan(s, athlete_id, expected_version, db.who)
        if s.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        statement = insert(t.PlanRow).values(**values)
        changed = {key: statement.excluded[key] for key in values if key != "athlete_id"}
        changed["version"] = t.PlanRow.__table__.c.version + 1  # what version_id_col does for ORM saves
        s.exec(statement.on_conflict_do_update(index_elements=["athlete_id"], set_=changed))
        return int(s.exec(select(t.PlanRow.version).where(t.PlanRow.athlete_id == athlete_id)).one())


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
        row.data, row.updated_at, row.updated_by = exercise.to_dict(), _now(), db.who
        s.add(row)


def change_dose(
    db: Database,
    athlete_id: int,
    session_key: str,
    edit: PlannedExercise | None,
    shown: PlannedExercise,
    *,
    expected: PlannedExercise | None = None,
) -> None:
    """One coach's dose change in ONE transaction: record (or, with None, forget) the dose edit and put
    `shown` into the saved plan's session.

    `expected` is the exercise as the coach saw it before the change. When the database says otherwise (another
    coach changed that dose, or regenerated the plan, meanwhile) the change is refused with EditConflict and
    nothing is written.
    """
    from sqlmodel import select

    t = _tables()
    with db.session() as s:
        plan_row = s.exec(
            select(t.PlanRow).where(t.PlanRow.athlete_id == athlete_id).with_for_update(of=t.PlanRow)
        ).first()
        edit_row = s.exec(
            select(t.DoseEditRow).where(
                t.DoseEditRow.athlete_id == athlete_id,
                t.DoseEditRow.session_key == session_key,
                t.DoseEditRow.exercise_id == shown.id,
            )
        ).first()
        plan = Plan.from_dict(plan_row.data) if plan_row is not None else None
        what = f"The dose of {shown.name} on {session_key.split('|', 1)[0]}"
        if expected is not None:
            current = _exercise_in(plan, session_key, shown.id) if plan is not None else None
            if current is not None and current != expected:
                theirs = edit_row if edit_row is not None and edit_row.data == current.to_dict() else plan_row
                raise EditConflict("dose", (athlete_id, session_key, shown.id), what, changed_by(theirs))
        if edit is None:
            if edit_row is not None:
                s.delete(edit_row)
        else:
            if edit_row is None:
                edit_row = t.DoseEditRow(athlete_id=athlete_id, session_key=session_key, exercise_id=shown.id)
            edit_row.data, edit_row.updated_at, edit_row.updated_by = edit.to_dict(), _now(), db.who
            s.add(edit_row)
        if plan_row is not None and plan is not None:
            plan_row.data = with_exercise(plan, session_key, shown).to_dict()
            plan_row.updated_by = db.who
            s.add(plan_row)
        with stale_is_conflict("dose", (athlete_id, session_key, shown.id), what):
            s.flush()


def _exercise_in(plan: Plan, session_key: str, exercise_id: str) -> PlannedExercise | None:
    for week in plan.weeks:
        for session in week.sessions:
            if session.key == session_key:
                return next((e for e in session.exercises if e.id == exercise_id), None)
    return None


def clear_dose_edits(db: Database, athlete_id: int) -> int:
    from sqlmodel import delete

    t = _tables()
    with db.session() as s:
        result = s.exec(delete(t.DoseEditRow).where(t.DoseEditRow.athlete_id == athlete_id))
        return int(result.rowcount or 0)
