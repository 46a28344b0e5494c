"""Hostile and absurd input files: exit 2 with one short line naming the file and the field, nothing written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from planner.cli import main
from planner.domain import limits

ATHLETE = {
    "name": "Zoë Łukasiewicz",
    "equipment": ["band", "mat"],
    "races": [{"date": "2027-04-18", "name": "Spring Marathon", "priority": "A"}],
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("stride-planner: ") and len(err) < 400


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def athlete_file(tmp_path: Path, **changes: object) -> Path:
    return write(tmp_path / "athlete.json", json.dumps(ATHLETE | changes, ensure_ascii=False))


def plan(capsys: pytest.CaptureFixture[str], athlete: Path, *extra: str) -> tuple[int, str]:
    return run(capsys, "plan", "--athlete", str(athlete), "--start", "2027-01-04", *extra)


# -- JSON itself ---------------------------------------------------------------------------------------


def test_deeply_nested_athlete_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = '{"name": "Z", "wizard": {"answers": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    code, err = plan(capsys, write(tmp_path / "deep.json", deep))
    assert code == 2
    assert one_line(err)
    assert "deep.json: nested too deeply" in err


def test_nesting_that_json_reads_but_we_cannot_walk_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = '{"name": "Z", "level": ' + "[" * 500 + "]" * 500 + "}"
    code, err = plan(capsys, write(tmp_path / "deep.json", deep))
    assert code == 2
    assert "deep.json: nested too deeply" in err


def test_deeply_nested_answers_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(tmp_path / "answers.json", "[" * 100_000 + "]" * 100_000)
    code, err = run(capsys, "wizard", "--answers", str(answers))
    assert code == 2
    assert one_line(err)
    assert "answers.json: nested too deeply" in err


def test_deeply_nested_library_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = write(tmp_path / "lib.json", '{"exercises": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, err = run(capsys, "--db", str(tmp_path / "p.db"), "library", "import", str(library))
    assert code == 2
    assert one_line(err)
    assert "lib.json: nested too deeply" in err


def test_a_5000_digit_number_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = '{"name": "Z", "mileage": {"weekly_km": [' + "9" * 5000 + "]}}"
    code, err = plan(capsys, write(tmp_path / "athlete.json", text))
    assert code == 2
    assert one_line(err)
    assert "athlete.json: a number with 5000 digits" in err


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_a_number_that_is_not_finite_exits_2(number: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = '{"name": "Z", "mileage": {"weekly_km": [40, ' + number + "]}}"
    code, err = plan(capsys, write(tmp_path / "athlete.json", text))
    assert code == 2
    assert one_line(err)
    assert f"athlete.json: {number} is not a finite number" in err


def test_a_10_mb_bad_value_is_not_echoed_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = plan(capsys, athlete_file(tmp_path, level="x" * 10_000_000))
    assert code == 2
    assert one_line(err)
    assert "athlete.json: level: unknown level 'xxxxxxxx" in err
    assert "expected one of beginner, intermediate, advanced" in err


def test_a_bad_value_with_line_breaks_stays_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = plan(capsys, athlete_file(tmp_path, equipment=["a\nb"]))
    assert code == 2
    assert one_line(err)


# -- dates at the edge of the calendar -----------------------------------------------------------------


def test_start_on_the_last_day_of_the_calendar_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "plan", "--athlete", str(athlete_file(tmp_path)), "--start", "9999-12-31")
    assert code == 2
    assert one_line(err)
    assert "--start: expected a date from 1900-01-01 to 2199-12-31, got '9999-12-31'" in err


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_race_at_the_edge_of_the_calendar_exits_2(
    day: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    athlete = athlete_file(tmp_path, races=[{"date": day, "name": "Edge", "priority": "A"}])
    code, err = plan(capsys, athlete)
    assert code == 2
    assert one_line(err)
    assert f"athlete.json: races[0].date: expected a date from 1900-01-01 to 2199-12-31, got '{day}'" in err


# -- text limits -----------------------------------------------------------------------------------------


def test_export_pdf_with_a_1_mb_name_exits_2_naming_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.pdf"
    athlete = athlete_file(tmp_path, name="N" * 1_000_000)
    code, err = run(capsys, "export-pdf", "--athlete", str(athlete), "--out", str(out), "--start", "2027-01-04")
    assert code == 2
    assert one_line(err)
    assert f"athlete.json: name: 1,000,000 characters; the limit is {limits.ATHLETE_NAME.chars:,}" in err
    assert not out.exists()


def test_a_10_mb_note_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = plan(capsys, athlete_file(tmp_path, note="note " * 2_000_000))
    assert code == 2
    assert f"athlete.json: note: 10,000,000 characters; the limit is {limits.ATHLETE_NOTE.chars:,}" in err


def test_a_long_race_name_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    races = [{"date": "2027-04-18", "name": "R" * 1000, "priority": "A"}]
    code, err = plan(capsys, athlete_file(tmp_path, races=races))
    assert code == 2
    assert f"races[0].name: 1,000 characters; the limit is {limits.RACE_NAME.chars:,}" in err


def _library_count(capsys: pytest.CaptureFixture[str], db: Path) -> int:
    assert main(["--db", str(db), "library", "list", "--json"]) == 0
    return len(json.loads(capsys.readouterr().out))


def _native(exercise: dict[str, object]) -> str:
    good = {
        "id": "good-one",
        "name": "Good one",
        "category": "strength",
        "dose": {"sets": 3, "reps": 10},
    }
    return json.dumps({"format": "stride-planner-library", "version": 1, "exercises": [good, exercise]})


def test_library_import_refuses_a_1_mb_unbroken_field_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.db"
    before = _library_count(capsys, db)
    bad = {
        "id": "long-one",
        "name": "Long one",
        "category": "strength",
        "dose": {"sets": 3, "reps": 10},
        "instructions": ["fine", "x" * 1_000_000],
    }
    code, err = run(capsys, "--db", str(db), "library", "import", str(write(tmp_path / "lib.json", _native(bad))))
    assert code == 2
    assert one_line(err)
    assert (
        f"lib.json: exercises[1] 'long-one'.instructions[1]: 1,000,000 characters; "
        f"the limit is {limits.INSTRUCTION.chars:,}" in err
    )
    assert _library_count(capsys, db) == before


def test_library_import_refuses_a_long_tempo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = {"id": "t", "name": "T", "category": "strength", "dose": {"sets": 3, "reps": 10, "tempo": "3" * 200}}
    lib = write(tmp_path / "lib.json", _native(bad))
    code, err = run(capsys, "--db", str(tmp_path / "p.db"), "library", "import", str(lib))
    assert code == 2
    assert f"exercises[1] 't'.dose.tempo: 200 characters; the limit is {limits.TEMPO.chars:,}" in err


def _fedb(**changes: object) -> str:
    record = {
        "id": "Squat",
        "name": "Squat",
        "category": "strength",
        "level": "beginner",
        "equipment": "body only",
        "primaryMuscles": ["quadriceps"],
        "secondaryMuscles": [],
        "instructions": ["Stand tall.", "Sit back."],
    }
    return json.dumps([record | changes])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": {"name": "strength"}}, "[0].category"),
        ({"equipment": {"x": 1}}, "[0].equipment"),
        ({"level": ["beginner"]}, "[0].level"),
        ({"primaryMuscles": {"quadriceps": True}}, "[0].primaryMuscles"),
        ({"instructions": 42}, "[0].instructions"),
        ({"name": "N" * 1000}, "[0].name"),
    ],
)
def test_free_exercise_db_record_of_the_wrong_shape_exits_2(
    changes: dict[str, object], field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = write(tmp_path / "fedb.json", _fedb(**changes))
    code, err = run(
        capsys, "--db", str(tmp_path / "p.db"), "library", "import", str(lib), "--format", "free-exercise-db"
    )
    assert code == 2
    assert one_line(err)
    assert f"fedb.json: {field}: " in err


# -- where the output goes -------------------------------------------------------------------------------


def test_out_naming_a_fifo_is_refused_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, err = run(capsys, "export-pdf", "--athlete", str(athlete_file(tmp_path)), "--out", str(fifo))
    assert code == 2
    assert one_line(err)
    assert f"Cannot write {fifo}: it is not a regular file" in err
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_out_naming_a_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Through a link of our own: were the refusal broken, only the link would be replaced, never /dev/null.
    device = tmp_path / "null"
    device.symlink_to(os.devnull)
    code, err = run(capsys, "export-pdf", "--athlete", str(athlete_file(tmp_path)), "--out", str(device))
    assert code == 2
    assert f"Cannot write {device}: it is not a regular file" in err
    assert device.is_symlink()
    assert stat.S_ISCHR(device.stat().st_mode)


def test_out_naming_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    code, err = run(capsys, "export-pdf", "--athlete", str(athlete_file(tmp_path)), "--out", str(folder))
    assert code == 2
    assert f"Cannot write {folder}: it is a folder" in err
    assert folder.is_dir()


def test_library_export_to_a_fifo_is_refused_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, err = run(capsys, "--db", str(tmp_path / "p.db"), "library", "export", str(fifo))
    assert code == 2
    assert f"Cannot write {fifo}: it is not a regular file" in err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
