"""The exercise library in the database: list, filter, save, delete, and keep built-ins current."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from planner.domain.errors import BadInput
from planner.domain.exercise import Category, Dose, Exercise, slugify

if TYPE_CHECKING:
    from planner.store.engine import Database  # not store.database: that module imports this one

_LIST_FIELDS = ("aliases", "targets", "equipment", "optional_equipment", "conditions", "tags", "instructions", "cues")


def search_text(ex: Exercise) -> str:
    return " | ".join([ex.name.lower(), ex.id, *(a.lower() for a in ex.aliases)])


def exercise_to_row_values(ex: Exercise) -> dict[str, Any]:
    """The column values of an exercise (the inverse of row_to_exercise)."""
    values: dict[str, Any] = {
        "id": ex.id,
        "name": ex.name,
        "search_text": search_text(ex),
        "category": ex.category.value,
        **ex.dose.to_dict(),  # the dose columns are named as the dose object's fields
        "easier": ex.easier,
        "harder": ex.harder,
        "source": ex.source,
        "license": ex.license,
        "builtin": ex.builtin,
        "edited": ex.edited,
        "dose_is_default": ex.dose_is_default,
        "drawing": ex.drawing,
    }
    for name in _LIST_FIELDS:
        values[name] = list(getattr(ex, name))
    return values


BUSY_WAIT_S = 5.0  # a reader waits this long for a checkpoint or recovery another process runs
_CATEGORIES: dict[str, Category] = {c.value: c for c in Category}  # Category(value) costs ~1 µs a row


def _json_list(value: Any) -> Any:
    # Most list columns hold "[]"; json.loads of it costs as much as a long list's bookkeeping.
    if not isinstance(value, str):
        return value  # a driver that decodes JSON itself, or NULL
    return [] if value == "[]" else json.loads(value)


def row_to_exercise(row: Mapping[str, Any]) -> Exercise:
    """A domain Exercise from a row mapping (no validation: rows were validated when written)."""
    dose = object.__new__(Dose)
    for name in ("sets", "reps", "hold_s", "duration_s", "rest_s", "tempo"):
        object.__setattr__(dose, name, row[name])
    object.__setattr__(dose, "each_side", bool(row["each_side"]))
    category = row["category"]
    return Exercise(
        id=row["id"],
        name=row["name"],
        category=_CATEGORIES.get(category) or Category(category),
        dose=dose,
        aliases=tuple(row["aliases"] or ()),
        targets=tuple(row["targets"] or ()),
        equipment=tuple(row["equipment"] or ()),
        optional_equipment=tuple(row["optional_equipment"] or ()),
        conditions=tuple(row["conditions"] or ()),
        instructions=tuple(row["instructions"] or ()),
        cues=tuple(row["cues"] or ()),
        easier=row["easier"],
        harder=row["harder"],
        source=row["source"],
        license=row["license"],
        tags=tuple(row["tags"] or ()),
        builtin=bool(row["builtin"]),
        edited=bool(row["edited"]),
        dose_is_default=bool(row["dose_is_default"]),
        drawing=row.get("drawing"),
    )


# -- the read path without SQLAlchemy ----------------------------------------------------------------------
# Reading the library is what every start and every plan does; SQLAlchemy adds its import (a third of a second)
# and per-row processing to a read that sqlite3 does alone. A file database is read with sqlite3 directly;
# any other (a server database) goes through the engine as before.
_SUMMARY_COLUMNS = (
    "id",
    "name",
    "search_text",
    "category",
    "targets",
    "equipment",
    "optional_equipment",
    "conditions",
    "sets",
    "reps",
    "hold_s",
    "duration_s",
    "each_side",
    "rest_s",
    "tempo",
    "builtin",
    "edited",
    "dose_is_default",
)
_EXERCISE_COLUMNS = (
    "id",
    "name",
    "category",
    "aliases",
    "targets",
    "equipment",
    "optional_equipment",
    "conditions",
    "tags",
    "instructions",
    "cues",
    "sets",
    "reps",
    "hold_s",
    "duration_s",
    "each_side",
    "rest_s",
    "tempo",
    "easier",
    "harder",
    "source",
    "license",
    "builtin",
    "edited",
    "dose_is_default",
    "drawing",
)


def _sqlite_rows(
    db: Database, query: str, params: Sequence[Any] = (), build: Callable[[tuple[Any, ...]], Any] | None = None
) -> list[Any] | None:
    """The rows of a read query run with sqlite3 alone on `db`'s file, or None when `db` is not a file database
    or sqlite3 cannot read it that way (a read-only folder, a damaged file): then the engine reads, and says why.

    With `build`, each row is turned into build(row) as it is read (a large listing never holds every raw row)."""
    if db.path is None or not db.url.startswith("sqlite"):
        return None
    try:
        conn = sqlite3.connect(f"{db.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_WAIT_S)
    except sqlite3.Error:
        return None
    try:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if build is None else [build(row) for row in cursor]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


class ExerciseSummary:
    """One exercise as the Library table lists it: what the columns, the filters and the badges show.

    Built straight from a row, without the instructions, cues and the rest of an `Exercise`; its list
    columns are decoded when first asked for, so the rows a coach never scrolls to cost only their fetch.
    Attribute names are those of `Exercise`; `get_exercise` gives the whole exercise.

    A library of 50,000 rows is mostly look-alikes: the list columns and the doses are shared between rows
    that hold the same (`shared`, one per listing; decoded lists and doses through a cache), so a row costs
    about its id, name and search text.

    A listing read from a file starts lighter still (`list_summaries`): each row with only its id, name,
    search text, category and flags, enough to list, search, sort by name and badge it. Its targets,
    equipment, conditions and dose (its details) are read for many rows at once by `fill_details` (the rows
    about to be painted; every row before a filter or sort needs them) or, for a lone row, when first asked for.
    """

    __slots__ = (
        "_conditions",
        "_dose",
        "_equipment",
        "_listing",
        "_optional_equipment",
        "_targets",
        "builtin",
        "category",
        "dose_is_default",
        "edited",
        "id",
        "name",
        "search_text",
    )

    def __init__(self, row: Sequence[Any], shared: dict[Any, Any] | None = None) -> None:
        self.id: str = row[0]
        self.name: str = row[1]
        self.search_text: str = row[2]
        category = row[3]
        self.category: Category = _CATEGORIES.get(category) or Category(category)
        self._listing: _Listing | None = None
        self._set_details(row[4:15], shared if shared is not None else {})
        self.builtin = bool(row[15])
        self.edited = bool(row[16])
        self.dose_is_default = bool(row[17])

    def _set_details(self, details: Sequence[Any], shared: dict[Any, Any]) -> None:
        """targets, equipment, optional_equipment, conditions, then the seven dose columns, as read."""
        same = shared.setdefault
        # As read (JSON text, or a list from a driver that decodes JSON); a tuple once decoded.
        self._targets: Any = _listed(details[0], same)
        self._equipment: Any = _listed(details[1], same)
        self._optional_equipment: Any = _listed(details[2], same)
        self._conditions: Any = _listed(details[3], same)
        dose = tuple(details[4:11])
        self._dose: Any = same(dose, dose)

    def _details(self) -> None:
        listing = self._listing
        if listing is not None:
            listing.fill([self])  # sets every detail slot, and _listing to None

    @property
    def targets(self) -> tuple[str, ...]:
        if self._listing is not None:
            self._details()
        value = self._targets
        if type(value) is not tuple:
            value = self._targets = _decoded_list(value)
        return value

    @property
    def equipment(self) -> tuple[str, ...]:
        if self._listing is not None:
            self._details()
        value = self._equipment
        if type(value) is not tuple:
            value = self._equipment = _decoded_list(value)
        return value

    @property
    def optional_equipment(self) -> tuple[str, ...]:
        if self._listing is not None:
            self._details()
        value = self._optional_equipment
        if type(value) is not tuple:
            value = self._optional_equipment = _decoded_list(value)
        return value

    @property
    def conditions(self) -> tuple[str, ...]:
        if self._listing is not None:
            self._details()
        value = self._conditions
        if type(value) is not tuple:
            value = self._conditions = _decoded_list(value)
        return value

    @property
    def dose(self) -> Dose:
        if self._listing is not None:
            self._details()
        if not isinstance(self._dose, Dose):
            self._dose = _shared_dose(self._dose)
        return self._dose


_new_summary = object.__new__
_LIGHT_COLUMNS = ("id", "name", "search_text", "category", "builtin", "edited", "dose_is_default")
_DETAIL_COLUMNS = _SUMMARY_COLUMNS[4:15]  # targets .. tempo, in ExerciseSummary._set_details's order
_DETAILS_BY_ID = 500  # at most this many rows' details read by id in one query; more are read in one scan


class _Listing:
    """The file a light listing was read from, to read its rows' details when they are wanted."""

    __slots__ = ("db", "shared")

    def __init__(self, db: Database) -> None:
        self.db = db
        self.shared: dict[Any, Any] = {}  # equal list texts and doses of different rows: one object

    def light(self, row: Sequence[Any]) -> ExerciseSummary:
        # Called for every row of the library at start-up: as few steps as a row can take. The detail slots stay
        # unset until `fill` (the properties ask `_listing` first).
        summary = _new_summary(ExerciseSummary)
        summary.id, summary.name, summary.search_text, category, builtin, edited, default = row
        summary.category = _CATEGORIES.get(category) or Category(category)
        summary.builtin, summary.edited, summary.dose_is_default = builtin == 1, edited == 1, default == 1
        summary._listing = self
        return summary

    def fill(self, summaries: Sequence[ExerciseSummary]) -> None:
        """Read the details of `summaries` (all unread, all of this listing) in one query."""
        columns = ", ".join(("id", *_DETAIL_COLUMNS))
        if len(summaries) <= _DETAILS_BY_ID:
            # By name, not by id: the listing's covering index is keyed by name, so the rows are read from it and
            # the table's wide rows are never touched (0.3 ms for a screenful at 50,000 rows against 0.9-1.2 ms by
            # id). A row of the same name and another id is read too, and left.
            names = list(dict.fromkeys(summary.name for summary in summaries))
            query = f"SELECT {columns} FROM exercise WHERE name IN ({', '.join('?' * len(names))})"
            found = {row[0]: row for row in _sqlite_rows(self.db, query, names) or ()}
            renamed = [summary.id for summary in summaries if summary.id not in found]
            if renamed:  # renamed (or deleted) since the listing was read: by id, through the table
                query = f"SELECT {columns} FROM exercise WHERE id IN ({', '.join('?' * len(renamed))})"
                found.update((row[0], row) for row in _sqlite_rows(self.db, query, renamed) or ())
        else:
            found = {row[0]: row for row in _sqlite_rows(self.db, f"SELECT {columns} FROM exercise") or ()}
        for summary in summaries:
            # A row gone since the listing was read (another window deleted it) lists with no details; the
            # Library reloads when told of the change.
            row = found.get(summary.id, _GONE)
            summary._set_details(row[1:], self.shared)
            summary._listing = None


