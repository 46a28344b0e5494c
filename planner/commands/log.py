"""`stride-planner log import FILE --athlete NAME_OR_ID` and `log export --athlete NAME_OR_ID --out FILE`.

The log of an athlete in the database, the same the window's log grid writes. Files are JSON (the athlete
file's `log`) or CSV (columns in planner.store.log_files); the suffix .csv chooses CSV.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.store.athletes import StoredAthlete
    from planner.store.engine import Database


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("log", help="import or export an athlete's training log (JSON or CSV)")
    actions = parser.add_subparsers(dest="log_action", metavar="ACTION", required=True)

    importing = actions.add_parser(
        "import",
        help="add a training log file to an athlete's log (all or nothing)",
        description="Entries replace those of the same day, exercise and side. A bad row imports nothing.",
    )
    importing.add_argument("file", metavar="FILE.json|FILE.csv")
    importing.add_argument("--athlete", required=True, metavar="NAME_OR_ID", help="athlete name or id in the database")
    importing.set_defaults(run=run_import)

    exporting = actions.add_parser("export", help="write an athlete's training log as JSON or CSV")
    exporting.add_argument("--athlete", required=True, metavar="NAME_OR_ID", help="athlete name or id in the database")
    exporting.add_argument("--out", required=True, metavar="FILE.json|FILE.csv")
    exporting.set_defaults(run=run_export)


def find_athlete(db: Database, name_or_id: str) -> StoredAthlete:
    """The athlete with this id, or this name (ignoring case); BadInput when none or several match."""
    from planner.domain.errors import BadInput, shown
    from planner.store import athletes

    everyone = athletes.list_athletes(db)
    text = name_or_id.strip()
    if text.isdigit():
        for stored in everyone:
            if stored.id == int(text):
                return stored
    found = [a for a in everyone if a.athlete.name.casefold() == text.casefold()]
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(str(a.id) for a in found)
        raise BadInput(
            f"{len(found)} athletes are called {shown(text)}; give the id instead ({ids})", field="--athlete"
        )
    raise BadInput(f"no athlete called {shown(text)} (or with that id) in the database", field="--athlete")


def run_import(args: argparse.Namespace) -> int:
    from planner.store.database import open_database
    from planner.store.exercises import list_exercises
    from planner.store.log_files import read_log_file
    from planner.store.training_log import log_entries, replace_entries

    db = open_database(args.db)
    try:
        stored = find_athlete(db, args.athlete)
        now = {e.key: e for e in log_entries(db, stored.id)}
        entries = read_log_file(args.file, {e.id for e in list_exercises(db)})
        before = set(now)
        # One transaction, all or nothing; an entry another coach wrote since it was read above stops the import
        # (EditConflict: exit 2, one line), so "new" and "replaced" below stay true and nothing of theirs is lost.
        replace_entries(db, stored.id, (), entries, expected={e.key: now.get(e.key) for e in entries})
    finally:
        db.close()
    replaced = sum(1 for e in entries if e.key in before)
    print(
        f"Imported {len(entries)} log entries for {stored.athlete.name} "
        f"({len(entries) - replaced} new, {replaced} replaced)"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from planner.store.database import open_database
    from planner.store.log_files import write_log_file
    from planner.store.training_log import log_entries

    db = open_database(args.db)
    try:
        stored = find_athlete(db, args.athlete)
        entries = log_entries(db, stored.id)
    finally:
        db.close()
    write_log_file(args.out, entries, stored.athlete.name)
    print(f"Wrote {len(entries)} log entries of {stored.athlete.name} to {args.out}")
    return 0
