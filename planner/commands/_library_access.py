"""How commands get the exercise library: from the database the user chose."""

from __future__ import annotations

import argparse

from planner.domain.exercise import Exercise


def load_library(args: argparse.Namespace) -> list[Exercise]:
    """Every exercise of the database named by --db (or the default one), built-ins included."""
    from planner.store.database import open_database
    from planner.store.exercises import list_exercises

    db = open_database(getattr(args, "db", None))
    try:
        return list_exercises(db)
    finally:
        db.close()