_GONE = (None, None, None, None, None, 1, 1, None, None, False, None, None)  # no lists; a dose of 1 x 1


def fill_details(summaries: Iterable[Any]) -> None:
    """Read the details (targets, equipment, conditions, dose) of the light summaries among `summaries` that
    do not have them yet, in one query per listing: before painting a screenful of rows, or before every row
    is filtered or sorted by its details. Anything else (an `Exercise`, a summary with its details) is left."""
    unread: dict[int, tuple[_Listing, list[ExerciseSummary]]] = {}
    for summary in summaries:
        listing = getattr(summary, "_listing", None)
        if listing is not None:
            unread.setdefault(id(listing), (listing, []))[1].append(summary)
    for listing, wanted in unread.values():
        listing.fill(wanted)


_EMPTY: tuple[str, ...] = ()


def _listed(value: Any, same: Callable[[Any, Any], Any]) -> Any:
    """A list column as read, kept until asked for: the one shared text per distinct list, () when empty."""
    if value is None or value == "[]":
        return _EMPTY
    if isinstance(value, str):
        return same(value, value)
    return tuple(value)  # a driver that decodes JSON itself


def _decoded_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return _decoded_json_list(value)
    return tuple(value or ())  # a driver that decodes JSON itself


@lru_cache(maxsize=4096)
def _decoded_json_list(text: str) -> tuple[str, ...]:
    # One tuple for every row holding the same list (the rows are mostly look-alikes of a few hundred).
    return tuple(_json_list(text) or ())


