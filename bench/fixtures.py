"""The benchmark's database: N exercises and M athletes, written once per run through the store.

The exercises are the shipped library plus numbered variants of it (new ids and names, same
content), so the window, the filter and the scheduler see rows shaped like real ones.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

VARIANTS = (
    "slow",
    "paused",
    "banded",
    "tempo",
    "isometric",
    "eccentric",
    "single-leg",
    "wide",
    "narrow",
    "elevated",
    "deficit",
    "weighted",
    "supported",
    "alternating",
)


@dataclass(frozen=True, slots=True)
class Fixture:
    """Where the benchmark database lives and what it holds."""

    db_path: Path
    exercises: int
    athletes: int
    build_s: float


def library_variants(total: int) -> list:
    """`total` exercises: the built-ins first, then numbered variants of them."""
    from planner.store.seed import builtin_exercises

    builtins = list(builtin_exercises())
    out = builtins[:total]
    i = 0
    while len(out) < total:
        base = builtins[i % len(builtins)]
        word = VARIANTS[(i // len(builtins)) % len(VARIANTS)]
        out.append(
            replace(
                base,
                id=f"{base.id}-{word}-{i}",
                name=f"{base.name} ({word} {i})",
                aliases=(*base.aliases, f"{word} {base.name.lower()}"),
                builtin=False,
                edited=False,
            )
        )
        i += 1
    return out


def roster(count: int) -> list:
    """`count` athletes: the demo runner under different names."""
    from planner.export.demo import demo_athlete

    demo = demo_athlete()
    return [replace(demo, name=f"Runner {i + 1:03d}") for i in range(count)]


def build_database(folder: Path, *, exercises: int, athletes: int) -> Fixture:
    """Create `folder`/bench.db with `exercises` exercises and `athletes` athletes."""
    from sqlalchemy import insert

    from planner.store.athletes import add_athlete
    from planner.store.database import open_database
    from planner.store.exercises import _table, exercise_to_row_values

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.db"
    t = time.perf_counter()
    db = open_database(path)  # creates the schema and seeds the built-ins
    try:
        # One executemany instead of write_exercises' statement per row: the same rows, 50,000 in seconds
        # rather than minutes (`--quick` has ten minutes for everything).
        table = _table()
        with db.engine.begin() as conn:
            have = {row[0] for row in conn.execute(table.select().with_only_columns(table.c.id))}
            rows = [exercise_to_row_values(ex) for ex in library_variants(exercises) if ex.id not in have]
            if rows:
                conn.execute(insert(table), rows)
        for athlete in roster(athletes):
            add_athlete(db, athlete)
    finally:
        db.close()
    return Fixture(db_path=path, exercises=exercises, athletes=athletes, build_s=time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    """`python bench/fixtures.py DIR EXERCISES ATHLETES`: build the database, print its path and build time."""
    import json
    import sys

    repo = str(Path(__file__).resolve().parent.parent)
    if repo not in sys.path:
        sys.path.insert(0, repo)
    args = sys.argv[1:] if argv is None else argv
    fixture = build_database(Path(args[0]), exercises=int(args[1]), athletes=int(args[2]))
    print(json.dumps({"db_path": str(fixture.db_path), "build_s": fixture.build_s}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
