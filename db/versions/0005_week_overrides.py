"""one week's runs changed by the coach: athlete.week_overrides

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10 09:00:00

- athlete.week_overrides: JSON {Monday ISO date: {day: kind}} (planner.domain.athlete.Athlete.week_overrides).
  Nullable: NULL and {} both mean "every week is the usual week", so existing rows need no backfill.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("athlete") as batch:
        batch.add_column(sa.Column("week_overrides", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("athlete") as batch:
        batch.drop_column("week_overrides")
