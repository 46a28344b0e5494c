"""a version, a stable UUID and the last writer on every row a coach edits (club mode)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:00:00

- version: SQLAlchemy's version_id_col. A save says which version it started from; when another coach's save
  got there first the store refuses it with a conflict instead of overwriting (several coaches, one server).
- uuid: the row's identity for ever, across `db copy` between SQLite and PostgreSQL (unique index ix_<table>_uuid).
- updated_by: who saved last (the PostgreSQL role, or the computer's user for a file), named in a conflict.
Tables: exercise, athlete, race, plan, dose_edit, training_log. Existing rows get version 1 and a fresh UUID.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("exercise", "athlete", "race", "plan", "dose_edit", "training_log")


def upgrade() -> None:
    bind = op.get_bind()
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
            batch.add_column(sa.Column("uuid", sa.String(length=36), nullable=True))
            batch.add_column(sa.Column("updated_by", sa.String(), server_default="", nullable=False))
        # Filled here, not by the server: SQLite has no UUID function, and both must give the same kind of value.
        table = sa.table(name, sa.column("id"), sa.column("uuid"))
        ids = [row[0] for row in bind.execute(sa.select(table.c.id))]
        for row_id in ids:
            bind.execute(table.update().where(table.c.id == row_id).values(uuid=str(uuid.uuid4())))
        with op.batch_alter_table(name) as batch:
            batch.alter_column("uuid", existing_type=sa.String(length=36), nullable=False)
            batch.create_index(f"ix_{name}_uuid", ["uuid"], unique=True)


def downgrade() -> None:
    for name in reversed(TABLES):
        with op.batch_alter_table(name) as batch:
            batch.drop_index(f"ix_{name}_uuid")
            batch.drop_column("updated_by")
            batch.drop_column("uuid")
            batch.drop_column("version")