@lru_cache(maxsize=4096)
def _shared_dose(columns: tuple[Any, ...]) -> Dose:
    # Doses are frozen: rows with the same dose columns share one.
    sets, reps, hold_s, duration_s, each_side, rest_s, tempo = columns
    return _dose(sets, reps, hold_s, duration_s, bool(each_side), rest_s, tempo)


def _dose(sets: Any, reps: Any, hold_s: Any, duration_s: Any, each_side: bool, rest_s: Any, tempo: Any) -> Dose:
    # Rows were validated when written: set the fields without validating them again.
    dose = object.__new__(Dose)
    for name, value in (
        ("sets", sets),
        ("reps", reps),
        ("hold_s", hold_s),
        ("duration_s", duration_s),
        ("each_side", each_side),
        ("rest_s", rest_s),
        ("tempo", tempo),
    ):
        object.__setattr__(dose, name, value)
    return dose


def list_summaries(db: Database) -> list[ExerciseSummary]:
    """Every exercise of the library as the Library table lists it, in the database's order (name, id).

    One query of the listed columns and the stored search text; no `Exercise` is built. From a file, the
    summaries are light: their details are read when wanted (`fill_details`).
    """
    shared: dict[Any, Any] = {}  # equal list texts and doses of different rows: one object
    # Read from the covering index ix_exercise_listing (migration 0006), already in (name, id) order: the table's
    # wide rows (instructions, drawing) are never read, and nothing is sorted.
    listing = _Listing(db)
    rows = _sqlite_rows(db, f"SELECT {', '.join(_LIGHT_COLUMNS)} FROM exercise ORDER BY name, id", build=listing.light)
    if rows is not None:
        return rows
    from sqlalchemy import Text, select, type_coerce

    table = _table()
    columns = [type_coerce(table.c[name], Text) if name in _LIST_FIELDS else table.c[name] for name in _SUMMARY_COLUMNS]
    with db.engine.connect() as engine_conn:
        rows = engine_conn.execute(select(*columns).order_by(table.c.name, table.c.id))
        return [ExerciseSummary(tuple(row), shared) for row in rows]


