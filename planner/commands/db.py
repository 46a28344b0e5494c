"""`stride-planner db copy --from URL --to URL` and `db check [URL]`: moving a database, testing a connection.

URL is a file path (SQLite) or postgresql://user@host[:port]/dbname (the password from ~/.pgpass or PGPASSFILE).
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help="copy a whole database (file <-> PostgreSQL server), or test a connection")
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)

    copying = actions.add_parser(
        "copy",
        help="copy every row of one database into a new, empty one (all or nothing)",
        description="Ids and UUIDs are kept; every row is read back and checked before the copy is kept. "
        "The source is only read, never upgraded (a source from an older version is upgraded in the copy). "
        "The target must be new or empty. Example: db copy --from ~/coach.db --to postgresql://anna@club/stride",
    )
    copying.add_argument("--from", dest="source", required=True, metavar="URL_OR_PATH", help="database to copy")
    copying.add_argument("--to", dest="target", required=True, metavar="URL_OR_PATH", help="new or empty database")
    copying.set_defaults(run=run_copy)

    checking = actions.add_parser(
        "check",
        help="open a database (default: --db) and say what it is: server, role, schema",
        description="The same check as Preferences ▸ Database ▸ Test connection; it upgrades nothing.",
    )
    checking.add_argument("url", nargs="?", metavar="URL_OR_PATH", help="database to check (default: --db)")
    checking.set_defaults(run=run_check)


def run_copy(args: argparse.Namespace) -> int:
    from planner.domain.errors import BadInput
    from planner.store.copy import copy_database
    from planner.store.database import display_target, resolve_target

    if resolve_target(args.source)[0] == resolve_target(args.target)[0]:
        raise BadInput("--from and --to are the same database; nothing was copied", field="--to")
    report = copy_database(args.source, args.target)
    print(f"{display_target(args.source)} -> {display_target(args.target)}: {report}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from planner.store.connection import describe_connection

    print(describe_connection(args.url or args.db))
    return 0
