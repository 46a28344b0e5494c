"""Writes tests/store/schemas/<revision>.db: a database at the current schema holding one of
everything (custom exercise, edited built-in, athlete with races and phases, plan, dose edit, log entry).

Run once for every new migration, BEFORE changing the tables, and commit the file:
    .venv/bin/python tests/store/make_schema_fixture.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE.parent.parent))
    os.environ["STRIDE_PLANNER_DATA_DIR"] = tempfile.mkdtemp()
    from planner.domain.athlete import Athlete, Phase
    from planner.domain.exercise import Category, Dose, Exercise
    from planner.domain.plan import Plan, PlannedExercise, Session, SessionKind, Week
    from planner.store import athletes
    from planner.store.database import open_database
    from planner.store.exercises import add_custom_exercise, get_exercise, update_exercise
    from planner.store.migrate import head_revision

    out = HERE / "schemas" / f"{head_revision()}.db"
    out.unlink(missing_ok=True)
    db = open_database(out)
    add_custom_exercise(
        db,
        Exercise(
            id="towel-slide",
            name="Towel slide lunge",
            category=Category.STRENGTH,
            dose=Dose(sets=3, reps=12, each_side=True, rest_s=60),
            instructions=("Stand on a towel.", "Slide back into a lunge."),
        ),
    )
    clam = get_exercise(db, "side-lying-clamshell")
    update_exercise(db, replace(clam, dose=Dose(sets=4, reps=20, each_side=True, rest_s=30)))
    athlete = Athlete.from_dict(
        {
            "name": "Zoë Łukasiewicz",
            "equipment": ["band", "mat"],
            "races": [{"date": "2027-04-18", "name": "Spring Marathon", "priority": "A"}],
            "phases": [{"start": "2027-02-01", "end": "2027-04-11", "phase": "in_season"}],
            "mileage": {"weekly_km": [40, 44], "long_run_km": [14, 16], "history_long_run_km": [12]},
        }
    )
    athlete_id = athletes.add_athlete(db, athlete)
    session = Session(
        date=dt.date(2026, 12, 8),
        kind=SessionKind.STRENGTH,
        title="Strength A",
        why="Easy day",
        exercises=(
            PlannedExercise(
                "single-leg-rdl", "Single-leg Romanian deadlift", Dose(sets=3, reps=8, each_side=True, rest_s=90)
            ),
        ),
    )
    plan = Plan(
        athlete=athlete.name,
        start=dt.date(2026, 12, 7),
        weeks=(Week(index=1, start=dt.date(2026, 12, 7), phase=Phase.OFF_SEASON, sessions=(session,)),),
    )
    athletes.save_plan(db, athlete_id, plan, weeks=1)
    athletes.set_dose_edit(
        db,
        athlete_id,
        session.key,
        PlannedExercise(
            "single-leg-rdl", "Single-leg Romanian deadlift", Dose(sets=4, reps=8, each_side=True, rest_s=90)
        ),
    )
    from planner.domain.training_log import LogEntry, Side
    from planner.store.training_log import save_entries

    entry = LogEntry(
        date=dt.date(2026, 12, 8),
        exercise="single-leg-rdl",
        sets_done=3,
        side=Side.LEFT,
        pain_during=3,
        pain_next_morning=1,
        rpe=6,
        note="steady",
    )
    save_entries(db, athlete_id, [entry], session_keys={entry.key: session.key})
    db.close()
    import sqlite3

    con = sqlite3.connect(out)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    # As a file of an older release: its built-in library is not this one's, so opening it syncs the built-ins
    # (the fingerprint in user_version is 0, as in every fixture before 0006).
    con.execute("PRAGMA user_version = 0")
    con.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
