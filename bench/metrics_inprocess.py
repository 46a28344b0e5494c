"""In-process metrics, each run in a child process of its own so one cannot warm up or slow another.

    python bench/metrics_inprocess.py METRIC --db BENCH.db [--reps N] [--weeks W] [--athletes A] --tmp DIR

METRIC is pdf, search, plan or batch. The last line of stdout is a JSON object with the samples.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.floors_path import floor_script  # noqa: E402

# What a coach types into the search box: short words, an id fragment, a word that matches nothing.
SEARCHES = ("squat", "bridge", "hip", "band", "calf raise", "single-leg", "zzz")


def _library(db_path: Path) -> list:
    from planner.store.database import open_database
    from planner.store.exercises import list_exercises

    db = open_database(db_path)
    try:
        return list_exercises(db)
    finally:
        db.close()


def _season(weeks: int, library: list, name: str | None = None):
    from dataclasses import replace

    from planner.domain.season import make_plan
    from planner.export.demo import demo_season
    from planner.store.wizard_rules import load_wizard_rules

    season = demo_season(dt.date(2026, 11, 23))
    athlete = season.athlete if name is None else replace(season.athlete, name=name)
    plan = make_plan(athlete, library, load_wizard_rules(), start=season.start, weeks=weeks)
    return athlete, plan


# -- pdf_per_page --------------------------------------------------------------------------------------
def pdf(args: argparse.Namespace) -> dict:
    """Weekly sheets of a W-week plan, ms per page, against rl_16weeks.py's raw platypus pages."""
    from planner.export.document import build_plan_pdf
    from planner.store.seed import builtin_exercises

    spec = importlib.util.spec_from_file_location("rl_16weeks", floor_script("rl_16weeks.py"))
    floor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floor)
    library = list(builtin_exercises())
    athlete, plan = _season(args.weeks, library)
    by_id = {e.id: e for e in library}
    out_app, out_floor = args.tmp / "app.pdf", args.tmp / "floor.pdf"

    def app_once() -> float:
        t = time.perf_counter()
        report = build_plan_pdf(
            out_app, athlete=athlete, plan=plan, library=by_id, content=("weekly",), printed=dt.date(2026, 11, 21)
        )
        return (time.perf_counter() - t) * 1e3 / report.pages

    def floor_once() -> float:
        return floor.build(str(out_floor), args.weeks) * 1e3 / args.weeks

    app_once(), floor_once()  # first builds load fonts and caches; not what a coach waits for twice
    app, base = [], []
    for _ in range(args.reps):
        app.append(app_once())
        base.append(floor_once())
    return {"app_ms": app, "floor_ms": base, "weeks": args.weeks}


# -- search_keystroke_p95 ------------------------------------------------------------------------------
def search(args: argparse.Namespace) -> dict:
    """The Library view, shown: type each search a key at a time, then delete it a key at a time.

    The view runs as it does in the window: the app's style, palette and style sheet (what paints each cell and
    scroll bar), and the window's gc discipline (automatic gc off, a main-thread timer collecting, start-up frozen).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    import planner.ui  # noqa: F401  (PySide6 refcount workaround before any Qt call)
    from planner.app import GarbageCollector
    from planner.store.database import open_database
    from planner.ui.context import AppContext
    from planner.ui.library_view import LibraryView
    from planner.ui.settings import Settings
    from planner.ui.style import apply_style

    class PaintWatch(QObject):
        """Notes that the table's viewport has painted: a keystroke is measured until the rows are on screen."""

        painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app, dark=False)  # the window's own look: its style, palette and style sheet
    db = open_database(args.db)
    ctx = AppContext(db, Settings(args.tmp / "settings.ini"))
    view = LibraryView(ctx)
    collector = GarbageCollector(view)  # the window's gc: automatic collection off, a timer collects
    view.resize(1280, 760)
    view.show()
    view.load()
    app.processEvents()
    collector.freeze()  # as the window does once start-up is over
    watch = PaintWatch()
    viewport = view.table.viewport()
    viewport.installEventFilter(watch)
    rows = view.model.rowCount()
    samples: list[float] = []
    repaints = 0
    for _ in range(args.reps):
        for word in SEARCHES:
            typed = [word[:i] for i in range(1, len(word) + 1)]
            for text in [*typed, *reversed(typed[:-1]), ""]:
                watch.painted = False
                t = time.perf_counter()
                view.search.setText(text)
                app.processEvents()  # the filter, the count, the selection and the paint they ask for
                if not watch.painted:  # nothing asked for a paint (or it is still queued): paint now
                    viewport.repaint()
                    repaints += 1
                samples.append((time.perf_counter() - t) * 1e3)
    view.close()
    view.deleteLater()
    app.processEvents()
    db.close()
    return {"app_ms": samples, "rows": rows, "forced_repaints": repaints}


