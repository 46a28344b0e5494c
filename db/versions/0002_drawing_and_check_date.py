"""exercise drawings and the date of an athlete's symptom check

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 13:45:00

- exercise.drawing: the id of the built-in pose pair the exercise is drawn with, or NULL for no drawing.
- athlete.wizard_checked_on: the day of the athlete's latest symptom check; the plan's corrective block
  and any hold start on that day, never before it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("exercise") as batch:
        batch.add_column(sa.Column("drawing", sa.String(), nullable=True))
    # Built-ins are drawn with their own id. The library sync refreshes unedited built-ins; one a coach
    # edited is never overwritten by the sync, so it gets its drawing here.
    # Written with SQLAlchemy, not as SQL text: `builtin = 1` is no boolean test on PostgreSQL.
    exercise = sa.table("exercise", sa.column("id"), sa.column("drawing"), sa.column("builtin", sa.Boolean()))
    op.execute(
        exercise.update()
        .where(exercise.c.builtin.is_(True), exercise.c.drawing.is_(None))
        .values(drawing=exercise.c.id)
    )
    with op.batch_alter_table("athlete") as batch:
        batch.add_column(sa.Column("wizard_checked_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("athlete") as batch:
        batch.drop_column("wizard_checked_on")
    with op.batch_alter_table("exercise") as batch:
        batch.drop_column("drawing")
