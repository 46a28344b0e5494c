"""The suite runs on a clone of the repository alone: no test reads a file outside it."""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

from tests.conftest import DATA, FREE_EXERCISE_DB, REPO

TESTS = REPO / "tests"
LEAVING = {
    "a relative path up into a sibling folder": re.compile(r"\.\.[/\\]shared"),
    "a sibling folder of the repository": re.compile(r"/\s*['\"]shared['\"]"),
    "a folder above the repository root": re.compile(r"\b(?:REPO|ROOT)\.parent\b"),
    "an absolute path on the machine that wrote the test": re.compile(r"['\"]/(?:work|home|Users)/"),
}
PARENTS_INDEX = re.compile(r"__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")
PARENT_CHAIN = re.compile(r"__file__\)(?:\.resolve\(\))?((?:\.parent)+)")


def _test_files() -> list[Path]:
    # This file is left out: its examples below are exactly what the scan looks for.
    return sorted(p for p in TESTS.rglob("*.py") if p != Path(__file__).resolve() and DATA not in p.parents)


def _code_lines(path: Path) -> list[tuple[int, str]]:
    """The file's lines without comments and docstrings: prose may name ../shared, code may not reach it."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            lines[row - 1] = lines[row - 1][:col]
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                for row in range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1):
                    lines[row - 1] = ""
    return list(enumerate(lines, start=1))


def _leaves(line: str, depth: int) -> list[str]:
    """Why `line`, in a file `depth` folders below the repository root, names a place outside the repository."""
    found = [why for why, pattern in LEAVING.items() if pattern.search(line)]
    # Path(__file__) of tests/ui/x.py (depth 3) reaches the root with parents[2] or three .parent: no further.
    found += [f"{m.group(0)} is above the root" for m in PARENTS_INDEX.finditer(line) if int(m.group(1)) >= depth]
    found += [
        f"{m.group(0)} is above the root" for m in PARENT_CHAIN.finditer(line) if m.group(1).count(".parent") > depth
    ]
    return found


def test_no_test_reads_outside_the_repository() -> None:
    files = _test_files()
    assert len(files) > 20, "the scan found too few test files to mean anything"
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}  ({why})"
        for path in files
        for number, line in _code_lines(path)
        for why in _leaves(line, len(path.relative_to(REPO).parts))
    ]
    assert not found, "tests must read only files inside the repository (put data in tests/data):\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        'SHARED = REPO.parent / "shared"',
        'Path("../shared/data/exercises.json")',
        "REPO = Path(__file__).resolve().parents[3]",
        "ROOT = Path(__file__).parent.parent.parent.parent",
        'open("/work/shared/data/x.json")',
    ],
)
def test_the_scan_catches_each_way_out_of_the_repository(line: str) -> None:
    # The scan must not pass by missing: each way out is caught as if written in a file in tests/ui/.
    assert _leaves(line, depth=3), line


@pytest.mark.parametrize(
    "line",
    [
        "REPO = Path(__file__).resolve().parents[2]",
        "REPO = Path(__file__).resolve().parent.parent.parent",
        'FREE_EXERCISE_DB = DATA / "free-exercise-db" / "exercises.json"',
    ],
)
def test_the_scan_lets_paths_inside_the_repository_pass(line: str) -> None:
    assert not _leaves(line, depth=3), line


def test_the_vendored_free_exercise_db_is_whole_with_its_licence() -> None:
    # The import tests count on all 873 records and on the dataset's own edge cases.
    assert REPO in FREE_EXERCISE_DB.parents
    assert "public domain" in (FREE_EXERCISE_DB.parent / "LICENSE.md").read_text(encoding="utf-8")
    records = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))
    assert len(records) == 873
    assert any(r["equipment"] is None for r in records)
    assert any(r["secondaryMuscles"] == [] for r in records)
