"""Shared fixtures: every test gets its own data, config and database folders; Qt runs offscreen.

Three guards keep the suite from crashing or hanging by chance:
- automatic garbage collection is off for the whole run and a collection runs on the main thread after each test;
- a modal dialog that a test did not patch fails the test at once instead of waiting forever for a click;
- pytest-timeout (pyproject: 180 s, thread method) dumps every thread's stack if anything else hangs.

STRIDE_TEST_DB=postgresql (scripts/test-pg.sh) runs the same tests against a PostgreSQL server the run starts
itself (tests/store/pg.py): each test's default database is then a fresh database on it. Tests about the SQLite
file itself carry `@pytest.mark.sqlite_only("why")` and are skipped there, the reason shown by `-rs`.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog
from PySide6.QtWidgets import QColorDialog, QDialog, QFileDialog, QFontDialog, QInputDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from tests.store.pg import (  # the session fixture postgres_server, for every test folder
    PG_MODE,
    PostgresServer,
    postgres_server,  # noqa: F401
    require_session_server,
    stop_session_server,
)

# Qt wrappers (MainWindow, the views, QUndoStack) end up in cyclic garbage after UI work. Automatic gc runs on
# whichever thread happens to allocate when a threshold is crossed, so a worker thread building a PDF could free a
# Qt object and crash the run with "Fatal Python error: Segmentation fault" (about 1 full run in 6). Off for the
# whole session and never re-enabled here: `collect_garbage_on_the_main_thread` collects after every test instead.
gc.disable()

# CI must never fail by chance: there the property tests run a fixed, derandomized set of examples (a failure
# reproduces on every run). Elsewhere (a developer's run, `make soak`) each run explores new examples, which is
# where new counterexamples are found and then kept as explicit cases.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "explore")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): the test is about the SQLite file itself; skipped, with the reason, when "
        "STRIDE_TEST_DB=postgresql runs the suite against a PostgreSQL server",
    )
    if os.environ.get("STRIDE_TEST_DB", "sqlite") not in ("sqlite", "postgresql"):
        raise pytest.UsageError(
            f"STRIDE_TEST_DB={os.environ['STRIDE_TEST_DB']!r}: use 'postgresql' (or leave it unset for SQLite)"
        )


def pytest_sessionstart(session: pytest.Session) -> None:
    if PG_MODE:  # before any test: a server that cannot start ends the run here, with the reason, not in a fixture
        require_session_server()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    stop_session_server()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is None:
            continue
        if not marker.args or not isinstance(marker.args[0], str) or not marker.args[0].strip():
            raise pytest.UsageError(f"{item.nodeid}: sqlite_only needs a reason, e.g. @pytest.mark.sqlite_only('...')")
        if PG_MODE:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {marker.args[0]}"))


# pytest-qt's waits (waitUntil, waitSignal, waitExposed, ...) give up after 5 s by default. A wait returns as soon as
# its condition holds, so its cap only matters on a loaded machine, where 5 s made CI fail by chance (a build on
# a worker thread, a first paint): every default cap is 20 s here; a test that gives its own keeps it.
WAIT_CAP_MS = 20_000
for _name in ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive", "waitCallback"):
    _defaults = getattr(getattr(QtBot, _name, None), "__kwdefaults__", None)
    if _defaults and _defaults.get("timeout") == 5000:
        _defaults["timeout"] = WAIT_CAP_MS

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"  # everything a test reads lives inside the repository (see tests/data/README.md)
FREE_EXERCISE_DB = DATA / "free-exercise-db" / "exercises.json"

# Every call that opens a modal dialog and waits for a person: (class, attribute). Instance methods (`exec`) are
# guarded where Qt defines them, so a test that patches QDialog.exec or a subclass's exec still replaces them.
MODAL_CALLS: tuple[tuple[type, str], ...] = (
    (QDialog, "exec"),
    (QDialog, "exec_"),
    (QPrintDialog, "exec"),
    (QPrintDialog, "exec_"),
    (QPageSetupDialog, "exec"),
    (QPageSetupDialog, "exec_"),
    (QMenu, "exec"),  # a popup menu's exec() waits for a click just like a dialog
    (QMenu, "exec_"),
    *((QMessageBox, name) for name in ("information", "warning", "critical", "question", "about", "aboutQt")),
    *(
        (QFileDialog, name)
        for name in (
            "getOpenFileName",
            "getOpenFileNames",
            "getSaveFileName",
            "getExistingDirectory",
            "getOpenFileUrl",
            "getOpenFileUrls",
            "getSaveFileUrl",
            "getExistingDirectoryUrl",
        )
    ),
    *((QInputDialog, name) for name in ("getInt", "getDouble", "getItem", "getText", "getMultiLineText")),
    (QColorDialog, "getColor"),
    (QFontDialog, "getFont"),
)

# Qt's own functions, taken before any test module is imported: a module that patches one at import wins too.
_QT_ORIGINALS: dict[tuple[type, str], Any] = {(cls, name): cls.__dict__.get(name) for cls, name in MODAL_CALLS}
_opened_modals: list[str] = []


class UnpatchedModalDialog(pytest.fail.Exception):
    """A modal dialog would have opened and waited for a click that never comes.

    A pytest failure (a BaseException), so the app's own `except Exception` around a dialog cannot swallow it.
    """


def _describe(owner: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """'QMessageBox.warning("Title", "text")': the call with the strings a user would have read."""
    texts: list[str] = []
    for value in (*args, *kwargs.values()):
        if isinstance(value, QDialog):
            texts.append(value.windowTitle())
            if isinstance(value, QMessageBox):
                texts.append(value.text())
        elif isinstance(value, QMenu):
            texts.append(value.title())
        elif isinstance(value, str):
            texts.append(value)
    shown = ", ".join(repr(t[:200]) for t in texts if t)
    return f"{owner}.{name}({shown})"


def _guard(cls: type, name: str) -> Callable[..., Any]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        owner = type(args[0]).__name__ if args and isinstance(args[0], cls) else cls.__name__
        call = _describe(owner, name, args, kwargs)
        _opened_modals.append(call)
        raise UnpatchedModalDialog(
            f"{call} would open a modal dialog and hang the test: patch it in the test "
            f"(e.g. monkeypatch.setattr({cls.__name__}, {name!r}, ...)), or keep the app from opening it."
        )

    return refuse


@pytest.fixture(scope="session", autouse=True)
def modal_dialogs_fail_the_test() -> Iterator[None]:
    """Replace every modal entry point of Qt for the whole run, before any test's own patch.

    Session-scoped so it is installed first: a test's or fixture's monkeypatch of `exec` (or of a static getter)
    lays over the guard and wins, and undoing that patch brings the guard back.
    """
    guarded: list[tuple[type, str, Any, Any]] = []
    for (cls, name), original in _QT_ORIGINALS.items():
        # None: gone in this PySide6 (exec_ will be); not Qt's own: a test module patched it already, keep that.
        if original is None or cls.__dict__.get(name) is not original:
            continue
        guard = _guard(cls, name)
        installed = staticmethod(guard) if isinstance(original, staticmethod) else guard
        setattr(cls, name, installed)
        guarded.append((cls, name, original, installed))
    yield
    for cls, name, original, installed in guarded:
        if cls.__dict__.get(name) is installed:
            setattr(cls, name, original)


_reports_key = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    # Keep each phase's report on the item, so the teardown check below does not report a failure twice.
    report = yield
    item.stash.setdefault(_reports_key, {})[report.when] = report
    return report


@pytest.fixture(autouse=True)
def no_modal_dialog_opened(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test whose code opened an unpatched modal, even where the app caught the error and carried on."""
    _opened_modals.clear()
    yield
    opened = list(_opened_modals)
    _opened_modals.clear()
    reports = request.node.stash.get(_reports_key, {})
    if opened and all(report.passed for report in reports.values()):  # else it failed already, with the dialog named
        pytest.fail(f"modal dialogs opened unpatched: {'; '.join(opened)}", pytrace=False)


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread() -> Iterator[None]:
    """Collect cyclic garbage after each test, on the main thread, once qtbot has closed the test's widgets.

    Automatic gc is off (see the top of this file). Autouse fixtures of this file are set up before the fixtures a
    test asks for, so this teardown runs after theirs and after pytest-qt has closed every widget of the test.
    """
    yield
    if gc.isenabled():  # code under test (the window's own gc discipline) must not turn it back on for the run
        gc.disable()
    gc.collect()
    # What survives a test (modules imported on first use, caches, session fixtures) is long-lived: freezing it
    # keeps the next collections from walking it again (a full walk took about 150 ms a test, a third of the run).
    # A frozen object is never collected, so it is never freed on a worker thread either.
    gc.freeze()


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[Path]:
    """Point the app's data and config folders at a temp folder so no test touches the user's files.

    The app's default database is the SQLite file in that data folder; with STRIDE_TEST_DB=postgresql it is a
    fresh database of its own on the run's PostgreSQL server instead (dropped after the test).
    """
    home = tmp_path / "app-home"
    monkeypatch.setenv("STRIDE_PLANNER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("STRIDE_PLANNER_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("STRIDE_PLANNER_DB", raising=False)
    if not PG_MODE or _never_opens_a_database(request.node):
        yield home
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    monkeypatch.setenv("STRIDE_PLANNER_DB", url)
    yield home
    # Last teardown of the test (autouse, root conftest): the app's connections left open are cut, not waited for.
    server.drop_database(url)


def _never_opens_a_database(item: pytest.Item) -> bool:
    # tests/domain is plain Python by the house rule (no SQL): a database per test there would only cost time.
    return Path(item.path).is_relative_to(REPO / "tests" / "domain")


@pytest.fixture
def db_path(tmp_path: Path) -> Path | str:
    """A fresh database for `--db`: a path for an SQLite file (not created yet).

    With STRIDE_TEST_DB=postgresql it is the test's database on the server (its URL, migrated and seeded), so the
    tests that pass `--db str(db_path)` run on PostgreSQL too; a test that needs a file is marked sqlite_only.
    """
    server_database = os.environ.get("STRIDE_PLANNER_DB") if PG_MODE else None  # set by isolated_folders
    return server_database or tmp_path / "planner.db"
