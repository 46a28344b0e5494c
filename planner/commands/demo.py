"""`stride-planner demo --out DIR`: a sample athlete, its plan and its PDF, with no setup."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "demo",
        help="write a sample athlete, its plan and its PDF into a folder",
        description="Write DIR/athlete.json, DIR/plan.json and DIR/plan.pdf for a sample "
        "runner whose season starts next Monday.",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if needed)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys
    from pathlib import Path

    from planner.commands._library_access import load_library
    from planner.domain.season import make_plan
    from planner.export.demo import demo_season
    from planner.export.document import build_plan_pdf, cannot_write, write_atomically
    from planner.store.wizard_rules import load_wizard_rules

    folder = Path(args.out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from None
    season = demo_season()
    athlete = season.athlete
    library = load_library(args)
    plan = make_plan(athlete, library, load_wizard_rules(), start=season.start, weeks=season.weeks)
    for name, data in (("athlete.json", season.athlete_file), ("plan.json", plan.to_dict())):
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        write_atomically(folder / name, lambda fh, text=text: fh.write(text.encode("utf-8")))
    report = build_plan_pdf(folder / "plan.pdf", athlete=athlete, plan=plan, library={e.id: e for e in library})
    for warning in report.warnings:
        print(f"stride-planner: warning: {warning}", file=sys.stderr)
    print(f"Demo athlete: {folder / 'athlete.json'}")
    print(f"Plan:         {folder / 'plan.json'}")
    print(f"PDF:          {folder / 'plan.pdf'} ({report.pages} pages)")
    return 0
