"""`stride-planner library list|import|export|draw`."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from planner.domain.exercise import CONDITIONS

    parser = sub.add_parser("library", help="list, import or export the exercise library")
    actions = parser.add_subparsers(dest="library_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list exercises")
    listing.add_argument("--search", metavar="TEXT", help="match name, id or alias")
    listing.add_argument("--category", choices=("strength", "isometric", "mobility", "foam-roll", "gait", "plyometric"))
    listing.add_argument(
        "--condition",
        choices=CONDITIONS,
        metavar="ID",
        help=f"only exercises serving this condition ({', '.join(CONDITIONS)})",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array of exercise objects")
    listing.set_defaults(run=run_list)

    importing = actions.add_parser("import", help="import exercises from a file (all or nothing)")
    importing.add_argument("file")
    importing.add_argument("--format", default="auto", choices=("auto", "native", "free-exercise-db"))
    importing.set_defaults(run=run_import)

    exporting = actions.add_parser("export", help="write the library as native JSON")
    exporting.add_argument("file")
    exporting.set_defaults(run=run_export)

    drawing = actions.add_parser("draw", help="write an exercise's drawing (start and end) as SVG or PNG")
    drawing.add_argument("id", metavar="ID", help="exercise id, e.g. side-lying-clamshell")
    drawing.add_argument("--out", required=True, metavar="FILE.svg|FILE.png")
    drawing.add_argument(
        "--side", choices=("left", "right"), help="the side to show for a one-sided exercise (mirrors the drawing)"
    )
    drawing.set_defaults(run=run_draw)


def run_list(args: argparse.Namespace) -> int:
    import json

    from planner.store.database import open_database
    from planner.store.exercises import list_exercises

    db = open_database(args.db)
    try:
        exercises = list_exercises(db, search=args.search, category=args.category, condition=args.condition)
    finally:
        db.close()
    if args.json:
        print(json.dumps([e.to_dict() for e in exercises], ensure_ascii=False, indent=2))
        return 0
    width = max((len(e.id) for e in exercises), default=10)
    for e in exercises:
        print(f"{e.id:<{width}}  {e.category.value:<10}  {e.name}  —  {e.dose.describe()}")
    print(f"{len(exercises)} exercise{'s' if len(exercises) != 1 else ''}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from planner.store.database import open_database
    from planner.store.library_io import read_library_file, write_library

    exercises = read_library_file(args.file, args.format)  # validated before the database is even opened
    db = open_database(args.db)
    try:
        report = write_library(db, exercises)
    finally:
        db.close()
    print(f"Imported {args.file}: {report}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from planner.store.database import open_database
    from planner.store.library_io import export_library_file

    db = open_database(args.db)
    try:
        count = export_library_file(db, args.file)
    finally:
        db.close()
    print(f"Wrote {count} exercises to {args.file}")
    return 0


DRAW_FORMATS = (".svg", ".png")
DRAW_WIDTH = 900  # pixels: sharp on a screen, small on disk


def run_draw(args: argparse.Namespace) -> int:
    """Write the drawing of exercise ID: SVG text or a PNG picture, chosen by the file's extension."""
    from pathlib import Path

    from planner import atomic
    from planner.domain.errors import BadInput
    from planner.export.drawing import drawing_png, drawing_svg, exercise_drawing
    from planner.store.database import open_database
    from planner.store.exercises import get_exercise

    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in DRAW_FORMATS:
        raise BadInput(f"expected a file name ending in {' or '.join(DRAW_FORMATS)}, got {out.name!r}", source="--out")
    db = open_database(args.db)
    try:
        exercise = get_exercise(db, args.id)
    finally:
        db.close()
    if exercise is None:
        raise BadInput(f"no exercise with id {args.id!r}; `stride-planner library list` shows the ids")
    drawing = exercise_drawing(exercise, args.side)
    if drawing is None:
        raise BadInput(f"{exercise.name!r} has no drawing; pick one in the window's exercise editor")
    try:
        if kind == ".svg":
            atomic.write_text(out, drawing_svg(drawing, DRAW_WIDTH, title=exercise.name))
        else:
            atomic.write_bytes(out, drawing_png(drawing, DRAW_WIDTH))
    except atomic.CannotWrite as exc:
        raise BadInput(exc.reason, source=str(out)) from None
    side = f" ({drawing.side} side)" if drawing.side else ""
    print(f"Wrote the drawing of {exercise.name}{side} to {out}")
    return 0
