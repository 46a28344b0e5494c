"""`stride-planner log import|export`: CSV and JSON round trips, all-or-nothing imports, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.domain.athlete import Athlete
from planner.store import athletes
from planner.store.database import open_database
from planner.store.log_files import CSV_COLUMNS
from planner.store.training_log import log_entries

HEADER = ",".join(CSV_COLUMNS)
ROWS = [
    "2027-01-05,single-leg-bridge,left,3,2,1,6,yes,felt strong",
    "2027-01-05,single-leg-bridge,right,2,3,,,yes,",
    '2027-01-07,monster-walk,,0,0,,,no,"ill, stayed home"',
]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "coach.db"
    db = open_database(path)
    athletes.add_athlete(db, Athlete(name="Zoë Łukasiewicz"))
    db.close()
    return path


def run(capsys: pytest.CaptureFixture[str], db_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db_path), "log", *args])
    out, err = capsys.readouterr()
    return code, out, err


def stored(db_path: Path) -> tuple:
    db = open_database(db_path)
    try:
        [athlete] = athletes.list_athletes(db)
        return log_entries(db, athlete.id)
    finally:
        db.close()


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_csv_log_round_trips_through_import_and_export(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "week.csv", HEADER, *ROWS)
    code, out, err = run(capsys, db_path, "import", str(source), "--athlete", "zoë łukasiewicz")
    assert code == 0, err
    assert out.strip() == "Imported 3 log entries for Zoë Łukasiewicz (3 new, 0 replaced)"
    exported = tmp_path / "out.csv"
    code, _out, err = run(capsys, db_path, "export", "--athlete", "1", "--out", str(exported))
    assert code == 0, err
    assert exported.read_text(encoding="utf-8").splitlines() == [HEADER, *ROWS]


def test_a_json_log_round_trips_and_matches_the_athlete_files_shape(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    run(capsys, db_path, "import", str(write(tmp_path / "week.csv", HEADER, *ROWS)), "--athlete", "1")
    exported = tmp_path / "log.json"
    run(capsys, db_path, "export", "--athlete", "1", "--out", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["log"][0] == {
        "date": "2027-01-05",
        "exercise": "single-leg-bridge",
        "sets_done": 3,
        "side": "left",
        "pain_during": 2,
        "pain_next_morning": 1,
        "rpe": 6,
        "done": True,
        "note": "felt strong",
    }
    before = stored(db_path)
    code, out, _err = run(capsys, db_path, "import", str(exported), "--athlete", "1")
    assert code == 0 and "(0 new, 3 replaced)" in out
    assert stored(db_path) == before


def test_a_bad_csv_row_exits_2_naming_the_line_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "week.csv", HEADER, ROWS[0], "2027-01-06,side-bridge,,2,11,,,yes,", ROWS[2])
    code, out, err = run(capsys, db_path, "import", str(source), "--athlete", "1")
    assert (code, out) == (2, "")
    assert err == f"stride-planner: {source}: line 3: pain_during: expected a whole number 0-10, got 11\n"
    assert stored(db_path) == ()


def test_an_unknown_exercise_in_a_csv_names_its_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "week.csv", HEADER, ROWS[0], "2027-01-06,moon-walk,,2,1,,,yes,")
    code, _out, err = run(capsys, db_path, "import", str(source), "--athlete", "1")
    assert code == 2
    assert err == f"stride-planner: {source}: line 3: exercise: unknown exercise 'moon-walk'\n"
    assert stored(db_path) == ()


def test_a_csv_with_an_unknown_column_names_the_header_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "week.csv", HEADER + ",mood", ROWS[0] + ",ok")
    code, _out, err = run(capsys, db_path, "import", str(source), "--athlete", "1")
    assert code == 2
    assert err.startswith(f"stride-planner: {source}: line 1: unknown column 'mood'")


def test_the_same_entry_twice_in_a_csv_names_the_second_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "week.csv", HEADER, ROWS[0], ROWS[1], ROWS[0])
    code, _out, err = run(capsys, db_path, "import", str(source), "--athlete", "1")
    assert code == 2
    assert f"{source}: line 4: a second entry for single-leg-bridge on 2027-01-05 (left)" in err


def test_an_unknown_athlete_exits_2(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    code, _out, err = run(capsys, db_path, "export", "--athlete", "Nobody", "--out", str(tmp_path / "x.csv"))
    assert code == 2
    assert err == "stride-planner: --athlete: no athlete called 'Nobody' (or with that id) in the database\n"
    assert not (tmp_path / "x.csv").exists()


def test_imported_entries_keep_their_dates(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    run(capsys, db_path, "import", str(write(tmp_path / "week.csv", HEADER, *ROWS)), "--athlete", "1")
    assert [e.date for e in stored(db_path)] == [dt.date(2027, 1, 5), dt.date(2027, 1, 5), dt.date(2027, 1, 7)]
