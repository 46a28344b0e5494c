"""`stride-planner --screenshot FILE --view V` on a fresh database, for every view, dark and at 200 %."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from planner.ui.main_window_views import VIEW_NAMES

REPO = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# (QT_SCALE_FACTOR, dark palette, the PNG's size): at 200 % the grab has two device pixels per pixel.
MODES = {"light": ("1", False, (1280, 800)), "dark": ("1", True, (1280, 800)), "200%": ("2", False, (2560, 1600))}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (the IHDR chunk always comes first)."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("view", VIEW_NAMES)
def test_screenshot_of_every_view_on_a_fresh_database(tmp_path: Path, view: str, mode: str) -> None:
    scale, dark, size = MODES[mode]
    config = tmp_path / "config"
    config.mkdir()
    if dark:
        (config / "settings.ini").write_text("[General]\ndark_palette=true\n", encoding="utf-8")
    out = tmp_path / f"{view}.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": scale,
        "STRIDE_PLANNER_DB": str(tmp_path / "fresh.db"),
        "STRIDE_PLANNER_CONFIG_DIR": str(config),
        "STRIDE_PLANNER_DATA_DIR": str(tmp_path / "data"),
        "STRIDE_PLANNER_NO_WELCOME": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "planner", "--screenshot", str(out), "--view", view],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert png_size(out) == size
    # A view that fails to import is drawn as a calm placeholder, and the screenshot alone would pass: the app logs
    # the failure with its traceback in the data folder, so an error logged during the run fails the test.
    errors = logged_errors(tmp_path / "data")
    assert not errors, "the app logged errors while taking the screenshot:\n" + "\n".join(errors)


def logged_errors(data: Path) -> list[str]:
    """The errors of ours in the app's log and crash files (any rotation), each with its traceback."""
    found: list[str] = []
    for log in sorted(data.glob("stride-planner*.log*")):
        capturing = False
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if " ERROR " in line or " CRITICAL " in line or "Fatal Python error" in line:
                capturing = True
            elif re.match(r"\d{4}-\d\d-\d\d ", line):  # the next record of the log
                capturing = False
            if capturing:
                found.append(f"{log.name}: {line}")
    return found
