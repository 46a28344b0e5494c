"""`plan --athlete FILE` with the file's `log`: adjustments that follow the rule; without one, today's plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.paths import resources_dir

ZOE = resources_dir() / "examples" / "athlete_zoe.json"
GOLDEN = Path(__file__).parent / "golden" / "plan_zoe_6_weeks.json"
# Written before the log existed: `stride-planner plan --athlete athlete_zoe.json --start 2026-11-16 --weeks 6
# --json`. A deliberate change to the scheduler regenerates it with that command (and says so in the commit).


def plan_json(capsys: pytest.CaptureFixture[str], athlete: Path) -> dict:
    code = main(["plan", "--athlete", str(athlete), "--start", "2026-11-16", "--weeks", "6", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def athlete_with_log(tmp_path: Path, log: list[dict]) -> Path:
    path = tmp_path / "zoe.json"
    path.write_text(json.dumps(json.loads(ZOE.read_text(encoding="utf-8")) | {"log": log}), encoding="utf-8")
    return path


def bridge(date: str, side: str, **values: object) -> dict:
    base = {"date": date, "exercise": "single-leg-bridge", "sets_done": 3, "side": side, "pain_during": 2}
    return base | {"pain_next_morning": 1, "rpe": 6, "done": True, "note": ""} | values


def test_without_a_log_the_plan_is_todays_plan_with_no_adjustments(capsys: pytest.CaptureFixture[str]) -> None:
    plan = plan_json(capsys, ZOE)
    assert plan.pop("adjustments") == []
    assert plan == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_a_painful_week_holds_adjustments_that_follow_the_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = [bridge("2026-11-17", "left", pain_during=6, pain_next_morning=3), bridge("2026-11-17", "right")]
    plan = plan_json(capsys, athlete_with_log(tmp_path, log))
    assert plan["adjustments"][0] | {"name": "", "dose": ""} == {
        "week": 2,
        "exercise": "single-leg-bridge",
        "change": "back",
        "because": "pain 6/10 during on Tue 17 Nov",
        "name": "",
        "dose": "",
    }
    [week2_bridge] = [e for e in plan["weeks"][1]["sessions"][0]["exercises"] if e["id"] == "single-leg-bridge"]
    assert (week2_bridge["sets"], week2_bridge["reps"]) == (3, 8)


def test_a_log_changes_nothing_before_the_week_it_decides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log = [bridge("2026-11-24", "left", pain_during=7)]
    plan = plan_json(capsys, athlete_with_log(tmp_path, log))
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert plan["weeks"][:2] == golden["weeks"][:2]


def test_a_bad_log_entry_exits_2_naming_the_entry_and_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = athlete_with_log(tmp_path, [bridge("2026-11-17", "left"), bridge("2026-11-18", "left", pain_during=12)])
    code = main(["plan", "--athlete", str(path), "--json"])
    _out, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == f"stride-planner: {path}: log[1].pain_during: expected a whole number 0-10, got 12"


def test_an_unknown_exercise_in_the_log_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = athlete_with_log(tmp_path, [bridge("2026-11-17", "left", exercise="moon-walk")])
    code = main(["plan", "--athlete", str(path)])
    _out, err = capsys.readouterr()
    assert code == 2
    assert "log[0].exercise: unknown exercise 'moon-walk'" in err
