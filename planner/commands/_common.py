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
        raise BadInput(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                       source=str(p)) from None


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
