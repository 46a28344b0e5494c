"""What the window reads of the athletes at start (their ids, the current athlete) is read with sqlite3 alone;
it must be what the ORM reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bench.fixtures import roster
from planner.domain.athlete import DayKind, Mileage
from planner.store.athletes import add_athlete, get_athlete, list_athletes
from planner.store.database import Database, open_database
from planner.store.roster import athlete_ids, read_athlete


@pytest.fixture
def stored_roster(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "club.db")
    athletes = roster(4)
    # One athlete with every optional field set, one with none: the JSON, date and NULL columns all read back.
    athletes[1] = replace(
        athletes[1],
        wizard_answers={"pain": "knee", "score": 3},
        wizard_checked_on=dt.date(2026, 3, 2),
        week_overrides={"2026-03-09": {"tue": DayKind.REST}},
        mileage=Mileage(weekly_km=(30.0, 32.5), long_run_km=(12.0,), history_long_run_km=()),
        note="Left calf: easy on hills",
    )
    athletes[2] = replace(athletes[2], races=(), phases=(), mileage=None, wizard_answers=None, equipment=frozenset())
    for athlete in athletes:
        add_athlete(db, athlete)
    yield db
    db.close()


def test_the_athlete_ids_read_with_sqlite_are_the_orm_roster_in_order(stored_roster: Database) -> None:
    assert athlete_ids(stored_roster) == [a.id for a in list_athletes(stored_roster)]


def test_one_athlete_read_with_sqlite_is_the_orm_athlete(stored_roster: Database) -> None:
    for stored in list_athletes(stored_roster):
        assert read_athlete(stored_roster, stored.id) == get_athlete(stored_roster, stored.id)


def test_an_athlete_that_is_not_there_reads_as_none(stored_roster: Database) -> None:
    assert read_athlete(stored_roster, 9999) is None
