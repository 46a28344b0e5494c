"""Persistence: sqlmodel tables, migrations, repositories, shipped data and file import/export."""
