"""The Library's listing is read from its covering index (migration 0006), never from the table's wide rows.

If a column is added to the listing without being added to the index, SQLite quietly goes back to reading every
row of the table and sorting them (a few hundred ms at 50,000 exercises): this test says so instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from planner.store.database import open_database
from planner.store.exercises import _SUMMARY_COLUMNS, list_summaries
from planner.store.library_cache import _SQLITE_FINGERPRINT as SQLITE_FINGERPRINT


def test_the_listing_is_read_from_the_covering_index_in_order(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    try:
        plan = con.execute(
            f"EXPLAIN QUERY PLAN SELECT {', '.join(_SUMMARY_COLUMNS)} FROM exercise ORDER BY name, id"
        ).fetchall()
    finally:
        con.close()
    steps = [row[-1] for row in plan]
    assert steps == ["SCAN exercise USING COVERING INDEX ix_exercise_listing"], steps


def test_the_listing_is_in_name_then_id_order(tmp_path: Path) -> None:
    db = open_database(tmp_path / "coach.db")
    try:
        listed = [(s.name, s.id) for s in list_summaries(db)]
    finally:
        db.close()
    assert listed == sorted(listed) and len(listed) > 10


def test_the_library_fingerprint_reads_the_index_not_the_table(tmp_path: Path) -> None:
    """Every plan rebuild asks whether the library changed: that query must not walk the table's wide rows."""
    path = tmp_path / "coach.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    try:
        plan = con.execute(f"EXPLAIN QUERY PLAN {SQLITE_FINGERPRINT}").fetchall()
    finally:
        con.close()
    assert [row[-1] for row in plan] == ["SCAN exercise USING COVERING INDEX ix_exercise_listing"]
