"""Hold Stride Planner against the floors of its stack (see bench/RESULTS.md for the latest table).

    .venv/bin/python bench/run.py [--quick] [--smoke] [--json OUT.json]

Every metric runs several times and reports the median; its floor is measured in the same run,
interleaved with the app's runs so that the noise of a shared machine hits both alike. Whole-process
metrics run as separate processes; the others each run in a child process of their own.

  --quick   fewer repetitions (under ten minutes on a 2-core machine)
  --smoke   one repetition of a tiny workload (200 exercises, 5 athletes, 4 weeks): checks that the
            benchmark runs, measures nothing worth reading

The `_50k` metrics repeat plan, search and start-up with 50,000 exercises and 1,000 athletes (same JSON shape),
and `growth` in the JSON holds the same four numbers at 1,000, 10,000 and 50,000 exercises: how each cost grows
with the library.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import metrics_startup  # noqa: E402

INPROCESS = REPO / "bench" / "metrics_inprocess.py"
CHILD_TIMEOUT_S = 900


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    exercises: int
    athletes: int  # in the database
    startup_reps: int
    pdf_reps: int
    pdf_weeks: int
    search_reps: int
    plan_reps: int
    plan_weeks: int
    batch_reps: int
    batch_athletes: int
    batch_weeks: int
    big_exercises: int  # the _50k metrics
    big_athletes: int
    big_startup_reps: int
    small_exercises: int  # the 1k point of the growth table
    small_athletes: int
    small_reps: int


MODES = {
    "full": Mode("full", 10_000, 100, 10, 10, 16, 3, 10, 52, 3, 30, 16, 50_000, 1_000, 5, 1_000, 10, 5),
    "quick": Mode("quick", 10_000, 100, 5, 5, 16, 2, 5, 52, 2, 30, 16, 50_000, 1_000, 3, 1_000, 10, 2),
    "smoke": Mode("smoke", 200, 5, 1, 1, 4, 1, 1, 4, 1, 5, 4, 400, 8, 1, 100, 2, 1),
}

# name: (kind of number, goal as (comparison, bound), what it is)
GOALS: dict[str, tuple[str, str, float, str]] = {
    "startup_first_paint": ("ratio", "<=", 1.4, "start → main window painted, vs bare window"),
    "startup_ready": ("ratio", "<=", 2.5, "start → 10k-exercise library painted, vs bare window"),
    "pdf_per_page": ("ratio", "<=", 2.0, "weekly sheet per page (16 weeks), vs raw platypus"),
    "search_keystroke_p95": ("app_ms", "<=", 8.0, "filter-as-you-type to painted, p95 per keystroke"),
    "plan_52_weeks": ("app_ms", "<=", 50.0, "one athlete, 52 weeks, in process"),
    "batch_export_speedup": ("value", ">=", 1.8, "30 athletes × 16 weeks: sequential / batch"),
    "peak_rss": ("ratio", "<=", 1.6, "peak RSS at startup_ready, vs bare window"),
    "plan_52_weeks_50k": ("app_ms", "<=", 60.0, "plan_52_weeks with 50,000 exercises"),
    "search_keystroke_p95_50k": ("app_ms", "<=", 16.0, "search_keystroke_p95 over 50,000 exercises"),
    "startup_ready_50k": ("ratio", "<=", 3.5, "startup_ready with 50,000 exercises, 1,000 athletes"),
    "peak_rss_50k": ("ratio", "<=", 2.2, "peak_rss with 50,000 exercises, 1,000 athletes"),
}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def child(metric: str, db: Path, tmp: Path, **options: int) -> dict[str, Any]:
    """Run one in-process metric in a fresh interpreter and return its JSON."""
    cmd = [sys.executable, str(INPROCESS), metric, "--db", str(db), "--tmp", str(tmp / metric)]
    for key, value in options.items():
        cmd += [f"--{key}", str(value)]
    env = metrics_startup.base_env(tmp / "home")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    if proc.returncode != 0:
        raise RuntimeError(f"{metric} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build_fixture(folder: Path, mode: Mode, *, exercises: int | None = None, athletes: int | None = None) -> Path:
    """The bench database, built in a child process: wait4's peak RSS of a process started from this one
    counts this process's memory at the fork, so the harness must stay small (no sqlalchemy here)."""
    exercises = mode.exercises if exercises is None else exercises
    athletes = mode.athletes if athletes is None else athletes
    cmd = [sys.executable, str(REPO / "bench" / "fixtures.py"), str(folder), str(exercises), str(athletes)]
    env = metrics_startup.base_env(folder / "home")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    if proc.returncode != 0:
        raise RuntimeError(f"building the bench database failed:\n{proc.stderr[-3000:]}")
    return Path(json.loads(proc.stdout.strip().splitlines()[-1])["db_path"])


def ratio_entry(app: list[float], floor: list[float], unit: str) -> dict[str, Any]:
    a, f = statistics.median(app), statistics.median(floor)
    return {f"app_{unit}": round(a, 3), f"floor_{unit}": round(f, 3), "ratio": round(a / f, 3), "n": len(app)}


