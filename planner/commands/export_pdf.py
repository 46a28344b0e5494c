"""`stride-planner export-pdf`: the printable season PDF of one athlete file."""

from __future__ import annotations

import argparse

CONTENT_KINDS = ("weekly", "cards", "overview")


def content_list(value: str) -> tuple[str, ...]:
    """argparse type for --content: a comma-separated subset of weekly, cards, overview."""
    items = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    unknown = [v for v in items if v not in CONTENT_KINDS]
    if unknown or not items:
        what = f"unknown content {unknown[0]!r}" if unknown else "no content"
        raise argparse.ArgumentTypeError(f"{what}; expected any of {', '.join(CONTENT_KINDS)}")
    return items


def register(sub: argparse._SubParsersAction) -> None:
    from planner.commands._common import positive_weeks

    parser = sub.add_parser(
        "export-pdf",
        help="write the printable PDF of an athlete's plan",
        description="Write the season PDF: overview, weekly sheets and routine cards.",
    )
    parser.add_argument("--athlete", required=True, metavar="FILE", help="athlete file (JSON)")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    parser.add_argument("--start", metavar="YYYY-MM-DD", help="first Monday of the plan (default: next Monday)")
    parser.add_argument("--weeks", type=positive_weeks, default=12, metavar="N", help="plan length (default 12)")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")
    parser.add_argument(
        "--content",
        type=content_list,
        default=CONTENT_KINDS,
        metavar="LIST",
        help="comma-separated: weekly,cards,overview (default: all three)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from planner.commands._common import athlete_plan_from_args
    from planner.export.document import build_plan_pdf

    athlete, library, plan = athlete_plan_from_args(args)
    out = Path(args.out)
    report = build_plan_pdf(
        out, athlete=athlete, plan=plan, library={e.id: e for e in library}, paper=args.paper, content=args.content
    )
    for warning in report.warnings:
        print(f"stride-planner: warning: {warning}", file=sys.stderr)
    print(f"Wrote {report.pages} pages to {out}")
    return 0
