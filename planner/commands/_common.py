"""Helpers every command shares: argparse types, and the athlete and plan of `--athlete FILE`.

Input files are read by planner.store.input_files (the window reads them too); the names stay importable here.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from planner.domain.errors import BadInput, shown
from planner.store.input_files import read_athlete_file, read_json_file

__all__ = ["athlete_plan_from_args", "parse_start", "positive_weeks", "read_athlete_file", "read_json_file"]


def parse_start(value: str | None) -> dt.date:
    """--start YYYY-MM-DD, default next Monday; an impossible date is BadInput."""
    from planner.domain.athlete import parse_date
    from planner.domain.dates import next_monday

    if value is None:
        return next_monday()
    return parse_date(value, "--start")


def positive_weeks(value: str) -> int:
    """argparse type for --weeks: 1-104."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of weeks, got {shown(value)}") from None
    if not 1 <= n <= 104:
        raise argparse.ArgumentTypeError(f"expected 1-104 weeks, got {n}")
    return n


def athlete_plan_from_args(args: argparse.Namespace) -> tuple[Any, list[Any], Any]:
    """(athlete, library, plan) for `--athlete FILE [--start] [--weeks]`, as `plan` and `export-pdf` need.

    Problems with the athlete file (including a wizard answer the rules refuse) name the file.
    """
    from planner.commands._library_access import load_library
    from planner.domain.season import make_plan

    athlete = read_athlete_file(args.athlete)
    start = parse_start(args.start)
    library = load_library(args)
    rules = None
    if athlete.wizard_answers:  # the rules are only read when a symptom check is part of the plan
        from planner.store.wizard_rules import load_wizard_rules

        rules = load_wizard_rules()
    try:
        plan = make_plan(athlete, library, rules, start=start, weeks=args.weeks)
    except BadInput as exc:
        raise exc.within(args.athlete) from None
    except OverflowError:
        # Dates are bounded when read; this guards any arithmetic that still leaves the calendar.
        raise BadInput("a date in the plan falls outside the calendar", source=args.athlete) from None
    return athlete, library, plan
