"""The tables and columns of the current schema, as plain data: what a file at the head revision must hold.

Opening a database checks its columns against this table, so a normal start reads no ORM (importing sqlmodel,
SQLAlchemy and pydantic costs about as much as the rest of the start-up). tests/test_startup_schema.py
compares it with the sqlmodel tables (planner.store.tables), so the two cannot drift: a new column goes into both.
"""

from __future__ import annotations

from collections.abc import Mapping

EXPECTED_COLUMNS: Mapping[str, frozenset[str]] = {
    "athlete": frozenset(
        {
            "created_at",
            "equipment",
            "id",
            "level",
            "mileage",
            "name",
            "note",
            "updated_at",
            "updated_by",
            "uuid",
            "version",
            "week",
            "week_overrides",
            "wizard_answers",
            "wizard_checked_on",
        }
    ),
    "exercise": frozenset(
        {
            "aliases",
            "builtin",
            "category",
            "conditions",
            "cues",
            "dose_is_default",
            "drawing",
            "duration_s",
            "each_side",
            "easier",
            "edited",
            "equipment",
            "harder",
            "hold_s",
            "id",
            "instructions",
            "license",
            "name",
            "optional_equipment",
            "reps",
            "rest_s",
            "search_text",
            "sets",
            "source",
            "tags",
            "targets",
            "tempo",
            "updated_at",
            "updated_by",
            "uuid",
            "version",
        }
    ),
    "calendar_event": frozenset({"athlete_id", "cancelled", "date", "digest", "id", "sequence", "summary", "uid"}),
    "dose_edit": frozenset(
        {"athlete_id", "data", "exercise_id", "id", "session_key", "updated_at", "updated_by", "uuid", "version"}
    ),
    "phase_range": frozenset({"athlete_id", "end", "id", "phase", "start"}),
    "plan": frozenset({"athlete_id", "data", "generated_at", "id", "start", "updated_by", "uuid", "version", "weeks"}),
    "race": frozenset({"athlete_id", "date", "id", "name", "priority", "updated_by", "uuid", "version"}),
    "training_log": frozenset(
        {
            "athlete_id",
            "date",
            "done",
            "exercise_id",
            "id",
            "note",
            "pain_during",
            "pain_next_morning",
            "rpe",
            "session_key",
            "sets_done",
            "side",
            "updated_at",
            "updated_by",
            "uuid",
            "version",
        }
    ),
}
