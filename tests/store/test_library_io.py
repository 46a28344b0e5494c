"""Importing and exporting library files: all or nothing, idempotent, round-trips exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.domain.errors import BadInput
from planner.store.database import Database, open_database
from planner.store.exercises import get_exercise, list_exercises
from planner.store.library_io import export_library_file, import_library_file, read_library_file
from tests.conftest import FREE_EXERCISE_DB

# `db` (tests/store/conftest.py): every test runs on an SQLite file and on a PostgreSQL server.


def test_free_exercise_db_import_adds_every_record_and_keeps_its_source(db: Database) -> None:
    before = len(list_exercises(db))
    report = import_library_file(db, FREE_EXERCISE_DB)
    assert (report.added, report.updated, report.skipped) == (873, 0, 0)
    assert len(list_exercises(db)) == before + 873
    sit_up = get_exercise(db, "fedb-3-4-sit-up")
    assert sit_up.name == "3/4 Sit-Up"
    assert "3_4_Sit-Up" in sit_up.source and "free-exercise-db" in sit_up.source
    assert sit_up.license == "The Unlicense (public domain)"
    assert sit_up.dose_is_default  # the dataset has no dose; ours is a marked default


def test_free_exercise_db_nulls_map_to_safe_values(db: Database) -> None:
    import_library_file(db, FREE_EXERCISE_DB)
    records = json.loads(FREE_EXERCISE_DB.read_text())
    no_equipment = next(r for r in records if r["equipment"] is None)
    ex = get_exercise(db, "fedb-" + no_equipment["id"].lower().replace("_", "-").replace(" ", "-"))
    assert ex is not None and ex.equipment == ()
    stretch = next(r for r in records if r["category"] == "stretching")
    assert next(e for e in list_exercises(db, search=stretch["name"]) if e.source.endswith(stretch["id"])).dose.hold_s


def test_reimporting_the_same_file_changes_nothing(db: Database) -> None:
    import_library_file(db, FREE_EXERCISE_DB)
    again = import_library_file(db, FREE_EXERCISE_DB)
    assert (again.added, again.updated, again.skipped) == (0, 0, 873)


def test_export_then_import_into_an_empty_database_gives_the_same_library(db: Database, tmp_path: Path) -> None:
    import_library_file(db, FREE_EXERCISE_DB)
    out = tmp_path / "library.json"
    export_library_file(db, out)
    fresh = open_database(tmp_path / "fresh.db")
    try:
        import_library_file(fresh, out)
        assert [e.to_dict() for e in list_exercises(fresh)] == [e.to_dict() for e in list_exercises(db)]
    finally:
        fresh.close()
    assert json.loads(out.read_text())["exercises"][0].keys() >= {"id", "dose", "instructions", "source"}


def test_a_bad_record_late_in_the_file_writes_nothing(db: Database, tmp_path: Path) -> None:
    good = [e.to_dict() for e in list_exercises(db)][:3]
    good = [{**e, "id": f"custom-{i}"} for i, e in enumerate(good)]
    bad = {**good[0], "id": "custom-bad", "dose": {**good[0]["dose"], "sets": -3}}
    path = tmp_path / "lib.json"
    path.write_text(json.dumps({"exercises": [*good, bad]}))
    before = len(list_exercises(db))
    with pytest.raises(BadInput, match=r"custom-bad.*sets.*expected 1-20, got -3"):
        import_library_file(db, path)
    assert len(list_exercises(db)) == before


def test_cancelled_import_rolls_back(db: Database) -> None:
    before = len(list_exercises(db))
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 400

    with pytest.raises(BadInput, match="cancelled"):
        import_library_file(db, FREE_EXERCISE_DB, cancelled=cancelled)
    assert len(list_exercises(db)) == before


def test_truncated_file_is_refused_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text(FREE_EXERCISE_DB.read_text()[:5000])
    with pytest.raises(BadInput, match=r"cut.json: malformed JSON at line \d+"):
        read_library_file(path)


def test_unknown_format_name_lists_the_allowed_ones(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="expected one of auto, native, free-exercise-db"):
        read_library_file(FREE_EXERCISE_DB, "csv")
