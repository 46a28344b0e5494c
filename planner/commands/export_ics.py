"""`stride-planner export-ics --athlete FILE --out FILE.ics [--start] [--weeks]`: the plan as a calendar."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from planner.commands._common import positive_weeks

    parser = sub.add_parser(
        "export-ics",
        help="write the plan's sessions as an iCalendar (.ics) file",
        description=(
            "One all-day event per session. Export again to the same file after the plan changed: events keep "
            "their UID, SEQUENCE rises where a session changed, and sessions no longer planned are cancelled, "
            "so a calendar app that re-imports the file updates its events instead of duplicating them."
        ),
    )
    parser.add_argument("--athlete", required=True, metavar="FILE", help="athlete file (JSON)")
    parser.add_argument("--out", required=True, metavar="FILE.ics", help="calendar file to write (or update)")
    parser.add_argument("--start", metavar="YYYY-MM-DD", help="first Monday of the plan (default: next Monday)")
    parser.add_argument("--weeks", type=positive_weeks, default=12, metavar="N", help="plan length (default 12)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from planner.commands._common import athlete_plan_from_args
    from planner.export.calendar import build_calendar, read_sent, write_calendar

    out = Path(args.out)
    _athlete, _library, plan = athlete_plan_from_args(args)
    # The file being replaced is the memory of the last export: see planner.export.calendar.
    previous = read_sent(out)
    data, sent = build_calendar(plan, previous=previous)
    write_calendar(out, data)
    cancelled = sum(1 for e in sent.values() if e.cancelled and e.uid in previous and not previous[e.uid].cancelled)
    changed = sum(1 for e in sent.values() if e.uid in previous and e.sequence > previous[e.uid].sequence)
    sessions = sum(1 for e in sent.values() if not e.cancelled)
    line = f"Wrote {sessions} sessions to {out}"
    if previous:
        line += f" ({changed - cancelled} changed, {cancelled} cancelled since the last export)"
    print(line)
    return 0
