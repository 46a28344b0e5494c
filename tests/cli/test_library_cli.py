"""`stride-planner library ...` as a coach or a script uses it."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from tests.conftest import FREE_EXERCISE_DB, REPO
from tests.store.test_builtin_library import CLINICAL_IDS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_list_json_holds_every_clinical_exercise_with_a_complete_dose(capsys, db_path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "library", "list", "--json")
    assert code == 0
    items = json.loads(out)
    assert {e["id"] for e in items} >= set(CLINICAL_IDS)
    for e in items:
        dose = e["dose"]
        assert dose["sets"] >= 1
        assert dose["reps"] or dose["hold_s"] or dose["duration_s"]
        assert set(dose) == {"sets", "reps", "hold_s", "duration_s", "each_side", "rest_s", "tempo"}


def test_search_and_condition_filters_return_only_matching_rows(capsys, db_path) -> None:
    _, out, _ = run(capsys, "--db", str(db_path), "library", "list", "--search", "clam", "--json")
    assert {e["id"] for e in json.loads(out)} == {"side-lying-clamshell", "standing-clamshell"}
    _, out, _ = run(capsys, "--db", str(db_path), "library", "list", "--condition", "piriformis", "--json")
    items = json.loads(out)
    assert items and all("piriformis" in e["conditions"] for e in items)
    assert {"figure-4-stretch", "half-pigeon"} <= {e["id"] for e in items}


def test_import_reports_counts_and_is_idempotent(capsys, db_path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "library", "import", str(FREE_EXERCISE_DB))
    assert code == 0 and "873 added, 0 updated, 0 skipped" in out
    code, out, _ = run(capsys, "--db", str(db_path), "library", "import", str(FREE_EXERCISE_DB))
    assert code == 0 and "0 added, 0 updated, 873 skipped" in out


def test_export_then_import_into_an_empty_database_keeps_the_ids(capsys, tmp_path, db_path) -> None:
    run(capsys, "--db", str(db_path), "library", "import", str(FREE_EXERCISE_DB))
    out_file = tmp_path / "lib.json"
    assert run(capsys, "--db", str(db_path), "library", "export", str(out_file))[0] == 0
    empty = tmp_path / "empty.db"
    assert run(capsys, "--db", str(empty), "library", "import", str(out_file))[0] == 0
    ids = [
        {e["id"] for e in json.loads(run(capsys, "--db", str(p), "library", "list", "--json")[1])}
        for p in (db_path, empty)
    ]
    assert ids[0] == ids[1] and len(ids[0]) >= 873 + 31


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    truncated = tmp_path / "truncated.json"
    truncated.write_text(FREE_EXERCISE_DB.read_text()[:3000])
    negative = tmp_path / "negative.json"
    negative.write_text(
        json.dumps([{"id": "bad-squat", "name": "Bad squat", "category": "strength", "dose": {"sets": -1, "reps": 10}}])
    )
    return {
        "truncated": (truncated, "malformed JSON"),
        "negative": (negative, "sets: expected 1-20, got -1"),
        "missing": (tmp_path / "nope.json", "file not found"),
    }


@pytest.mark.sqlite_only("proves 'changes nothing' by the database file's bytes")
@pytest.mark.parametrize("case", ["truncated", "negative", "missing"])
def test_bad_import_exits_2_with_one_line_and_changes_nothing(capsys, tmp_path, db_path, case) -> None:
    run(capsys, "--db", str(db_path), "library", "list")
    before = digest(db_path)
    path, message = bad_files(tmp_path)[case]
    file_before = digest(path) if path.exists() else None
    code, _out, err = run(capsys, "--db", str(db_path), "library", "import", str(path))
    assert code == 2
    assert err.count("\n") == 1 and message in err and str(path) in err
    assert digest(db_path) == before
    assert (digest(path) if path.exists() else None) == file_before


def test_db_that_is_not_a_database_exits_2_and_stays_unchanged(capsys, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n")
    code, _, err = run(capsys, "--db", str(notes), "library", "list")
    assert code == 2 and "not a Stride Planner database" in err and err.count("\n") == 1
    assert notes.read_text() == "shopping list\n"


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "planner", "--version"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("stride-planner 0.")
