"""the Library's listing read from an index: ix_exercise_listing (SQLite)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-12 09:00:00

The Library lists every exercise by (name, id) with 18 short columns, while a row also holds its instructions,
cues and drawing (about 1.8 KB each). Reading the listing from the table walked every page of it (92 MB at
50,000 exercises: ~260 ms) and sorted it; a covering index in listing order holds only the listed columns
(about 18 MB there) and needs no sort; it also holds each row's version and updated_at, so the plan rebuilds' check
that the library is unchanged reads it instead of the table. SQLite only: PostgreSQL cannot index its json type
(and a server reads the listing through its own planner anyway). No data changes; downgrade drops the index.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTING_COLUMNS = (
    "name",
    "id",
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
    # Not listed, but the plan rebuilds' check that the library is unchanged (planner.store.library_cache) sums
    # them over every row: in the index, that check reads it too instead of the table (64 -> 31 ms at 50,000).
    "version",
    "updated_at",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_exercise_listing", "exercise", list(LISTING_COLUMNS))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_exercise_listing", table_name="exercise")