# -- plan_52_weeks -------------------------------------------------------------------------------------
def plan(args: argparse.Namespace) -> dict:
    """make_plan for the demo runner over `weeks` weeks with the bench database's whole library
    (what `stride-planner plan --db` uses), and with the shipped library alone for comparison."""
    from planner.domain import library_index
    from planner.store.seed import builtin_exercises

    library, shipped = _library(args.db), list(builtin_exercises())
    _season(args.weeks, shipped)  # warm-up: rules file, caches
    # The first plan for a library builds its index (a window or a batch keeps it for every later plan).
    library_index._cache.clear()
    t = time.perf_counter()
    _season(args.weeks, library)
    first_ms = (time.perf_counter() - t) * 1e3
    samples, shipped_samples = [], []
    for _ in range(args.reps):
        t = time.perf_counter()
        _season(args.weeks, library)
        samples.append((time.perf_counter() - t) * 1e3)
        t = time.perf_counter()
        _season(args.weeks, shipped)
        shipped_samples.append((time.perf_counter() - t) * 1e3)
    return {
        "app_ms": samples,
        "first_plan_ms": first_ms,
        "shipped_library_ms": shipped_samples,
        "library": len(library),
        "shipped_library": len(shipped),
        "weeks": args.weeks,
    }


# -- batch_export_speedup ------------------------------------------------------------------------------
def batch(args: argparse.Namespace) -> dict:
    """A athletes x W weeks: one build after another in this process, then export_team (workers=2)."""
    from planner.domain.athlete import Athlete
    from planner.domain.plan import Plan
    from planner.export.batch import TeamJob, export_team
    from planner.export.document import build_plan_pdf
    from planner.store.seed import builtin_exercises

    library = list(builtin_exercises())
    by_id = {e.id: e for e in library}
    jobs = []
    for i in range(args.athletes):
        athlete, season_plan = _season(args.weeks, library, name=f"Runner {i + 1:03d}")
        used = tuple(by_id[x].to_dict() for x in sorted(season_plan.exercise_ids()) if x in by_id)
        jobs.append(TeamJob(athlete=athlete.to_dict(), plan=season_plan.to_dict(), library=used))

    def sequential(folder: Path) -> float:
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        for i, job in enumerate(jobs):
            lib = {d["id"]: by_id[d["id"]] for d in job.library}
            build_plan_pdf(
                folder / f"{i}.pdf", athlete=Athlete.from_dict(job.athlete), plan=Plan.from_dict(job.plan), library=lib
            )
        return (time.perf_counter() - t) * 1e3

    def batched(folder: Path) -> float:
        t = time.perf_counter()
        result = export_team(jobs, folder, workers=2)
        if result.failed or len(result.written) != len(jobs):
            raise SystemExit(f"batch export failed: {result.failed}")
        return (time.perf_counter() - t) * 1e3

    seq, bat = [], []
    for r in range(args.reps):
        seq.append(sequential(args.tmp / f"seq{r}"))
        bat.append(batched(args.tmp / f"batch{r}"))
    return {"sequential_ms": seq, "batch_ms": bat, "athletes": args.athletes, "weeks": args.weeks}


METRICS = {"pdf": pdf, "search": search, "plan": plan, "batch": batch}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("metric", choices=sorted(METRICS))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--tmp", type=Path, required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--weeks", type=int, default=16)
    parser.add_argument("--athletes", type=int, default=30)
    args = parser.parse_args(argv)
    args.tmp.mkdir(parents=True, exist_ok=True)
    result = METRICS[args.metric](args)
    result["median"] = {k: statistics.median(v) for k, v in result.items() if isinstance(v, list) and v}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
