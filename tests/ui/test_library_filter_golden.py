"""Golden filter results: the library shows the same exercises, in the same order, for every search and filter.

The rows a coach sees for a search must not change when filtering is made faster. The golden file holds, per
query, the ids shown top to bottom; the library is the frozen copy of the shipped one plus numbered look-alikes
(tests/domain/test_golden_plans.py), so a new shipped exercise does not move it. A change that is MEANT to change
what the filter shows regenerates it:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.test_library_filter_golden --write
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from planner.ui.library_model import ExerciseFilterProxy, ExerciseIdRole, ExerciseTableModel
from tests.domain.test_golden_plans import GOLDEN, big_library

GOLDEN_FILE = GOLDEN / "library_filter.json"
LIBRARY_SIZE = 600

# (search text, category, equipment, condition, sort column, descending)
QUERIES: tuple[tuple[str, str | None, str | None, str | None, int, bool], ...] = (
    ("", None, None, None, 0, False),
    ("s", None, None, None, 0, False),
    ("sq", None, None, None, 0, False),
    ("squat", None, None, None, 0, False),
    ("SQUAT ", None, None, None, 0, False),  # case and spaces do not matter
    ("bridge", None, None, None, 0, False),
    ("hip", None, None, None, 0, False),
    ("band", None, None, None, 0, False),
    ("calf raise", None, None, None, 0, False),
    ("single-leg", None, None, None, 0, False),
    ("rfess", None, None, None, 0, False),  # an alias
    ("side-lying-clam", None, None, None, 0, False),  # part of an id
    ("(tempo 1", None, None, None, 0, False),  # a look-alike's number
    ("zzz", None, None, None, 0, False),
    ("", "strength", None, None, 0, False),
    ("", "foam-roll", None, "itbs", 0, False),
    ("", None, "none", None, 0, False),
    ("", None, "band", None, 0, False),
    ("", None, "dumbbell", None, 0, False),
    ("a", "mobility", "mat", None, 0, False),
    ("", None, None, "pfps", 0, False),
    ("e", None, None, None, 1, False),  # sorted by category
    ("e", None, None, None, 4, True),  # by dose, descending
    ("", None, None, None, 2, True),  # by targets, descending
)


def query_key(query: tuple[Any, ...]) -> str:
    return json.dumps(query)


def shown_ids(model: ExerciseTableModel, proxy: ExerciseFilterProxy, query: tuple[Any, ...]) -> list[str]:
    text, category, equipment, condition, column, descending = query
    proxy.set_search("")
    proxy.set_category(None)
    proxy.set_equipment(None)
    proxy.set_condition(None)
    proxy.sort(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    proxy.set_search(text)
    proxy.set_category(category)
    proxy.set_equipment(equipment)
    proxy.set_condition(condition)
    return [proxy.index(r, 0).data(ExerciseIdRole) for r in range(proxy.rowCount())]


def all_results() -> dict[str, list[str]]:
    model, proxy = ExerciseTableModel(), ExerciseFilterProxy()
    proxy.setSourceModel(model)
    model.set_exercises(list(big_library(LIBRARY_SIZE)))
    return {query_key(q): shown_ids(model, proxy, q) for q in QUERIES}


def test_every_query_shows_the_golden_rows(qtbot) -> None:
    expected = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))
    model, proxy = ExerciseTableModel(), ExerciseFilterProxy()
    proxy.setSourceModel(model)
    model.set_exercises(list(big_library(LIBRARY_SIZE)))
    for query in QUERIES:
        assert shown_ids(model, proxy, query) == expected[query_key(query)], query


def test_a_library_listed_from_a_file_shows_the_golden_rows(qtbot, tmp_path: Path) -> None:
    """The window lists a file's library light (details read when painted, filtered or sorted on): the same rows."""
    from planner.store.database import open_database
    from planner.store.exercises import delete_exercise, existing_ids, list_summaries, write_exercises

    expected = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))
    library = list(big_library(LIBRARY_SIZE))
    db = open_database(tmp_path / "golden.db")
    try:
        write_exercises(db, library, mark_edited=False)
        for extra in existing_ids(db) - {ex.id for ex in library}:
            delete_exercise(db, extra)  # a shipped exercise newer than the frozen copy
        summaries = list_summaries(db)
        assert all(s._listing is not None for s in summaries)  # listed light: no details read yet
        model, proxy = ExerciseTableModel(), ExerciseFilterProxy()
        proxy.setSourceModel(model)
        model.set_exercises(summaries)
        for query in QUERIES:
            assert shown_ids(model, proxy, query) == expected[query_key(query)], query
    finally:
        db.close()


def test_the_queries_reach_empty_partial_and_full_results() -> None:
    expected = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))
    sizes = {len(ids) for ids in expected.values()}
    assert 0 in sizes and LIBRARY_SIZE in sizes
    assert any(0 < n < LIBRARY_SIZE for n in sizes)


def test_models_stay_valid_through_every_query(qtbot) -> None:
    model, proxy = ExerciseTableModel(), ExerciseFilterProxy()
    proxy.setSourceModel(model)
    mode = QAbstractItemModelTester.FailureReportingMode.Fatal
    testers = [QAbstractItemModelTester(m, mode) for m in (model, proxy)]
    model.set_exercises(list(big_library(LIBRARY_SIZE)))
    for query in QUERIES[:: max(1, len(QUERIES) // 8)]:
        shown_ids(model, proxy, query)
    assert len(testers) == 2


def write_golden_file() -> None:
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    GOLDEN_FILE.write_text(json.dumps(all_results(), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN_FILE.relative_to(Path(__file__).resolve().parents[2])}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    write_golden_file()
