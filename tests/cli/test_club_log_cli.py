"""`log import` on a database two coaches share: an entry another coach writes while the file is read stops the
import with exit 2 and one line, and nothing of the file is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.cli import main
from planner.domain.athlete import Athlete
from planner.domain.training_log import LogEntry, Side
from planner.store import athletes, log_files
from planner.store.database import open_database
from planner.store.log_files import CSV_COLUMNS
from planner.store.training_log import log_entries, replace_entries


def test_an_entry_another_coach_writes_during_an_import_stops_it_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    db = open_database(path)
    athlete_id = athletes.add_athlete(db, Athlete(name="Maya"))
    db.close()
    log = tmp_path / "log.csv"
    log.write_text(
        ",".join(CSV_COLUMNS)
        + "\n2027-01-05,single-leg-bridge,left,3,2,1,6,yes,\n2027-01-06,monster-walk,,2,0,,,yes,\n",
        encoding="utf-8",
    )
    bens = LogEntry(dt.date(2027, 1, 5), "single-leg-bridge", 1, Side.LEFT, 4)
    reading = log_files.read_log_file

    def read_while_ben_types(*args, **kwargs):  # Ben's save lands between this coach's read and write
        ben = open_database(path)
        ben.who = "ben"
        try:
            replace_entries(ben, athlete_id, (), [bens], expected={bens.key: None})
        finally:
            ben.close()
        return reading(*args, **kwargs)

    monkeypatch.setattr(log_files, "read_log_file", read_while_ben_types)
    code = main(["--db", str(path), "log", "import", str(log), "--athlete", "Maya"])
    _out, err = capsys.readouterr()
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "changed by ben" in err and "not saved" in err
    db = open_database(path)
    try:
        assert log_entries(db, athlete_id) == (bens,)
    finally:
        db.close()
