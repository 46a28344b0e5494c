"""What the window reads of the athletes at start (their ids, the current athlete's name) is read with sqlite3
alone; it must be what the ORM reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bench.fixtures import roster
from planner.store.athletes import add_athlete, get_athlete, list_athletes
from planner.store.database import Database, open_database
from planner.store.roster import athlete_ids, athlete_name


@pytest.fixture
def stored_roster(tmp_path: Path) -> Iterator[Database]:
    """Athletes added out of name order, two with the same name: the roster's order is by name, then id."""
    db = open_database(tmp_path / "club.db")
    for athlete, name in zip(roster(4), ("Zoë Hart", "Ann Lee", "Mia Ode", "Ann Lee"), strict=True):
        add_athlete(db, replace(athlete, name=name))
    yield db
    db.close()


def test_the_athlete_ids_read_with_sqlite_are_the_orm_roster_in_order(stored_roster: Database) -> None:
    assert athlete_ids(stored_roster) == [a.id for a in list_athletes(stored_roster)]


def test_each_name_read_with_sqlite_is_the_orm_athletes_name(stored_roster: Database) -> None:
    for stored in list_athletes(stored_roster):
        assert athlete_name(stored_roster, stored.id) == get_athlete(stored_roster, stored.id).athlete.name


def test_an_athlete_that_is_not_there_has_no_name(stored_roster: Database) -> None:
    assert athlete_name(stored_roster, 9999) is None