def _exercises_from_tuples(rows: Iterable[Sequence[Any]]) -> list[Exercise]:
    lists = [i for i, k in enumerate(_EXERCISE_COLUMNS) if k in _LIST_FIELDS]
    out = []
    for raw in rows:
        values = list(raw)
        for i in lists:
            values[i] = _json_list(values[i])
        out.append(row_to_exercise(dict(zip(_EXERCISE_COLUMNS, values, strict=True))))
    return out


def _table() -> Any:
    from planner.store.tables import ExerciseRow

    return ExerciseRow.__table__


def _read_exercises(db: Database, *, category: str | None = None, exercise_id: str | None = None) -> list[Exercise]:
    """Exercises by name and id, all of them or one category's or one id's; sqlite3 alone for a file database."""
    where, params = ("WHERE category = ?", (category,)) if category else ("", ())
    if exercise_id is not None:
        where, params = "WHERE id = ?", (exercise_id,)
    rows = _sqlite_rows(db, f"SELECT {', '.join(_EXERCISE_COLUMNS)} FROM exercise {where} ORDER BY name, id", params)
    if rows is not None:
        return _exercises_from_tuples(rows)
    from sqlalchemy import Text, select, type_coerce

    table = _table()
    # The list columns are read as their JSON text and decoded here: SQLAlchemy's per-value JSON
    # processing and RowMapping lookups were most of the time of loading 10,000 exercises.
    columns = [type_coerce(table.c[k], Text).label(k) if k in _LIST_FIELDS else table.c[k] for k in _EXERCISE_COLUMNS]
    query = select(*columns).order_by(table.c.name, table.c.id)
    if category:
        query = query.where(table.c.category == category)
    if exercise_id is not None:
        query = query.where(table.c.id == exercise_id)
    with db.engine.connect() as conn:
        return _exercises_from_tuples(tuple(row) for row in conn.execute(query))


