"""Whole-process start-up metrics: the app and the bare-window floor as child processes, interleaved.

Each run is timed from just before the fork to its exit (wall clock, like shared/floors/wallbench.py),
and its peak resident memory is read from `os.wait4`'s rusage. The app exits by itself at the moment
measured: at its first paint (`STRIDE_PLANNER_EXIT_AFTER=first-paint`) or once the Library view is
loaded and painted (`--screenshot FILE --view library`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.floors_path import floor_script

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Run:
    wall_ms: float
    peak_mib: float


@dataclass
class StartupSamples:
    floor: list[Run] = field(default_factory=list)
    first_paint: list[Run] = field(default_factory=list)
    ready: list[Run] = field(default_factory=list)


def run_once(cmd: list[str], env: dict[str, str]) -> Run:
    """Wall time and peak RSS of one process; a non-zero exit is an error (the number would be a lie)."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-2000:]}")
    return Run(wall_ms=wall * 1e3, peak_mib=usage.ru_maxrss / 1024.0)


def base_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, and data and settings in the run's temp folder (never the user's)."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_SCALE_FACTOR="1",
        STRIDE_PLANNER_NO_WELCOME="1",
        STRIDE_PLANNER_CONFIG_DIR=str(home / "config"),
        STRIDE_PLANNER_DATA_DIR=str(home / "data"),
    )
    env.pop("STRIDE_PLANNER_DB", None)
    env.pop("STRIDE_PLANNER_EXIT_AFTER", None)
    # An installed app starts from compiled bytecode. With PYTHONDONTWRITEBYTECODE set (as in some shells and CI
    # images) every start would compile each of our modules from source again, which the bare-window floor, made of
    # one file, barely pays: the warm-up round writes the .pyc files of both into the run's own folder instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def measure(db_path: Path, home: Path, reps: int, *, first_paint: bool = True) -> StartupSamples:
    """`reps` rounds of floor, first paint (unless `first_paint` is False) and ready, after one warm-up round
    (page cache, .pyc files)."""
    env = base_env(home)
    python = sys.executable
    floor_cmd = [python, str(floor_script("min_window.py"))]
    app_cmd = [python, "-m", "planner.cli", "--db", str(db_path), "--view", "library"]
    paint_env = {**env, "STRIDE_PLANNER_EXIT_AFTER": "first-paint"}
    ready_cmd = [*app_cmd, "--screenshot", str(home / "ready.png")]
    samples = StartupSamples()
    for rnd in range(reps + 1):
        floor = run_once(floor_cmd, env)
        painted = run_once(app_cmd, paint_env) if first_paint else None
        ready = run_once(ready_cmd, env)
        if rnd == 0:
            continue  # warm-up
        samples.floor.append(floor)
        if painted is not None:
            samples.first_paint.append(painted)
        samples.ready.append(ready)
    return samples
