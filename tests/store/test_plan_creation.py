"""An athlete's first plan is made in one place, once, however many callers ask for it at the same time."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from planner.export.demo import demo_athlete
from planner.store.athletes import add_athlete, load_plan, save_plan
from planner.store.database import open_database
from planner.store.plans import ensure_plan

START = dt.date(2027, 1, 4)


def test_ensure_plan_makes_a_missing_plan_once_and_then_returns_the_saved_one(db_url: str) -> None:
    db = open_database(db_url)
    try:
        athlete_id = add_athlete(db, demo_athlete(START))

        first, made_first = ensure_plan(db, athlete_id)
        second, made_second = ensure_plan(db, athlete_id)

        assert (made_first, made_second) == (True, False)
        assert second == first == load_plan(db, athlete_id)
    finally:
        db.close()


def test_two_threads_saving_an_athletes_first_plan_at_once_both_succeed(tmp_path: Path) -> None:
    # The Plan view (UI thread) and the Export preview (a worker) both made the first plan of a new athlete:
    # both saw no plan and both inserted one, and the second died on UNIQUE constraint failed: plan.athlete_id.
    db = open_database(tmp_path / "p.db")
    try:
        athlete_id = add_athlete(db, demo_athlete(START))
        plan, _made = ensure_plan(db, athlete_id)
        from planner.store import athletes

        athletes.delete_athlete(db, athlete_id)
        athlete_id = add_athlete(db, demo_athlete(START))
        barrier = threading.Barrier(4)
        errors: list[BaseException] = []

        def save() -> None:
            barrier.wait()
            try:
                save_plan(db, athlete_id, plan, weeks=len(plan.weeks))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=save) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert load_plan(db, athlete_id) == plan
    finally:
        db.close()