def list_exercises(
    db: Database,
    *,
    search: str | None = None,
    category: str | None = None,
    condition: str | None = None,
    equipment: str | None = None,
) -> list[Exercise]:
    """The library sorted by name, filtered by text (name, id, aliases), category, condition, equipment."""
    exercises = _read_exercises(db, category=category)
    if search:
        exercises = [e for e in exercises if e.matches(search)]
    if condition:
        exercises = [e for e in exercises if condition in e.conditions]
    if equipment:
        exercises = [e for e in exercises if equipment in e.equipment or equipment in e.optional_equipment]
    return exercises


def get_exercise(db: Database, exercise_id: str) -> Exercise | None:
    """The exercise with this id, or None."""
    found = _read_exercises(db, exercise_id=exercise_id)
    return found[0] if found else None


def existing_ids(db: Database) -> set[str]:
    from sqlalchemy import select

    with db.engine.connect() as conn:
        return {r[0] for r in conn.execute(select(_table().c.id))}


def unique_id(wanted: str, taken: Iterable[str]) -> str:
    """`wanted` as a slug, with -2, -3 ... appended until no exercise has it."""
    taken = set(taken)
    base = slugify(wanted)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def add_custom_exercise(db: Database, exercise: Exercise) -> Exercise:
    """Store a coach's new exercise under an id of its own (never a built-in's id)."""
    from sqlalchemy import insert

    new = replace(exercise, id=unique_id(exercise.id or exercise.name, existing_ids(db)), builtin=False, edited=False)
    with db.engine.begin() as conn:
        conn.execute(insert(_table()).values(**exercise_to_row_values(new), updated_by=db.who))
    return new


# -- saves that may meet another coach's change ----------------------------------------------------------
# `expected` is the exercise as the coach saw it when they started (the editor's "before"). When the row says
# otherwise, another coach saved (or deleted) it meanwhile: EditConflict, and nothing is written.


def _locked_row(conn: Any, exercise_id: str) -> Any:
    from sqlalchemy import select

    table = _table()
    # FOR UPDATE on PostgreSQL: a second coach's save waits for this one, then sees what it wrote.
    return conn.execute(select(table).where(table.c.id == exercise_id).with_for_update()).mappings().first()


def _check_expected(row: Any, exercise_id: str, expected: Exercise | None) -> None:
    from planner.domain.conflict import ChangedBy, EditConflict

    if not isinstance(expected, Exercise):
        return  # nothing to compare with (None, or a summary the caller had not loaded whole)
    what = f"The exercise {expected.name!r}"
    if row is None:
        raise EditConflict("exercise", exercise_id, what, None)
    if not _same_content(row_to_exercise(row), expected):
        theirs = ChangedBy(who=row["updated_by"] or "", when=row["updated_at"], version=int(row["version"]))
        raise EditConflict("exercise", exercise_id, what, theirs)


