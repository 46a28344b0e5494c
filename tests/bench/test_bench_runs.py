"""bench/run.py runs end to end and reports every metric of the issue (no timing assertions here)."""

from __future__ import annotations

import json
import subprocess
import sys
from numbers import Real
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# metric -> the keys its JSON entry must hold (a floor wherever the goal is a ratio to one)
EXPECTED = {
    "startup_first_paint": ("app_ms", "floor_ms", "ratio"),
    "startup_ready": ("app_ms", "floor_ms", "ratio"),
    "pdf_per_page": ("app_ms", "floor_ms", "ratio"),
    "search_keystroke_p95": ("app_ms",),
    "plan_52_weeks": ("app_ms",),
    "batch_export_speedup": ("value",),
    "peak_rss": ("app_mib", "floor_mib", "ratio"),
    "plan_52_weeks_50k": ("app_ms",),
    "search_keystroke_p95_50k": ("app_ms",),
    "startup_ready_50k": ("app_ms", "floor_ms", "ratio"),
    "peak_rss_50k": ("app_mib", "floor_mib", "ratio"),
}


def test_smoke_run_reports_every_metric_with_numbers(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--smoke", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    metrics = json.loads(out.read_text(encoding="utf-8"))["metrics"]
    for name, keys in EXPECTED.items():
        assert name in metrics, f"{name} missing from {sorted(metrics)}"
        for key in keys:
            value = metrics[name].get(key)
            assert isinstance(value, Real) and not isinstance(value, bool), f"{name}.{key} = {value!r}"
    for name in EXPECTED:
        assert f"`{name}`" in proc.stdout  # the printed table names every metric
