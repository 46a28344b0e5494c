"""initial schema: exercises, athletes, races, phases, plans, dose edits

Revision ID: 0001
Revises:
Create Date: 2026-11-21 09:11:32.122034
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "athlete",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("week", sa.JSON(), nullable=False),
        sa.Column("mileage", sa.JSON(), nullable=True),
        sa.Column("wizard_answers", sa.JSON(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("athlete", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_athlete_name"), ["name"], unique=False)

    op.create_table(
        "exercise",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("search_text", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("optional_equipment", sa.JSON(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("instructions", sa.JSON(), nullable=False),
        sa.Column("cues", sa.JSON(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("hold_s", sa.Integer(), nullable=True),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("each_side", sa.Boolean(), nullable=False),
        sa.Column("rest_s", sa.Integer(), nullable=True),
        sa.Column("tempo", sa.String(), nullable=True),
        sa.Column("easier", sa.String(), nullable=True),
        sa.Column("harder", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("license", sa.String(), nullable=True),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("dose_is_default", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_builtin"), ["builtin"], unique=False)
        batch_op.create_index(batch_op.f("ix_exercise_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_exercise_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_exercise_search_text"), ["search_text"], unique=False)

    op.create_table(
        "dose_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("session_key", sa.String(), nullable=False),
        sa.Column("exercise_id", sa.String(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "session_key", "exercise_id"),
    )
    with op.batch_alter_table("dose_edit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dose_edit_athlete_id"), ["athlete_id"], unique=False)

    op.create_table(
        "phase_range",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("phase", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("phase_range", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phase_range_athlete_id"), ["athlete_id"], unique=False)

    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("generated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id"),
    )
    op.create_table(
        "race",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("priority", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("race", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_race_athlete_id"), ["athlete_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("race", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_race_athlete_id"))

    op.drop_table("race")
    op.drop_table("plan")
    with op.batch_alter_table("phase_range", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phase_range_athlete_id"))

    op.drop_table("phase_range")
    with op.batch_alter_table("dose_edit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dose_edit_athlete_id"))

    op.drop_table("dose_edit")
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_search_text"))
        batch_op.drop_index(batch_op.f("ix_exercise_name"))
        batch_op.drop_index(batch_op.f("ix_exercise_category"))
        batch_op.drop_index(batch_op.f("ix_exercise_builtin"))

    op.drop_table("exercise")
    with op.batch_alter_table("athlete", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_athlete_name"))

    op.drop_table("athlete")