def judge(metrics: dict[str, dict[str, Any]]) -> None:
    for name, (key, op, bound, _what) in GOALS.items():
        entry = metrics.get(name)
        if entry is None:
            continue
        value = entry[key]
        entry["goal"] = f"{op} {bound:g}"
        entry["met"] = value <= bound if op == "<=" else value >= bound


def measure(mode: Mode, tmp: Path, log: Any) -> dict[str, dict[str, Any]]:
    metrics: dict[str, dict[str, Any]] = {}
    t = time.perf_counter()
    db = build_fixture(tmp / "db", mode)
    log(f"fixture: {mode.exercises} exercises, {mode.athletes} athletes ({time.perf_counter() - t:.1f} s)")

    s = metrics_startup.measure(db, tmp / "home", mode.startup_reps)
    metrics["startup_first_paint"] = ratio_entry([r.wall_ms for r in s.first_paint], [r.wall_ms for r in s.floor], "ms")
    metrics["startup_ready"] = ratio_entry([r.wall_ms for r in s.ready], [r.wall_ms for r in s.floor], "ms")
    metrics["peak_rss"] = ratio_entry([r.peak_mib for r in s.ready], [r.peak_mib for r in s.floor], "mib")
    log(f"startup done ({time.perf_counter() - t:.0f} s)")

    r = child("pdf", db, tmp, reps=mode.pdf_reps, weeks=mode.pdf_weeks)
    metrics["pdf_per_page"] = ratio_entry(r["app_ms"], r["floor_ms"], "ms") | {"weeks": r["weeks"]}
    log(f"pdf done ({time.perf_counter() - t:.0f} s)")

    metrics["search_keystroke_p95"] = search_entry(child("search", db, tmp, reps=mode.search_reps))
    log(f"search done ({time.perf_counter() - t:.0f} s)")

    metrics["plan_52_weeks"] = plan_entry(child("plan", db, tmp, reps=mode.plan_reps, weeks=mode.plan_weeks))
    log(f"plan done ({time.perf_counter() - t:.0f} s)")

    r = child("batch", db, tmp, reps=mode.batch_reps, weeks=mode.batch_weeks, athletes=mode.batch_athletes)
    seq, bat = statistics.median(r["sequential_ms"]), statistics.median(r["batch_ms"])
    metrics["batch_export_speedup"] = {
        "value": round(seq / bat, 3),
        "sequential_ms": round(seq, 1),
        "batch_ms": round(bat, 1),
        "n": len(r["batch_ms"]),
        "athletes": r["athletes"],
        "weeks": r["weeks"],
    }
    log(f"batch done ({time.perf_counter() - t:.0f} s)")

    big = build_fixture(tmp / "db50k", mode, exercises=mode.big_exercises, athletes=mode.big_athletes)
    log(f"fixture: {mode.big_exercises} exercises, {mode.big_athletes} athletes ({time.perf_counter() - t:.0f} s)")
    s = metrics_startup.measure(big, tmp / "home50k", mode.big_startup_reps, first_paint=False)
    metrics["startup_ready_50k"] = ratio_entry([r.wall_ms for r in s.ready], [r.wall_ms for r in s.floor], "ms")
    metrics["peak_rss_50k"] = ratio_entry([r.peak_mib for r in s.ready], [r.peak_mib for r in s.floor], "mib")
    metrics["search_keystroke_p95_50k"] = search_entry(child("search", big, tmp / "50k", reps=1))
    metrics["plan_52_weeks_50k"] = plan_entry(
        child("plan", big, tmp / "50k", reps=mode.plan_reps, weeks=mode.plan_weeks)
    )
    log(f"50k done ({time.perf_counter() - t:.0f} s)")
    judge(metrics)
    return metrics


def search_entry(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "app_ms": round(p95(r["app_ms"]), 3),
        "median_ms": round(statistics.median(r["app_ms"]), 3),
        "max_ms": round(max(r["app_ms"]), 3),
        "keystrokes": len(r["app_ms"]),
        "rows": r["rows"],
        "forced_repaints": r.get("forced_repaints", 0),
    }


def plan_entry(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "app_ms": round(statistics.median(r["app_ms"]), 3),
        "n": len(r["app_ms"]),
        "weeks": r["weeks"],
        "library": r["library"],
        "first_plan_ms": round(r["first_plan_ms"], 3),
        "shipped_library_ms": round(statistics.median(r["shipped_library_ms"]), 3),
        "shipped_library": r["shipped_library"],
    }


