"""`stride-planner wizard --answers FILE [--json]` in-process: the report, the JSON and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner import DISCLAIMER
from planner.cli import main
from planner.paths import resources_dir

PATTERNS = (
    "pfps",
    "itbs",
    "patellar_tendinopathy",
    "quadriceps_tendinopathy",
    "meniscus",
    "piriformis",
    "gluteal_tendinopathy",
    "fat_pad",
    "hip_joint",
    "osgood_schlatter",
    "pes_anserine",
    "proximal_hamstring_tendinopathy",
)


def write(tmp_path: Path, data: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", PATTERNS)
def test_json_output_has_the_spec_shape(pattern: str, capsys: pytest.CaptureFixture[str]) -> None:
    answers = resources_dir() / "examples" / f"answers_{pattern}.json"

    assert main(["wizard", "--answers", str(answers), "--json"]) == 0

    out = json.loads(capsys.readouterr().out)
    assert {"triage", "red_flags", "conditions", "factors", "program", "disclaimer"} <= set(out)
    assert out["conditions"][0]["id"] == pattern
    assert out["disclaimer"] == DISCLAIMER
    assert (out["program"] is None) == (out["triage"] != "self_care")


def test_json_keeps_non_ascii_text_readable(capsys: pytest.CaptureFixture[str]) -> None:
    answers = resources_dir() / "examples" / "answers_pfps.json"

    assert main(["wizard", "--answers", str(answers), "--json"]) == 0

    out = capsys.readouterr().out
    assert "60°" in out  # a note of the wall squat
    assert "\\u" not in out


def test_text_report_shows_triage_patterns_routine_and_disclaimer(capsys: pytest.CaptureFixture[str]) -> None:
    answers = resources_dir() / "examples" / "answers_itbs.json"

    assert main(["wizard", "--answers", str(answers)]) == 0

    out = capsys.readouterr().out
    assert out.startswith("Triage: Self-care")
    assert "Iliotibial band syndrome (0.94)" in out  # 0.97 before "builds the further you run" joined its signs
    assert "Pain on the outside of the knee" in out
    assert "Side-lying clamshell: 3 × 15, each side" in out
    assert "Training load went up quickly" in out
    assert DISCLAIMER in out


def test_text_report_of_a_red_flag_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {"pain_regions": ["knee_front"], "red_flags": ["saddle_numbness_or_bladder_bowel_change"]})

    assert main(["wizard", "--answers", str(path)]) == 0

    out = capsys.readouterr().out
    assert out.startswith("Triage: Emergency")
    assert "hospital" in out
    assert "Routine" not in out


def test_unknown_value_exits_2_with_one_line_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {"pain_regions": ["knee_front"], "side": "middle"})

    assert main(["wizard", "--answers", str(path), "--json"]) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "'middle'" in lines[0]
    assert "left, right, both" in lines[0]
    assert str(path) in lines[0]


def test_pain_score_out_of_range_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {"pain_regions": ["knee_front"], "pain_during_run": 11})

    assert main(["wizard", "--answers", str(path)]) == 2

    assert "pain_during_run" in capsys.readouterr().err


def test_malformed_json_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"pain_regions": ["knee_front"', encoding="utf-8")

    assert main(["wizard", "--answers", str(path)]) == 2

    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert "malformed JSON" in lines[0]


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.json"

    assert main(["wizard", "--answers", str(path)]) == 2

    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert "file not found" in lines[0]
    assert "nowhere.json" in lines[0]


def test_answers_that_are_not_an_object_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, ["knee_front"])

    assert main(["wizard", "--answers", str(path)]) == 2

    assert "expected an object" in capsys.readouterr().err


def test_help_lists_every_answer_key_and_the_new_values(capsys: pytest.CaptureFixture[str]) -> None:
    from planner.domain.wizard_answers import ANSWER_KEYS

    with pytest.raises(SystemExit):
        main(["wizard", "--help"])

    out = capsys.readouterr().out
    for key in ANSWER_KEYS:
        assert f"  {key}:" in out
    for value in ("sit_bone", "lying_on_side", "menstrual_change", "true or false"):
        assert value in out


def test_an_unknown_new_style_value_still_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {"pain_regions": ["calf"], "trend": "sideways"})

    assert main(["wizard", "--answers", str(path)]) == 2

    err = capsys.readouterr().err
    assert "'sideways'" in err and "better, same, worse" in err


def test_a_yes_no_answer_must_be_true_or_false(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {"pain_regions": ["calf"], "calf_swelling": "yes"})

    assert main(["wizard", "--answers", str(path)]) == 2

    assert "calf_swelling" in capsys.readouterr().err


def test_text_report_of_an_urgent_rule_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {"pain_regions": ["calf"], "calf_swelling": True, "recent_immobilisation": True})

    assert main(["wizard", "--answers", str(path)]) == 0

    out = capsys.readouterr().out
    assert out.startswith("Triage: Urgent")
    assert "The calf is swollen, warm or red" in out
    assert "Routine" not in out
    assert DISCLAIMER in out
