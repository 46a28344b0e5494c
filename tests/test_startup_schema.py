"""The schema check at every open reads a plain table of columns; it must say what the sqlmodel tables say."""

from __future__ import annotations

from planner.store.schema_columns import EXPECTED_COLUMNS


def test_the_plain_column_table_matches_the_sqlmodel_tables() -> None:
    from sqlmodel import SQLModel

    import planner.store.tables  # noqa: F401  (registers the tables on the metadata)

    from_models = {t.name: frozenset(c.name for c in t.columns) for t in SQLModel.metadata.sorted_tables}
    # On a difference: a column was added to (or taken from) planner/store/tables.py; write the same change into
    # planner/store/schema_columns.py, which the open checks a file against without importing the ORM.
    assert dict(EXPECTED_COLUMNS) == from_models