def growth(mode: Mode, metrics: dict[str, dict[str, Any]], tmp: Path, log: Any) -> dict[str, dict[str, float]]:
    """Plan, search p95, ready and peak RSS at 1,000 / 10,000 / 50,000 exercises (the last two from `metrics`)."""
    small = build_fixture(tmp / "db1k", mode, exercises=mode.small_exercises, athletes=mode.small_athletes)
    s = metrics_startup.measure(small, tmp / "home1k", mode.small_reps, first_paint=False)
    search = child("search", small, tmp / "1k", reps=1)
    plan = child("plan", small, tmp / "1k", reps=mode.small_reps, weeks=mode.plan_weeks)
    log("growth: 1k done")
    out = {
        str(mode.small_exercises): {
            "plan_52_weeks_ms": round(statistics.median(plan["app_ms"]), 3),
            "search_keystroke_p95_ms": round(p95(search["app_ms"]), 3),
            "startup_ready_ms": round(statistics.median([r.wall_ms for r in s.ready]), 3),
            "startup_ready_ratio": round(
                statistics.median([r.wall_ms for r in s.ready]) / statistics.median([r.wall_ms for r in s.floor]), 3
            ),
            "peak_rss_mib": round(statistics.median([r.peak_mib for r in s.ready]), 3),
        }
    }
    for size, suffix in ((mode.exercises, ""), (mode.big_exercises, "_50k")):
        out[str(size)] = {
            "plan_52_weeks_ms": metrics[f"plan_52_weeks{suffix}"]["app_ms"],
            "search_keystroke_p95_ms": metrics[f"search_keystroke_p95{suffix}"]["app_ms"],
            "startup_ready_ms": metrics[f"startup_ready{suffix}"]["app_ms"],
            "startup_ready_ratio": metrics[f"startup_ready{suffix}"]["ratio"],
            "peak_rss_mib": metrics[f"peak_rss{suffix}"]["app_mib"],
        }
    return out


def growth_table(rows: dict[str, dict[str, float]]) -> str:
    """The growth as a Markdown table (what RESULTS.md shows)."""
    lines = [
        "| exercises | plan 52 weeks | search p95 | ready | ready / bare window | peak RSS |",
        "|---|---|---|---|---|---|",
    ]
    for size, g in sorted(rows.items(), key=lambda kv: int(kv[0])):
        lines.append(
            f"| {int(size):,} | {g['plan_52_weeks_ms']:.1f} ms | {g['search_keystroke_p95_ms']:.1f} ms | "
            f"{g['startup_ready_ms']:.0f} ms | {g['startup_ready_ratio']:.2f}× | {g['peak_rss_mib']:.1f} MiB |"
        )
    return "\n".join(lines)


def bundle_metrics(log: Any) -> dict[str, Any] | None:
    """The colleague's bundle metrics, when bench/bundle_metrics.py exists and a bundle is built."""
    if not (REPO / "bench" / "bundle_metrics.py").is_file():
        log("bundle: not built")
        return None
    from bench import bundle_metrics as bm

    if not bm.bundle_exists():
        log("bundle: not built")
        return None
    return bm.measure(bm.DEFAULT_BUNDLE)


def _number(entry: dict[str, Any]) -> str:
    for key in ("ratio", "value", "app_ms", "app_mib"):
        if key in entry:
            return f"{entry[key]:.2f}"
    return "?"


def table(metrics: dict[str, dict[str, Any]]) -> str:
    """The results as a Markdown table (what RESULTS.md shows)."""
    lines = ["| metric | app | floor | result | goal | met |", "|---|---|---|---|---|---|"]
    for name, entry in metrics.items():
        unit = "MiB" if "app_mib" in entry else "ms"
        app = entry.get("app_ms", entry.get("app_mib"))
        floor = entry.get("floor_ms", entry.get("floor_mib"))
        if name == "batch_export_speedup":
            app_text, floor_text = f"{entry['batch_ms']:.0f} ms batch", f"{entry['sequential_ms']:.0f} ms sequential"
        else:
            app_text = f"{app:.1f} {unit}" if app is not None else "–"
            floor_text = f"{floor:.1f} {unit}" if floor is not None else "–"
        kind = "×" if "ratio" in entry or name == "batch_export_speedup" else " ms" if "app_ms" in entry else ""
        met = {True: "yes", False: "**no**", None: "–"}[entry.get("met")]
        lines.append(
            f"| `{name}` | {app_text} | {floor_text} | {_number(entry)}{kind} | {entry.get('goal', '–')} | {met} |"
        )
    return "\n".join(lines)


def machine() -> str:
    return (
        f"{platform.node()}: {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()} ({sys.executable})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Stride Planner against the floors of its stack.")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (< 10 minutes)")
    parser.add_argument(
        "--smoke", action="store_true", help="one repetition of a tiny workload, for the test suite (wins over --quick)"
    )
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="write the results as JSON")
    args = parser.parse_args(argv)
    mode = MODES["smoke" if args.smoke else "quick" if args.quick else "full"]

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stride-bench-") as tmp:
        metrics = measure(mode, Path(tmp), log)
        grown = growth(mode, metrics, Path(tmp), log)
    result: dict[str, Any] = {
        "metrics": metrics,
        "growth": grown,
        "mode": mode.name,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    bundle = None if mode.name == "smoke" else bundle_metrics(log)
    if bundle is not None:
        result["bundle"] = bundle
        for key, value in bundle.items():
            metrics[key] = {"value": value}
    print(f"Stride Planner benchmark ({mode.name}), {result['date']}, {result['machine']}")
    print(table(metrics))
    print()
    print(growth_table(grown))
    print(f"({result['seconds']:.0f} s)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
