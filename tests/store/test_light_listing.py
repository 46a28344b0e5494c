"""The Library lists a file's exercises light: id, name, search text, category and flags first, the details
(targets, equipment, conditions, dose) read for many rows at once when they are painted, filtered or sorted on.
What a summary says must not depend on when its details were read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from planner.store.database import open_database
from planner.store.exercises import delete_exercise, fill_details, list_exercises, list_summaries, update_exercise

FIELDS = (
    "id",
    "name",
    "category",
    "targets",
    "equipment",
    "optional_equipment",
    "conditions",
    "dose",
    "builtin",
    "edited",
    "dose_is_default",
)


@pytest.fixture
def file_db(tmp_path: Path):
    db = open_database(tmp_path / "coach.db")
    yield db
    db.close()


def as_listed(summary) -> tuple:
    return tuple(getattr(summary, name) for name in FIELDS)


def test_a_light_summary_says_what_the_whole_exercise_says(file_db) -> None:
    whole = {ex.id: ex for ex in list_exercises(file_db)}
    changed = replace(whole["standing-clamshell"], dose_is_default=True, optional_equipment=("band",))
    update_exercise(file_db, changed)
    whole[changed.id] = replace(changed, edited=True)
    summaries = list_summaries(file_db)
    assert len(summaries) == len(whole) > 10
    assert all(s._listing is not None for s in summaries)  # listed light: no details read yet
    for summary in summaries:  # each read on its own, when first asked for
        assert as_listed(summary) == as_listed(whole[summary.id]), summary.id


def test_details_read_for_many_rows_at_once_are_the_same(file_db) -> None:
    one_by_one = [as_listed(s) for s in list_summaries(file_db)]
    summaries = list_summaries(file_db)
    fill_details(summaries[::2])  # half in one read (by id), then the rest in another
    fill_details(summaries)
    assert [as_listed(s) for s in summaries] == one_by_one


def test_every_row_read_in_one_scan_is_the_same(file_db, monkeypatch) -> None:
    from planner.store import exercises

    one_by_one = [as_listed(s) for s in list_summaries(file_db)]
    monkeypatch.setattr(exercises, "_DETAILS_BY_ID", 3)  # more rows than that: one scan of the listing's index
    summaries = list_summaries(file_db)
    fill_details(summaries)
    assert [as_listed(s) for s in summaries] == one_by_one


def test_a_row_deleted_after_the_listing_was_read_lists_without_details(file_db) -> None:
    from planner.domain.exercise import Category, Dose, Exercise
    from planner.store.exercises import add_custom_exercise

    mine = add_custom_exercise(
        file_db,
        Exercise(
            id="wall-sit-x",
            name="Wall sit X",
            category=Category.STRENGTH,
            targets=("quadriceps",),
            dose=Dose(sets=3, hold_s=30),
        ),
    )
    summaries = {s.id: s for s in list_summaries(file_db)}
    delete_exercise(file_db, mine.id)  # another window deletes it before the row is painted
    gone = summaries[mine.id]
    fill_details([gone, summaries["standing-clamshell"]])
    assert gone.targets == () and gone.conditions == ()
    assert gone.dose.describe()  # still a dose the table can print until the Library reloads
    assert summaries["standing-clamshell"].targets  # the others read as usual


def test_a_row_renamed_after_the_listing_was_read_still_gets_its_details(file_db) -> None:
    """Details are looked up by name (the listing's index); a row renamed meanwhile is found by its id."""
    from planner.store.exercises import get_exercise

    summaries = {s.id: s for s in list_summaries(file_db)}
    clam = get_exercise(file_db, "standing-clamshell")
    update_exercise(file_db, replace(clam, name="Standing clamshell (banded)"))
    fill_details([summaries["standing-clamshell"], summaries["side-lying-clamshell"]])
    assert summaries["standing-clamshell"].targets == clam.targets
    assert summaries["standing-clamshell"].dose == clam.dose
