"""Helpers every command shares: reading JSON input files and opening the library."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from planner.domain.errors import BadInput


def read_json_file(path: str | Path) -> Any:
    """The parsed content of a JSON file; a missing, unreadable or malformed file is BadInput."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput("file not found", source=str(p)) from None
    except IsADirectoryError:
        raise BadInput("is a folder, expected a JSON file", source=str(p)) from None
    except UnicodeDecodeError:
        raise BadInput("is not UTF-8 text (expected a JSON file)", source=str(p)) from None
    except OSError as exc:
        raise BadInput(f"cannot be read ({exc.strerror})", source=str(p)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", source=str(p)) from None


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
        raise argparse.ArgumentTypeError(f"expected a whole number of weeks, got {value!r}") from None
    if not 1 <= n <= 104:
        raise argparse.ArgumentTypeError(f"expected 1-104 weeks, got {n}")
    return n


def athlete_plan_from_args(args: argparse.Namespace) -> tuple[Any, list[Any], Any]:
    """(athlete, library, plan) for `--athlete FILE [--start] [--weeks]`, as `plan` and `export-pdf` need.

    Problems with the athlete file (including a wizard answer the rules refuse) name the file.
    """
    from planner.commands._library_access import load_library
    from planner.domain.athlete import Athlete
    from planner.domain.season import make_plan

    try:
        athlete = Athlete.from_dict(read_json_file(args.athlete))
    except BadInput as exc:
        raise exc.within(args.athlete) from None
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
    return athlete, library, plan