def _update_row(conn: Any, db: Database, row: Any, values: Mapping[str, Any]) -> None:
    """UPDATE the row at the version it was read at, one version on (what version_id_col does for the ORM)."""
    from sqlalchemy import update

    from planner.domain.conflict import ChangedBy, EditConflict

    table = _table()
    changes = dict(values) | {
        "updated_at": dt.datetime.now(dt.UTC),
        "updated_by": db.who,
        "version": row["version"] + 1,
    }
    result = conn.execute(
        update(table).where(table.c.id == row["id"], table.c.version == row["version"]).values(**changes)
    )
    if result.rowcount != 1:
        what = f"The exercise {row['name']!r}"
        raise EditConflict("exercise", row["id"], what, ChangedBy(who="", when=None, version=0))


def update_exercise(db: Database, exercise: Exercise, *, expected: Exercise | None = None) -> Exercise:
    """Save changes to an existing exercise; a changed built-in is marked edited so updates spare it.

    With `expected` (the exercise as the coach opened it), refused with EditConflict when another coach
    changed or deleted it since.
    """
    with db.engine.begin() as conn:
        row = _locked_row(conn, exercise.id)
        _check_expected(row, exercise.id, expected)
        if row is None:
            raise BadInput(f"no exercise with id {exercise.id!r}")
        before = row_to_exercise(row)
        saved = replace(exercise, builtin=before.builtin, edited=before.builtin or before.edited)
        if saved == replace(before, edited=saved.edited):
            saved = before  # nothing changed: keep the built-in's marker as it was
        _update_row(conn, db, row, exercise_to_row_values(saved))
    return saved


def delete_exercise(db: Database, exercise_id: str, *, expected: Exercise | None = None) -> Exercise:
    """Delete a custom exercise and return it (for undo); built-ins cannot be deleted.

    With `expected`, refused with EditConflict when another coach changed it since.
    """
    from sqlalchemy import delete

    with db.engine.begin() as conn:
        row = _locked_row(conn, exercise_id)
        _check_expected(row, exercise_id, expected)
        if row is None:
            raise BadInput(f"no exercise with id {exercise_id!r}")
        before = row_to_exercise(row)
        if before.builtin:
            raise BadInput(f"{before.name!r} is part of the built-in library and cannot be deleted; edit it instead")
        conn.execute(delete(_table()).where(_table().c.id == exercise_id))
    return before


def restore_exercise(
    db: Database, exercise: Exercise, *, expected: Exercise | None = None, uuid: str | None = None
) -> None:
    """Put back an exercise exactly as it was (undo of a delete or an edit); an existing row keeps its UUID,
    a deleted one comes back under `uuid` (its old one, from `exercise_uuid`) when given.

    With `expected` (what the undone change wrote), refused with EditConflict when another coach changed
    the exercise since: an undo never writes over a newer edit of someone else.
    """
    from sqlalchemy import insert

    with db.engine.begin() as conn:
        row = _locked_row(conn, exercise.id)
        _check_expected(row, exercise.id, expected)
        if row is None:
            same_row = {"uuid": uuid} if uuid else {}
            conn.execute(insert(_table()).values(**exercise_to_row_values(exercise), updated_by=db.who, **same_row))
        else:
            _update_row(conn, db, row, exercise_to_row_values(exercise))


def exercise_uuid(db: Database, exercise_id: str) -> str | None:
    """The exercise row's UUID (None: no such exercise): what an undo of its delete puts back."""
    from sqlalchemy import select

    with db.engine.connect() as conn:
        return conn.execute(select(_table().c.uuid).where(_table().c.id == exercise_id)).scalar()


@dataclass(frozen=True, slots=True)
class WriteReport:
    added: int = 0
    updated: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.skipped} skipped"


