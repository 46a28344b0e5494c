"""The `stride-planner` command run in a child process, as a coach's shell runs it (`python -m planner`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_planner(
    tmp_path: Path, *args: str, db: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command with `args`, offscreen, on the database `db`, with its data and settings in `tmp_path`."""
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        cwd=REPO,
        env={
            **os.environ,
            "STRIDE_PLANNER_DB": str(db),
            "QT_QPA_PLATFORM": "offscreen",
            "STRIDE_PLANNER_NO_WELCOME": "1",
            "STRIDE_PLANNER_DATA_DIR": str(tmp_path / "data"),
            "STRIDE_PLANNER_CONFIG_DIR": str(tmp_path / "config"),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
