"""STRIDE_TEST_DB=postgresql really runs the CLI on the test server: the switch of scripts/test-pg.sh proven.

Without the variable these tests are skipped (saying so): the SQLite run has nothing of the server to check.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import psycopg
import pytest

from planner.cli import main
from planner.paths import default_database
from tests.conftest import FREE_EXERCISE_DB
from tests.store.pg import PG_MODE

pytestmark = pytest.mark.skipif(not PG_MODE, reason="checks the STRIDE_TEST_DB=postgresql mode (scripts/test-pg.sh)")


def test_the_apps_default_database_is_a_database_on_the_test_server() -> None:
    assert default_database().startswith("postgresql://")
    assert default_database() == os.environ["STRIDE_PLANNER_DB"]


def test_a_cli_import_is_visible_through_a_second_connection_to_the_server(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps(json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))[:1]), encoding="utf-8")

    assert main(["library", "import", str(one)]) == 0  # no --db: the app's default database
    assert "1 added" in capsys.readouterr().out

    with psycopg.connect(default_database()) as other:
        rows = other.execute("SELECT name FROM exercise WHERE name = %s", ("3/4 Sit-Up",)).fetchall()
    assert rows == [("3/4 Sit-Up",)]


def test_each_test_gets_a_database_of_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    # The import of the test above must not be here: a database per test, copied from the seeded template.
    assert main(["library", "list", "--search", "sit-up", "--json"]) == 0
    assert "3/4 Sit-Up" not in {e["name"] for e in json.loads(capsys.readouterr().out)}