def write_exercises(
    db: Database,
    exercises: Sequence[Exercise],
    *,
    mark_edited: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> WriteReport:
    """Add new exercises and update changed ones in ONE transaction; identical ones are skipped.

    An imported change to a built-in marks it edited (so a later release will not overwrite it).
    `cancelled()` returning True rolls everything back (raises BadInput "import cancelled").
    """
    from sqlalchemy import insert, select, update

    table = _table()
    added = updated = skipped = 0
    total = len(exercises)
    with db.engine.begin() as conn:
        current = {r["id"]: row_to_exercise(r) for r in conn.execute(select(table)).mappings()}
        for i, ex in enumerate(exercises):
            if cancelled is not None and cancelled():
                raise BadInput("import cancelled; nothing was changed")
            before = current.get(ex.id)
            if before is None:
                conn.execute(insert(table).values(**exercise_to_row_values(ex), updated_by=db.who))
                current[ex.id] = ex
                added += 1
            elif _same_content(before, ex):
                skipped += 1
            else:
                new = replace(ex, builtin=before.builtin, edited=before.edited or (before.builtin and mark_edited))
                changes = exercise_to_row_values(new) | {"updated_by": db.who, "version": table.c.version + 1}
                conn.execute(update(table).where(table.c.id == ex.id).values(**changes))
                current[ex.id] = new
                updated += 1
            if progress is not None and (i % 50 == 0 or i == total - 1):
                progress(i + 1, total)
    return WriteReport(added=added, updated=updated, skipped=skipped)


def _same_content(a: Exercise, b: Exercise) -> bool:
    # The markers describe where a row came from, not what it says; compare what it says.
    return replace(a, builtin=False, edited=False) == replace(b, builtin=False, edited=False)


def sync_builtin_library(db: Database, shipped: Sequence[Exercise] | None = None) -> dict[str, int]:
    """Insert missing built-ins and refresh unedited ones from the shipped file; edited ones are kept.

    Every start asks; the answer is almost always "nothing to do". A file database remembers the fingerprint
    of the shipped library it was last brought up to (SQLite's user_version), so a start whose fingerprint
    matches reads one number instead of every row ({"current": 1} and zero counts). An explicit `shipped`
    list always syncs.
    """
    from planner.store.seed import builtin_exercises, builtin_fingerprint

    fingerprint = builtin_fingerprint() if shipped is None else None
    if fingerprint is not None and _stored_fingerprint(db) == fingerprint:
        return {"added": 0, "refreshed": 0, "kept_edited": 0, "current": 1}
    from sqlalchemy import insert, select, update

    shipped = builtin_exercises() if shipped is None else shipped
    table = _table()
    added = refreshed = kept = 0
    with db.engine.begin() as conn:
        rows = {
            r["id"]: r
            for r in conn.execute(select(table.c.id, table.c.builtin, table.c.edited, table.c.updated_at)).mappings()
        }
        current = None
        for ex in shipped:
            row = rows.get(ex.id)
            if row is None:
                conn.execute(insert(table).values(**exercise_to_row_values(replace(ex, builtin=True))))
                added += 1
                continue
            if not row["builtin"] or row["edited"]:
                kept += 1  # the coach's own version wins over the shipped one
                continue
            if current is None:
                current = {
                    r["id"]: row_to_exercise(r)
                    for r in conn.execute(select(table).where(table.c.builtin.is_(True))).mappings()
                }
            if not _same_content(current[ex.id], ex):
                refreshed_values = exercise_to_row_values(replace(ex, builtin=True)) | {"version": table.c.version + 1}
                conn.execute(update(table).where(table.c.id == ex.id).values(**refreshed_values))
                refreshed += 1
        if fingerprint is not None and conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA user_version = {int(fingerprint)}")  # in the same transaction
    return {"added": added, "refreshed": refreshed, "kept_edited": kept}


def _stored_fingerprint(db: Database) -> int | None:
    """The shipped library's fingerprint a file database was last synced to (0: never), or None (a server)."""
    rows = _sqlite_rows(db, "PRAGMA user_version")
    return int(rows[0][0]) if rows else None
