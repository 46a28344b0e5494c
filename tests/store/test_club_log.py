"""Two coaches typing one athlete's training log: a write over an entry the other changed, added or deleted
since is refused (EditConflict, nothing written) and names who. On an SQLite file and a PostgreSQL server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from planner.domain.athlete import Athlete
from planner.domain.conflict import EditConflict
from planner.domain.training_log import LogEntry
from planner.store import athletes
from planner.store.database import Database, open_database
from planner.store.training_log import delete_entries, log_entries, replace_entries, save_entries

DAY = dt.date(2027, 1, 5)
BRIDGE = LogEntry(DAY, "glute-bridge", 2, None, 1)


@pytest.fixture
def coaches(db_url: str) -> Iterator[tuple[Database, Database, int]]:
    """Anna and Ben on one database, and an athlete whose log holds one entry both of them have seen."""
    anna = open_database(db_url)
    ben = open_database(db_url)
    anna.who, ben.who = "anna", "ben"
    athlete_id = athletes.add_athlete(anna, Athlete(name="Maya"))
    save_entries(anna, athlete_id, [BRIDGE])
    yield anna, ben, athlete_id
    anna.close()
    ben.close()


def test_changing_an_entry_another_coach_changed_is_refused_naming_them(coaches) -> None:
    anna, ben, athlete_id = coaches
    replace_entries(ben, athlete_id, (), [replace(BRIDGE, sets_done=3)], expected={BRIDGE.key: BRIDGE})
    with pytest.raises(EditConflict, match=r"(?i)glute.bridge") as raised:
        replace_entries(anna, athlete_id, (), [replace(BRIDGE, sets_done=1)], expected={BRIDGE.key: BRIDGE})
    assert "changed by ben" in str(raised.value)
    assert log_entries(anna, athlete_id) == (replace(BRIDGE, sets_done=3),)


def test_changing_an_entry_another_coach_deleted_is_refused(coaches) -> None:
    anna, ben, athlete_id = coaches
    delete_entries(ben, athlete_id, [BRIDGE.key], expected={BRIDGE.key: BRIDGE})
    with pytest.raises(EditConflict, match="deleted by someone else"):
        replace_entries(anna, athlete_id, (), [replace(BRIDGE, sets_done=1)], expected={BRIDGE.key: BRIDGE})
    assert log_entries(anna, athlete_id) == ()


def test_deleting_an_entry_another_coach_changed_is_refused_and_keeps_theirs(coaches) -> None:
    anna, ben, athlete_id = coaches
    theirs = replace(BRIDGE, pain_during=4)
    replace_entries(ben, athlete_id, (), [theirs], expected={BRIDGE.key: BRIDGE})
    with pytest.raises(EditConflict, match="changed by ben"):
        replace_entries(anna, athlete_id, [BRIDGE.key], (), expected={BRIDGE.key: BRIDGE})
    assert log_entries(anna, athlete_id) == (theirs,)


def test_typing_an_entry_another_coach_just_added_is_refused(coaches) -> None:
    anna, ben, athlete_id = coaches
    new = LogEntry(DAY, "clamshell", 3)
    replace_entries(ben, athlete_id, (), [new], expected={new.key: None})
    with pytest.raises(EditConflict, match="changed by ben"):
        replace_entries(anna, athlete_id, (), [replace(new, sets_done=1)], expected={new.key: None})
    assert replace(new, sets_done=1) not in log_entries(anna, athlete_id)


def test_a_refused_write_writes_none_of_its_entries(coaches) -> None:
    anna, ben, athlete_id = coaches
    other = LogEntry(DAY, "clamshell", 3)
    replace_entries(ben, athlete_id, (), [replace(BRIDGE, sets_done=3)], expected={BRIDGE.key: BRIDGE})
    with pytest.raises(EditConflict):
        replace_entries(
            anna, athlete_id, (), [other, replace(BRIDGE, sets_done=1)], expected={other.key: None, BRIDGE.key: BRIDGE}
        )
    assert log_entries(anna, athlete_id) == (replace(BRIDGE, sets_done=3),)


def test_a_write_that_saw_the_newest_entry_goes_through(coaches) -> None:
    anna, ben, athlete_id = coaches
    bens = replace(BRIDGE, sets_done=3)
    replace_entries(ben, athlete_id, (), [bens], expected={BRIDGE.key: BRIDGE})
    replace_entries(anna, athlete_id, (), [replace(bens, note="sore")], expected={BRIDGE.key: bens})
    assert log_entries(ben, athlete_id) == (replace(bens, note="sore"),)


def test_each_save_of_an_entry_moves_its_version_on_and_says_who(coaches) -> None:
    from sqlmodel import select

    from planner.store.tables import TrainingLogRow

    anna, ben, athlete_id = coaches
    replace_entries(ben, athlete_id, (), [replace(BRIDGE, sets_done=3)], expected={BRIDGE.key: BRIDGE})
    with anna.session() as s:
        row = s.exec(select(TrainingLogRow).where(TrainingLogRow.athlete_id == athlete_id)).one()
        assert (row.version, row.updated_by) == (2, "ben")
