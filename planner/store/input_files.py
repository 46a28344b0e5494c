"""Reading the files a coach hands over (athlete files, wizard answers, library files): one reader, one set of messages.

The CLI commands, the window and the library import all read through here, so absurd or broken JSON gets
the same one line (BadInput, exit 2) at either door.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from planner.domain.athlete import Athlete
from planner.domain.errors import BadInput

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


def read_text_file(path: str | Path, *, expected: str, not_utf8: str, max_bytes: int = MAX_BYTES) -> str:
    """The text of an input file (UTF-8, a byte-order mark allowed); a missing, oversized, unreadable or
    non-UTF-8 file is BadInput naming the file. `expected` names what it should be ("a JSON file");
    `not_utf8` says what to do when it is not UTF-8 text."""
    p = Path(path)
    try:
        if p.is_file() and p.stat().st_size > max_bytes:
            raise BadInput(f"is larger than {max_bytes // 1024 // 1024} MB; expected {expected}", source=str(p))
        return p.read_text(encoding="utf-8-sig")  # a byte-order mark from Notepad or a spreadsheet is harmless
    except FileNotFoundError:
        raise BadInput("file not found", source=str(p)) from None
    except IsADirectoryError:
        raise BadInput(f"is a folder, expected {expected}", source=str(p)) from None
    except UnicodeDecodeError:
        raise BadInput(f"is not UTF-8 text ({not_utf8})", source=str(p)) from None
    except OSError as exc:
        raise BadInput(f"cannot be read ({exc.strerror})", source=str(p)) from None


def read_json_file(path: str | Path) -> Any:
    """The parsed content of a JSON file; a missing, unreadable, malformed or hostile file is BadInput.

    This is the one reader of athlete, answers and library files, so it is where absurd JSON stops:
    deep nesting, numbers of thousands of digits, NaN and Infinity, text that cannot be encoded.
    """
    p = Path(path)
    text = read_text_file(p, expected="a JSON file", not_utf8="expected a JSON file")
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


def read_athlete_file(path: str | Path) -> Athlete:
    """The athlete in an athlete file; BadInput names the file and the field that is wrong."""
    data = read_json_file(path)
    try:
        return Athlete.from_dict(data)
    except BadInput as exc:
        raise exc.within(str(path)) from None
