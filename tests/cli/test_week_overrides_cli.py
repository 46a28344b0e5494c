"""The athlete file's `week_overrides`: one week's runs changed, read by `plan`; bad input exits 2 naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main

ATHLETE = {"name": "Zoë Łukasiewicz", "equipment": ["band", "mat"]}


def plan(tmp_path: Path, capsys: pytest.CaptureFixture[str], overrides: object) -> tuple[int, str, str]:
    path = tmp_path / "athlete.json"
    path.write_text(json.dumps(ATHLETE | {"week_overrides": overrides}), encoding="utf-8")
    code = main(["plan", "--athlete", str(path), "--start", "2027-01-04", "--weeks", "2", "--json"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_plan_runs_the_changed_week(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = plan(tmp_path, capsys, {"2027-01-11": {"sat": "rest"}})

    assert code == 0
    weeks = json.loads(out)["weeks"]
    assert [w["runs"]["sat"] for w in weeks] == ["long", "rest"]


def test_a_week_that_does_not_start_on_monday_exits_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = plan(tmp_path, capsys, {"2027-01-12": {"sat": "rest"}})

    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "week_overrides.2027-01-12" in err
    assert "Monday" in err
