"""the training log, and what the window's last calendar export said of each session

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00

- training_log: one row per athlete, day, exercise and side (side "" for an exercise done once or logged
  for both sides): sets done, pain during (0-10), pain the next morning and effort (RPE) when written
  down, done or missed, a note. Deleted with the athlete.
- calendar_event: per athlete and session UID the SEQUENCE and a digest of what the last calendar
  export said, so the next export raises SEQUENCE only where a session changed and cancels the ones
  that are gone (a coach may save each export to a new file, so the file cannot be the memory).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("session_key", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("exercise_id", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("sets_done", sa.Integer(), nullable=False),
        sa.Column("pain_during", sa.Integer(), nullable=False),
        sa.Column("pain_next_morning", sa.Integer(), nullable=True),
        sa.Column("rpe", sa.Integer(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "date", "exercise_id", "side"),
    )
    with op.batch_alter_table("training_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_log_athlete_id"), ["athlete_id"], unique=False)
    op.create_table(
        "calendar_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "uid"),
    )
    with op.batch_alter_table("calendar_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_event_athlete_id"), ["athlete_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("calendar_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_event_athlete_id"))
    op.drop_table("calendar_event")
    with op.batch_alter_table("training_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_log_athlete_id"))
    op.drop_table("training_log")
