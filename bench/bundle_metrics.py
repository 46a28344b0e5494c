"""Size and cold-start time of the built PyInstaller bundle.

    python -m bench.bundle_metrics [BUNDLE_DIR]      # default: packaging/dist/stride-planner

`measure(bundle_dir)` returns:
  bundle_size_mib            the folder's size on disk (MiB; what a user downloads, unpacked)
  bundle_cold_start_ms       `stride-planner --version` wall time: bootloader, Python and the CLI door
  bundle_screenshot_ms       `--screenshot --view library` wall time (offscreen): Qt, the database, first paint
Each time is the median of `runs` runs, each from a fresh HOME so no database or settings are reused.
"Cold" means a new process, not a cold disk cache: dropping the page cache needs root and would mostly
measure the disk.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = REPO / "packaging" / "dist" / "stride-planner"
EXECUTABLE = "stride-planner.exe" if sys.platform == "win32" else "stride-planner"


def bundle_executable(bundle_dir: Path) -> Path:
    return Path(bundle_dir) / EXECUTABLE


def bundle_exists(bundle_dir: Path = DEFAULT_BUNDLE) -> bool:
    """True when `bundle_dir` holds a built bundle (bench/run.py measures it only then)."""
    return bundle_executable(bundle_dir).is_file()


def folder_size_mib(folder: Path) -> float:
    """Bytes of every file under `folder` (symlinks not followed), in MiB."""
    total = sum(p.lstat().st_size for p in Path(folder).rglob("*") if p.is_file() and not p.is_symlink())
    return total / (1024 * 1024)


def _timed_run_ms(args: list[str], **extra_env: str) -> float:
    with tempfile.TemporaryDirectory(prefix="stride-bench-home-") as home:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8", **extra_env}
        start = time.perf_counter()
        subprocess.run(args, cwd=home, env=env, check=True, capture_output=True, timeout=300)
        return (time.perf_counter() - start) * 1000


def median_ms(args: list[str], runs: int, **extra_env: str) -> float:
    return statistics.median(_timed_run_ms(args, **extra_env) for _ in range(runs))


def measure(bundle_dir: Path = DEFAULT_BUNDLE, runs: int = 3) -> dict[str, float]:
    """Size and median start-up times of the bundle in `bundle_dir` (FileNotFoundError if it is not built)."""
    exe = bundle_executable(bundle_dir)
    if not exe.is_file():
        raise FileNotFoundError(f"no bundle at {bundle_dir}; build it with: make bundle")
    with tempfile.TemporaryDirectory(prefix="stride-bench-shot-") as shots:
        screenshot_ms = median_ms(
            [str(exe), "--screenshot", str(Path(shots) / "library.png"), "--view", "library"],
            runs,
            QT_QPA_PLATFORM="offscreen",
        )
    return {
        "bundle_size_mib": round(folder_size_mib(bundle_dir), 1),
        "bundle_cold_start_ms": round(median_ms([str(exe), "--version"], runs), 1),
        "bundle_screenshot_ms": round(screenshot_ms, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    bundle_dir = Path(args[0]) if args else DEFAULT_BUNDLE
    if not bundle_exists(bundle_dir):
        print(f"no bundle at {bundle_dir}; build it with: make bundle", file=sys.stderr)
        return 2
    print(json.dumps(measure(bundle_dir), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
