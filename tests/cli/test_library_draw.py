"""`stride-planner library draw ID --out FILE.svg|FILE.png [--side left|right]`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from planner.cli import main
from planner.store.seed import builtin_exercises

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("exercise_id", [ex.id for ex in builtin_exercises()])
def test_every_builtin_draws_as_svg(capsys, tmp_path: Path, db_path: Path, exercise_id: str) -> None:
    out = tmp_path / f"{exercise_id}.svg"
    code, printed, err = run(capsys, "--db", str(db_path), "library", "draw", exercise_id, "--out", str(out))
    assert (code, err) == (0, "")
    assert str(out) in printed
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    assert len(root.findall(f"{SVG}polyline")) > 10  # a figure, twice, and its floor


def test_png_is_a_picture_with_the_drawing_on_it(capsys, tmp_path: Path, db_path: Path) -> None:
    out = tmp_path / "clamshell.png"
    code, _, err = run(capsys, "--db", str(db_path), "library", "draw", "side-lying-clamshell", "--out", str(out))
    assert (code, err) == (0, "")
    data = out.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    from PIL import Image

    with Image.open(out) as image:
        assert image.width == 900
        dark = image.convert("L").histogram()[:80]
    assert sum(dark) > 2000  # black strokes of the two figures, not an empty white picture


def test_side_left_mirrors_a_one_sided_drawing(capsys, tmp_path: Path, db_path: Path) -> None:
    right, left = tmp_path / "right.svg", tmp_path / "left.svg"
    for side, out in (("right", right), ("left", left)):
        code, printed, _ = run(
            capsys, "--db", str(db_path), "library", "draw", "donkey-kick", "--out", str(out), "--side", side
        )
        assert code == 0 and f"({side} side)" in printed
    assert right.read_text() != left.read_text()


def test_unknown_id_exits_2_with_one_line(capsys, tmp_path: Path, db_path: Path) -> None:
    out = tmp_path / "x.svg"
    code, printed, err = run(capsys, "--db", str(db_path), "library", "draw", "no-such-exercise", "--out", str(out))
    assert code == 2 and printed == ""
    assert err.count("\n") == 1 and "no exercise with id 'no-such-exercise'" in err
    assert not out.exists()


@pytest.mark.parametrize("name", ["drawing.jpg", "drawing", "drawing.svg.txt"])
def test_other_extensions_exit_2_with_one_line(capsys, tmp_path: Path, db_path: Path, name: str) -> None:
    out = tmp_path / name
    code, _, err = run(capsys, "--db", str(db_path), "library", "draw", "glute-bridge", "--out", str(out))
    assert code == 2
    assert err.count("\n") == 1 and ".svg or .png" in err
    assert not out.exists()


def test_exercise_without_a_drawing_exits_2(capsys, tmp_path: Path, db_path: Path) -> None:
    from planner.domain.exercise import Category, Dose, Exercise
    from planner.store.database import open_database
    from planner.store.exercises import add_custom_exercise

    db = open_database(str(db_path))
    try:
        add_custom_exercise(
            db, Exercise(id="wall-angel", name="Wall angel", category=Category.MOBILITY, dose=Dose(1, 10))
        )
    finally:
        db.close()
    code, _, err = run(capsys, "--db", str(db_path), "library", "draw", "wall-angel", "--out", str(tmp_path / "w.svg"))
    assert code == 2 and "'Wall angel' has no drawing" in err


def test_export_then_import_keeps_each_exercise_drawing(capsys, tmp_path: Path, db_path: Path) -> None:
    import json

    out_file = tmp_path / "lib.json"
    assert run(capsys, "--db", str(db_path), "library", "export", str(out_file))[0] == 0
    exported = {e["id"]: e["drawing"] for e in json.loads(out_file.read_text())["exercises"]}
    assert exported["side-lying-clamshell"] == "side-lying-clamshell"
    empty = tmp_path / "other.db"
    assert run(capsys, "--db", str(empty), "library", "import", str(out_file))[0] == 0
    listed = json.loads(run(capsys, "--db", str(empty), "library", "list", "--json")[1])
    assert {e["id"]: e["drawing"] for e in listed} == exported


def test_free_exercise_db_records_get_no_invented_drawing(capsys, db_path: Path) -> None:
    import json

    from tests.conftest import FREE_EXERCISE_DB

    assert run(capsys, "--db", str(db_path), "library", "import", str(FREE_EXERCISE_DB))[0] == 0
    listed = json.loads(run(capsys, "--db", str(db_path), "library", "list", "--json")[1])
    imported = [e for e in listed if e["id"].startswith("fedb-")]
    assert imported and all(e["drawing"] is None for e in imported)
