"""Training log files: JSON (the athlete file's `log`) and CSV (one row per exercise entry, a header row).

The CSV columns, in this order (the header names them; the order of columns may differ, names may not):

    date,exercise,side,sets_done,pain_during,pain_next_morning,rpe,done,note

- date: YYYY-MM-DD; exercise: the library id; side: left, right or empty (one side / both sides at once);
- sets_done: 0-20; pain_during: 0-10; pain_next_morning and rpe: 0-10 or empty (not written down);
- done: yes/no (also true/false, 1/0; empty means yes); note: text up to 500 characters.

Reading is all or nothing: the first bad row is BadInput naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from planner import atomic
from planner.domain.errors import BadInput, shown
from planner.domain.training_log import (
    ENTRY_KEYS,
    LogEntry,
    check_known_exercises,
    check_unique,
    parse_entry,
    parse_log,
    sort_log,
)

CSV_COLUMNS: tuple[str, ...] = (
    "date",
    "exercise",
    "side",
    "sets_done",
    "pain_during",
    "pain_next_morning",
    "rpe",
    "done",
    "note",
)
REQUIRED_COLUMNS = ("date", "exercise", "sets_done", "pain_during")
_YES = {"yes", "y", "true", "1", ""}
_NO = {"no", "n", "false", "0"}
MAX_BYTES = 20 * 1024 * 1024


def is_csv(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".csv"


def _message(exc: BadInput) -> str:
    """The message of `exc` without its field prefix (the caller names the place its own way)."""
    text = str(exc)
    if exc.field and text.startswith(f"{exc.field}: "):
        return text[len(exc.field) + 2 :]
    return text


def _cell(column: str, raw: str) -> Any:
    value = raw.strip()
    if column in ("date", "exercise", "note"):
        return raw if column == "note" else value
    if column == "side":
        return value.lower() or None
    if column == "done":
        lowered = value.lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        return value  # parse_entry names it: expected true or false
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        return value  # parse_entry names it: expected a whole number


def read_log_csv(text: str, source: str, known: Collection[str] | None = None) -> tuple[LogEntry, ...]:
    """The entries of a log CSV; BadInput names `source`, the line and the field of the first bad row.

    With `known` (the library's ids) an exercise outside it is bad input too."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise BadInput(f"line 1: {exc}", source=source) from None
    if header is None:
        raise BadInput(f"is empty; expected a header row: {','.join(CSV_COLUMNS)}", source=source)
    columns = [h.strip().lower() for h in header]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if unknown:
        raise BadInput(f"line 1: unknown column {shown(unknown[0])}; expected {','.join(CSV_COLUMNS)}", source=source)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise BadInput(f"line 1: missing column {missing[0]!r}; expected {','.join(CSV_COLUMNS)}", source=source)
    entries: list[LogEntry] = []
    lines: list[int] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise BadInput(f"line {reader.line_num}: {exc}", source=source) from None
        if not any(cell.strip() for cell in row):
            continue  # blank lines are harmless
        line = reader.line_num
        if len(row) != len(columns):
            raise BadInput(f"line {line}: {len(row)} cells; the header has {len(columns)}", source=source)
        data = {c: _cell(c, v) for c, v in zip(columns, row, strict=True)}
        try:
            entries.append(parse_entry(data, 0, where="row"))
        except BadInput as exc:
            field = (exc.field or "").removeprefix("row[0]").lstrip(".")
            where = f"line {line}: {field}: " if field else f"line {line}: "
            raise BadInput(where + _message(exc), source=source) from None
        if known is not None and entries[-1].exercise not in known:
            raise BadInput(f"line {line}: exercise: unknown exercise {shown(entries[-1].exercise)}", source=source)
        lines.append(line)
    try:
        check_unique(entries, where="row")
    except BadInput as exc:
        index = int((exc.field or "row[0]")[4:-1])
        message = _message(exc)
        raise BadInput(f"line {lines[index]}: {message.split(' (the first is')[0]}", source=source) from None
    return tuple(entries)


def read_log_file(path: str | Path, known: Collection[str] | None = None) -> tuple[LogEntry, ...]:
    """The entries of a log file: CSV (by its .csv suffix) or JSON (a list of entries, or an object with
    a `log`, such as an athlete file). BadInput names the file, and the line or entry and the field;
    with `known` (the library's ids) an exercise outside it is bad input too."""
    from planner.store.input_files import read_json_file, read_text_file

    p = Path(path)
    if not is_csv(p):
        data = read_json_file(p)
        if isinstance(data, dict):
            if "log" not in data:
                raise BadInput('expected a list of log entries or an object with "log"', source=str(p))
            data = data["log"]
        try:
            entries = parse_log(data)
            if known is not None:
                check_known_exercises(entries, known)
            return entries
        except BadInput as exc:
            raise exc.within(str(p)) from None
    text = read_text_file(p, expected="a log CSV", not_utf8="save the CSV as UTF-8", max_bytes=MAX_BYTES)
    return read_log_csv(text, str(p), known)


def log_csv(entries: Iterable[LogEntry]) -> str:
    """The entries as a log CSV (header row, one row per entry, in date order)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in sort_log(entries):
        writer.writerow(
            [
                e.date.isoformat(),
                e.exercise,
                e.side.value if e.side else "",
                e.sets_done,
                e.pain_during,
                "" if e.pain_next_morning is None else e.pain_next_morning,
                "" if e.rpe is None else e.rpe,
                "yes" if e.done else "no",
                e.note,
            ]
        )
    return out.getvalue()


def log_json(entries: Sequence[LogEntry], athlete: str) -> str:
    """The entries as JSON: {"athlete": NAME, "log": [...]}, the `log` in the athlete file's shape."""
    data = {"athlete": athlete, "log": [{k: e.to_dict()[k] for k in ENTRY_KEYS} for e in sort_log(entries)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_log_file(path: str | Path, entries: Sequence[LogEntry], athlete: str) -> None:
    """Write the entries as CSV (a .csv path) or JSON, complete or not at all; a refusal is BadInput."""
    p = Path(path)
    text = log_csv(entries) if is_csv(p) else log_json(entries, athlete)
    try:
        atomic.write_text(p, text)
    except atomic.CannotWrite as exc:
        raise BadInput(str(exc)) from None
