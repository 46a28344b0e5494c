"""The training log and the calendar memory on an SQLite file and a PostgreSQL server (`db_url`): round trips,
replacement, cascade, migration."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from planner.domain.athlete import Athlete
from planner.domain.calendar_memory import SentEvent
from planner.domain.training_log import LogEntry, Side
from planner.store import athletes
from planner.store.calendar_events import remember_sent, sent_events
from planner.store.database import open_database
from planner.store.training_log import delete_entries, log_entries, replace_entries, save_entries

SCHEMAS = Path(__file__).parent / "schemas"
DAY = dt.date(2027, 1, 5)


def test_entries_round_trip_through_the_database(db_url: str) -> None:
    path = db_url
    entries = (
        LogEntry(DAY, "single-leg-bridge", 3, Side.LEFT, 2, 1, 6, True, "fine"),
        LogEntry(DAY, "single-leg-bridge", 2, Side.RIGHT, 3, None, None, True, ""),
        LogEntry(DAY + dt.timedelta(days=2), "monster-walk", 0, None, 0, None, None, False, "ill"),
    )
    db = open_database(path)
    athlete_id = athletes.add_athlete(db, Athlete(name="Ann"))
    save_entries(db, athlete_id, entries)
    db.close()
    db = open_database(path)
    try:
        assert log_entries(db, athlete_id) == entries
    finally:
        db.close()


def test_an_entry_for_the_same_day_exercise_and_side_replaces_the_first(db_url: str) -> None:
    db = open_database(db_url)
    try:
        athlete_id = athletes.add_athlete(db, Athlete(name="Ann"))
        save_entries(db, athlete_id, [LogEntry(DAY, "monster-walk", 1, pain_during=4)])
        save_entries(db, athlete_id, [LogEntry(DAY, "monster-walk", 3, pain_during=2)])
        assert [(e.sets_done, e.pain_during) for e in log_entries(db, athlete_id)] == [(3, 2)]
    finally:
        db.close()


def test_replacing_and_deleting_entries(db_url: str) -> None:
    db = open_database(db_url)
    try:
        athlete_id = athletes.add_athlete(db, Athlete(name="Ann"))
        first = LogEntry(DAY, "monster-walk", 1, pain_during=4)
        save_entries(db, athlete_id, [first])
        second = LogEntry(DAY, "side-bridge", 2, pain_during=1)
        replace_entries(db, athlete_id, [first.key], [second])
        assert log_entries(db, athlete_id) == (second,)
        assert delete_entries(db, athlete_id, [second.key]) == 1
        assert log_entries(db, athlete_id) == ()
    finally:
        db.close()


def test_deleting_the_athlete_deletes_their_log_and_calendar_memory(db_url: str) -> None:
    db = open_database(db_url)
    try:
        athlete_id = athletes.add_athlete(db, Athlete(name="Ann"))
        save_entries(db, athlete_id, [LogEntry(DAY, "monster-walk", 1, pain_during=4)])
        remember_sent(db, athlete_id, {"u@stride-planner": SentEvent("u@stride-planner", 2, "d", DAY, "Strength A")})
        athletes.delete_athlete(db, athlete_id)
        assert log_entries(db, athlete_id) == ()
        assert sent_events(db, athlete_id) == {}
    finally:
        db.close()


def test_the_calendar_memory_round_trips(db_url: str) -> None:
    db = open_database(db_url)
    try:
        athlete_id = athletes.add_athlete(db, Athlete(name="Ann"))
        sent = {"u@stride-planner": SentEvent("u@stride-planner", 2, "abc", DAY, "Strength A – Ann", cancelled=True)}
        remember_sent(db, athlete_id, sent)
        assert sent_events(db, athlete_id) == sent
    finally:
        db.close()


def test_a_log_written_at_revision_0003_survives_later_migrations(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    shutil.copy(SCHEMAS / "0003.db", path)
    db = open_database(path)
    try:
        [stored] = athletes.list_athletes(db)
        assert log_entries(db, stored.id) == (
            LogEntry(dt.date(2026, 12, 8), "single-leg-rdl", 3, Side.LEFT, 3, 1, 6, True, "steady"),
        )
    finally:
        db.close()
