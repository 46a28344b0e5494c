"""The headless door: `stride-planner COMMAND ...`, and the window when no command is given."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from typing import NoReturn

from planner import __version__
from planner.domain.errors import BadInput

# Sub-command modules in planner.commands, in the order `--help` lists them.
COMMANDS: tuple[str, ...] = ("library", "wizard", "plan", "export_pdf", "export_ics", "log", "db", "demo")
VIEWS: tuple[str, ...] = ("library", "athletes", "plan", "wizard", "export")


def window_size(text: str) -> tuple[int, int]:
    """`--size 1024x640` as (1024, 640); anything else is a usage error (exit 2, one line)."""
    width, sep, height = text.lower().partition("x")
    size = (int(width), int(height)) if sep and width.isdigit() and height.isdigit() else None
    if size is None or not all(200 <= side <= 10_000 for side in size):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT in pixels, e.g. 1024x640, got {text!r}")
    return size


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; without `commands`, only the window's options (no command module imported)."""
    parser = argparse.ArgumentParser(
        prog="stride-planner",
        description="Strength, corrective and mobility work placed around a runner's season.",
    )
    parser.add_argument("--version", action="version", version=f"stride-planner {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="database to use: an SQLite file, or postgresql://user@host[:port]/dbname (password from ~/.pgpass); "
        "default: STRIDE_PLANNER_DB or a file in the user data folder",
    )
    parser.add_argument(
        "--yes",
        action="store_true",
        help="upgrade a server database to this version even when pg_dump is not here to back it up first",
    )
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="open the window, wait until the view is painted, save a PNG and exit"
    )
    parser.add_argument("--view", choices=VIEWS, default=None, help="view to open (with or without --screenshot)")
    parser.add_argument(
        "--palette", choices=("light", "dark"), default=None, help="colours for this run (default: the Preferences)"
    )
    parser.add_argument(
        "--size", metavar="WxH", type=window_size, default=None, help="window size for this run, e.g. 1024x640"
    )
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module_name = f"planner.commands.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        importlib.import_module(module_name).register(sub)
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The parsed command line. Opening the window (no command) imports none of the command modules, which
    the window's first paint would wait for: the window's options are parsed alone first, and only what
    they leave over (a command) or a request for help needs the full parser."""
    if not any(a.startswith("-h") or (len(a) > 3 and "--help".startswith(a)) for a in argv):
        window_only = build_parser(commands=False)
        window_only.error = _not_window_only  # type: ignore[method-assign]  (the full parser says what is wrong)
        try:
            args, rest = window_only.parse_known_args(argv)
        except _NeedsFullParser:
            rest = argv
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


class _NeedsFullParser(Exception):
    pass


def _not_window_only(message: str) -> NoReturn:
    raise _NeedsFullParser(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the window) and return the exit status: 0 ok, 2 bad input, 1 our fault."""
    args = parse_arguments(list(sys.argv[1:] if argv is None else argv))
    # The window door sets up its own logging in run_window (logging is imported there, once automatic gc is
    # off for the window's start-up); the log file is the same either way.
    if args.command is not None:
        from planner.logs import setup_logging

        setup_logging("cli")
    try:
        if args.command is None:
            from planner.app import run_window

            return run_window(args)
        from planner.store.database import upgrades_without_backup

        with upgrades_without_backup(args.yes):
            return int(args.run(args) or 0)
    except BadInput as exc:
        print(f"stride-planner: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours, and nothing left to say.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("stride-planner: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # our fault: one line for the user, the traceback for us
        from planner.logs import log_exception, log_location

        where = log_location(log_exception(exc, context=f"stride-planner {args.command or '(window)'}"))
        print(f"stride-planner: unexpected error: {exc} (details in {where})", file=sys.stderr)
        return 1


def run() -> NoReturn:
    """The `stride-planner` command (the console scripts, `python -m planner.cli`, the bundle): main(), then the
    end of the process. After the window, without the interpreter's teardown (planner.app.end_process)."""
    status = main()
    window = sys.modules.get("planner.app")
    if window is not None and window.window_session_over():
        window.end_process(status)
    sys.exit(status)


if __name__ == "__main__":
    run()
