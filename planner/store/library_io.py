"""Library files: our native JSON (round-trips exactly) and the free-exercise-db format."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner import atomic
from planner.domain.errors import BadInput, shown
from planner.domain.exercise import Category, Dose, Exercise, slugify
from planner.domain.limits import EXERCISE_NAME, check_exercise_text

if TYPE_CHECKING:
    from planner.store.database import Database
    from planner.store.exercises import WriteReport

NATIVE_FORMAT = "stride-planner-library"
FORMATS = ("auto", "native", "free-exercise-db")

FREE_EXERCISE_DB_SOURCE = "free-exercise-db (github.com/yuhonas/free-exercise-db)"
FREE_EXERCISE_DB_LICENSE = "The Unlicense (public domain)"

_FEDB_CATEGORY = {
    "strength": Category.STRENGTH,
    "stretching": Category.MOBILITY,
    "plyometrics": Category.PLYOMETRIC,
    "powerlifting": Category.STRENGTH,
    "olympic weightlifting": Category.STRENGTH,
    "strongman": Category.STRENGTH,
    "cardio": Category.STRENGTH,
}
# The dataset has no doses. These are conservative starting points per category, and every exercise
# that gets one is marked dose_is_default so the window and the sheets can say so.
_FEDB_DEFAULT_DOSE = {
    "strength": Dose(sets=3, reps=10, rest_s=90),
    "stretching": Dose(sets=2, hold_s=30, rest_s=15),
    "plyometrics": Dose(sets=3, reps=8, rest_s=90),
    "powerlifting": Dose(sets=3, reps=5, rest_s=180),
    "olympic weightlifting": Dose(sets=3, reps=3, rest_s=180),
    "strongman": Dose(sets=3, reps=5, rest_s=180),
    "cardio": Dose(sets=1, duration_s=600, rest_s=0),
}
_FEDB_EQUIPMENT = {
    "body only": [],
    "bands": ["band"],
    "dumbbell": ["dumbbell"],
    "kettlebells": ["kettlebell"],
    "barbell": ["barbell"],
    "e-z curl bar": ["barbell"],
    "machine": ["machine"],
    "cable": ["machine"],
    "foam roll": ["foam_roller"],
    "medicine ball": ["ball"],
    "exercise ball": ["ball"],
}


def read_library_file(path: str | Path, fmt: str = "auto") -> list[Exercise]:
    """Parse and validate every exercise of a library file; BadInput names the file and the field."""
    from planner.store.input_files import read_json_file

    if fmt not in FORMATS:
        raise BadInput(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    data = read_json_file(path)
    if fmt == "auto":
        fmt = detect_format(data, str(path))
    try:
        exercises = parse_native(data) if fmt == "native" else parse_free_exercise_db(data)
        # Bounded text keeps the library view and the printed cards fast; one field over its limit
        # refuses the whole file, like any other bad record.
        prefix = "exercises" if fmt == "native" else ""
        for i, ex in enumerate(exercises):
            check_exercise_text(ex, f"{prefix}[{i}] {ex.id!r}" if prefix else f"[{i}]")
    except BadInput as exc:
        raise exc.within(str(path)) from None
    seen: set[str] = set()
    for ex in exercises:
        if ex.id in seen:
            raise BadInput(f"the id {shown(ex.id)} appears twice", source=str(path))
        seen.add(ex.id)
    return exercises


def detect_format(data: Any, source: str = "file") -> str:
    """'native' or 'free-exercise-db', from the shape of the parsed JSON."""
    if isinstance(data, dict) and data.get("format") == NATIVE_FORMAT:
        return "native"
    items = data.get("exercises") if isinstance(data, dict) else data
    if isinstance(items, list) and items and isinstance(items[0], dict):
        first = items[0]
        if "primaryMuscles" in first or ("level" in first and "dose" not in first):
            return "free-exercise-db"
        if "dose" in first:
            return "native"
    if isinstance(items, list) and not items:
        return "native"
    raise BadInput(
        "is neither a Stride Planner library nor a free-exercise-db file (expected a list of exercises)", source=source
    )


def parse_native(data: Any) -> list[Exercise]:
    items = data.get("exercises") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise BadInput('expected a list of exercises or {"exercises": [...]}')
    return [Exercise.from_dict(item, where=f"exercises[{i}]") for i, item in enumerate(items)]


def free_exercise_db_id(raw_id: str) -> str:
    return "fedb-" + slugify(raw_id)


def parse_free_exercise_db(data: Any) -> list[Exercise]:
    """Map free-exercise-db records to ours; doses are category defaults marked as such."""
    items = data.get("exercises") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise BadInput("expected a list of free-exercise-db records")
    out = []
    for i, item in enumerate(items):
        where = f"[{i}]"
        if not isinstance(item, dict):
            raise BadInput("expected an object", field=where)
        raw_id, name = item.get("id"), item.get("name")
        if not isinstance(raw_id, str) or not raw_id.strip():
            raise BadInput("missing id", field=f"{where}.id")
        if not isinstance(name, str) or not name.strip():
            raise BadInput("missing name", field=f"{where}.name")
        EXERCISE_NAME.check(name.strip(), f"{where}.name")
        category = item.get("category")
        if not isinstance(category, str) or category not in _FEDB_CATEGORY:
            raise BadInput(
                f"unknown category {shown(category)}; expected one of {', '.join(_FEDB_CATEGORY)}",
                field=f"{where}.category",
            )
        equipment_raw = item.get("equipment")
        if equipment_raw is not None and not isinstance(equipment_raw, str):
            raise BadInput(f"expected text or null, got {shown(equipment_raw)}", field=f"{where}.equipment")
        equipment = _FEDB_EQUIPMENT.get(equipment_raw or "body only", [])
        level = item.get("level")
        if level is not None and not isinstance(level, str):
            raise BadInput(f"expected text or null, got {shown(level)}", field=f"{where}.level")
        tags = [category.replace(" ", "_")]
        if level:
            tags.append(f"level:{level}")
        if equipment_raw == "other":
            tags.append("equipment:other")
        muscles = [*_fedb_list(item, "primaryMuscles", where), *_fedb_list(item, "secondaryMuscles", where)]
        instructions = [s.strip() for s in _fedb_list(item, "instructions", where) if isinstance(s, str) and s.strip()]
        out.append(
            Exercise(
                id=free_exercise_db_id(raw_id),
                name=name.strip(),
                category=_FEDB_CATEGORY[category],
                dose=_FEDB_DEFAULT_DOSE[category],
                targets=tuple(m.replace(" ", "_") for m in muscles if isinstance(m, str)),
                equipment=tuple(equipment),
                instructions=tuple(instructions),
                source=f"{FREE_EXERCISE_DB_SOURCE}: {raw_id}",
                license=FREE_EXERCISE_DB_LICENSE,
                tags=tuple(tags),
                dose_is_default=True,
            )
        )
    return out


def _fedb_list(item: dict[str, Any], key: str, where: str) -> list[Any]:
    """A list field of a free-exercise-db record (null and a missing key are an empty list)."""
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadInput(f"expected a list, got {shown(value)}", field=f"{where}.{key}")
    return value


def import_library_file(
    db: Database,
    path: str | Path,
    fmt: str = "auto",
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> WriteReport:
    """Read, validate and import a library file in one transaction: all of it or nothing."""
    return write_library(db, read_library_file(path, fmt), progress=progress, cancelled=cancelled)


def write_library(
    db: Database,
    exercises: Sequence[Exercise],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> WriteReport:
    """Write validated exercises in one transaction that holds the write lock from its first read, so
    an import that waited for another one sees (and updates) what that one added; a busy database is
    retried briefly, then DatabaseBusy (one line: try again)."""
    from planner.store.database import retry_when_busy, writing
    from planner.store.exercises import write_exercises

    return retry_when_busy(lambda: write_exercises(writing(db), exercises, progress=progress, cancelled=cancelled))


def library_document(exercises: Sequence[Exercise]) -> dict[str, Any]:
    return {"format": NATIVE_FORMAT, "version": 1, "exercises": [e.to_dict() for e in exercises]}


def export_library_file(db: Database, path: str | Path) -> int:
    """Write the whole library as native JSON (atomically) and return how many exercises it holds."""
    from planner.store.exercises import list_exercises

    exercises = list_exercises(db)
    write_text_atomic(Path(path), json.dumps(library_document(exercises), ensure_ascii=False, indent=2) + "\n")
    return len(exercises)


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` with planner.atomic (complete or not at all); a refusal is BadInput in one line."""
    try:
        atomic.write_text(Path(path), text)
    except atomic.CannotWrite as exc:
        raise BadInput(str(exc)) from None
