"""How commands get the exercise library: from the database the user chose."""

from __future__ import annotations

import argparse

from planner.domain.exercise import Exercise


def load_library(args: argparse.Namespace) -> list[Exercise]:
    """Every exercise of the database named by --db (or the default one), built-ins included."""
    # The store lands in the next commit; until then the shipped library stands in.
    from planner.store.seed import builtin_exercises

    return list(builtin_exercises())
