"""`stride-planner plan --athlete FILE [--start YYYY-MM-DD] [--weeks N] [--json]`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type hints only: the command imports its work lazily
    import datetime as dt

    from planner.domain.plan import Plan


def register(sub: argparse._SubParsersAction) -> None:
    from planner.commands._common import positive_weeks

    parser = sub.add_parser(
        "plan",
        help="build a season plan for an athlete file",
        description="Place strength, corrective and mobility work around an athlete's running week and races.",
    )
    parser.add_argument("--athlete", required=True, metavar="FILE", help="athlete JSON file")
    parser.add_argument(
        "--start", metavar="YYYY-MM-DD", help="first week of the plan (moved back to its Monday); default: next Monday"
    )
    parser.add_argument(
        "--weeks", type=positive_weeks, default=12, metavar="N", help="number of weeks (1-104, default 12)"
    )
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from planner.commands._common import athlete_plan_from_args

    _athlete, _library, plan = athlete_plan_from_args(args)
    if args.json:
        print(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(plan_as_text(plan))
    return 0


def plan_as_text(plan: Plan) -> str:
    """The plan week by week, as a coach would read it on paper: the hold first when the symptom check
    needs a clinician, the disclaimer last."""
    from planner import DISCLAIMER
    from planner.domain.athlete import DAY_NAMES, DAYS

    def day_label(day: dt.date) -> str:
        return f"{DAY_NAMES[DAYS[day.weekday()]][:3]} {day.day} {day.strftime('%b')}"

    weeks = len(plan.weeks)
    lines = [
        f"Plan for {plan.athlete}: {weeks} week{'s' if weeks != 1 else ''} from "
        f"{day_label(plan.start)} {plan.start.year}",
        "",
    ]
    hold = plan.hold
    if hold is not None:
        lines += [
            f"!! {hold.title.upper()} (symptom check: {hold.triage.replace('_', ' ')}, since {hold.since.isoformat()})",
            f"   {hold.instead}",
            "",
        ]
    for week in plan.weeks:
        header = f"Week {week.index} · {day_label(week.start)} – {day_label(week.end)} · {week.phase.label}"
        if week.deload:
            header += " · deload"
        if week.race:
            header += f" · race: {week.race}"
        lines.append(header)
        if plan.on_hold(week) and hold is not None:
            lines.append(f"  ON HOLD from {day_label(max(hold.since, week.start))}: {hold.action}")
        if week.runs:
            lines.append(
                "  Running: "
                + ", ".join(
                    f"{DAY_NAMES[d][:3]} {week.runs[d]}"
                    + (f" ({week.run_notes[d].lower()})" if d in week.run_notes else "")
                    for d in DAYS
                    if d in week.runs
                )
            )
        for session in week.sessions:
            lines.append(f"  {day_label(session.date)}  {session.title} ({session.kind.value})")
            lines.append(f"    Why: {session.why}")
            for ex in session.exercises:
                note = f" — {ex.notes}" if ex.notes else ""
                lines.append(f"    • {ex.name}: {ex.dose.describe()}{note}")
        for warning in plan.warnings_for(week.index):
            lines.append(f"  ! {warning}")
        lines.append("")
    other = [w for w in plan.warnings if not w.startswith("Week ")]
    lines.extend(f"! {w}" for w in other)
    lines += ["", DISCLAIMER] if lines[-1] else [DISCLAIMER]
    return "\n".join(lines).rstrip() + "\n"
