"""`stride-planner demo --out DIR`, run in-process with no prior setup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from tests.export.pdf_reader import needs_poppler, pages_text


@needs_poppler
def test_demo_writes_athlete_plan_and_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "demo"
    code = main(["demo", "--out", str(folder)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert sorted(p.name for p in folder.iterdir()) == ["athlete.json", "plan.json", "plan.pdf"]
    athlete = json.loads((folder / "athlete.json").read_text(encoding="utf-8"))
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    assert athlete["name"] == "Zoë Łukasiewicz"
    assert {r["priority"] for r in athlete["races"]} == {"A", "B"}
    assert len({w["phase"] for w in plan["weeks"]}) >= 4
    text = " ".join(" ".join(p.split()) for p in pages_text(folder / "plan.pdf"))
    assert "Zoë Łukasiewicz" in text
    assert str(folder / "plan.pdf") in captured.out


def test_demo_into_a_file_path_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["demo", "--out", str(blocker / "demo")]) == 2
    assert "Cannot write" in capsys.readouterr().err
