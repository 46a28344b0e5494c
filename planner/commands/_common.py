"""Helpers every command shares: reading JSON input files and opening the library."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from planner.domain.errors import BadInput, shown

# Our files nest about five levels deep; far deeper is a hostile or broken file, and walking it
# (repr in a message, json.dumps, comparisons) would hit Python's recursion limit later.
MAX_DEPTH = 32
# A number longer than this is no count, distance or score of ours (Python also refuses to
# parse one of more than 4,300 digits, with a ValueError that is no JSON error).
MAX_DIGITS = 20
# Larger files are not ours either (the whole free-exercise-db is about 1 MB).
MAX_BYTES = 100 * 1024 * 1024


class _Refused(Exception):
    """Raised from inside the JSON parser; turned into BadInput naming the file."""


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _Refused(f"a number with {digits} digits (at most {MAX_DIGITS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > 400:
        raise _Refused(f"a number of {len(text)} characters")
    value = float(text)
    if not math.isfinite(value):  # 1e400 parses as infinity
        raise _Refused(f"{text} is not a finite number")
    return value


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a finite number (JSON has no NaN or Infinity)")


def _check_shape(data: Any) -> None:
    """Refuse nesting beyond MAX_DEPTH and text no encoder accepts (a lone surrogate such as "\\ud800")."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _Refused("holds text with an unpaired surrogate (\\ud800-\\udfff)") from None
            continue
        if isinstance(value, dict):
            children = [*value.keys(), *value.values()]
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            raise _Refused(f"nested too deeply (more than {MAX_DEPTH} levels)")
        stack += [(child, depth + 1) for child in children]


def read_json_file(path: str | Path) -> Any:
    """The parsed content of a JSON file; a missing, unreadable, malformed or hostile file is BadInput.

    This is the one reader of athlete, answers and library files, so it is where absurd JSON stops:
    deep nesting, numbers of thousands of digits, NaN and Infinity, text that cannot be encoded.
    """
    p = Path(path)
    try:
        if p.is_file() and p.stat().st_size > MAX_BYTES:
            raise BadInput(f"is larger than {MAX_BYTES // 1024 // 1024} MB; expected a JSON file", source=str(p))
        text = p.read_text(encoding="utf-8-sig")  # a byte-order mark from Windows Notepad is harmless
    except FileNotFoundError:
        raise BadInput("file not found", source=str(p)) from None
    except IsADirectoryError:
        raise BadInput("is a folder, expected a JSON file", source=str(p)) from None
    except UnicodeDecodeError:
        raise BadInput("is not UTF-8 text (expected a JSON file)", source=str(p)) from None
    except OSError as exc:
        raise BadInput(f"cannot be read ({exc.strerror})", source=str(p)) from None
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
        _check_shape(data)
    except json.JSONDecodeError as exc:
        raise BadInput(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", source=str(p)) from None
    except _Refused as exc:
        raise BadInput(str(exc), source=str(p)) from None
    except RecursionError:
        raise BadInput(f"nested too deeply (more than {MAX_DEPTH} levels)", source=str(p)) from None
    except ValueError as exc:  # what the parser lets through besides JSONDecodeError
        raise BadInput(f"malformed JSON: {exc}", source=str(p)) from None
    return data


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
    except OverflowError:
        # Dates are bounded when read; this guards any arithmetic that still leaves the calendar.
        raise BadInput("a date in the plan falls outside the calendar", source=args.athlete) from None
    return athlete, library, plan
