"""The log file and the crash file: errors of ours leave a traceback where the message says, at either door."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from planner import logs
from planner.logs import crash_path, log_path, setup_logging

REPO = Path(__file__).resolve().parent.parent


def run_python(code: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter with the data folder at `data_dir` (a crash cannot take pytest down)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    env["STRIDE_PLANNER_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# The CLI with one of our functions broken: what a bug deep in a command looks like from outside.
BROKEN_CLI = """
    import sys
    import planner.store.exercises

    def broken(*args, **kwargs):
        raise RuntimeError("the library shelf fell over")

    planner.store.exercises.list_exercises = broken
    from planner.cli import main
    sys.exit(main(sys.argv[1:]))
"""

CLI = """
    import sys
    from planner.cli import main
    sys.exit(main(sys.argv[1:]))
"""


def test_an_unexpected_cli_error_leaves_its_traceback_in_the_log_file_the_message_names(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_python(BROKEN_CLI, data, "--db", str(tmp_path / "p.db"), "library", "list")
    assert result.returncode == 1
    line = result.stderr.strip()
    assert "\n" not in line
    named = re.fullmatch(r"stride-planner: unexpected error: the library shelf fell over \(details in (.+)\)", line)
    assert named is not None, line
    log_file = Path(named.group(1))
    assert log_file == data / "stride-planner.log"
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: the library shelf fell over" in text


def test_a_failed_plan_rebuild_in_the_window_leaves_its_traceback_in_the_log_file_it_names(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.domain.athlete import Athlete
    from planner.store.athletes import add_athlete
    from planner.store.database import open_database
    from planner.ui.context import AppContext
    from planner.ui.plan_commands import regenerate
    from planner.ui.plan_rebuilds import plan_rebuilds
    from planner.ui.settings import Settings

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("scheduler bug")

    db = open_database(tmp_path / "p.db")
    ctx = AppContext(db, Settings())
    try:
        athlete_id = add_athlete(db, Athlete(name="Ana"))
        monkeypatch.setattr("planner.store.plans.build_plan", broken)
        said: list[str] = []
        ctx.status_message.connect(said.append)
        regenerate(ctx, athlete_id)  # built off the UI thread: the failure comes back as plain text
        qtbot.waitUntil(lambda: not plan_rebuilds(ctx).pending(athlete_id), timeout=20_000)
    finally:
        ctx.undo_stack.clear()
        ctx.deleteLater()
        db.close()
    named = re.fullmatch(r"The plan could not be regenerated; details are in (.+)\.", said[-1])
    assert named is not None, said
    assert Path(named.group(1)) == log_path()
    text = log_path().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: scheduler bug" in text


def test_a_failed_job_off_the_ui_thread_leaves_its_traceback_in_the_log_file_its_message_names(qtbot: Any) -> None:
    from planner.ui.operations import Control, Failure, run_operation

    def job(_control: Control) -> None:
        raise RuntimeError("the PDF builder tripped")

    failures: list[Failure] = []
    run_operation(job, name="building the preview", on_failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    named = re.search(r"Details are in (.+)\.$", failures[0].text("building the preview"))
    assert named is not None, failures[0].text()
    assert Path(named.group(1)) == log_path()
    text = log_path().read_text(encoding="utf-8")
    assert "building the preview" in text
    assert "RuntimeError: the PDF builder tripped" in text


def test_a_hard_crash_leaves_a_trace_in_the_crash_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_python(
        """
        import faulthandler
        import resource
        from planner.logs import setup_logging

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # the trace is what we want, not a core file
        setup_logging("window")
        faulthandler._sigsegv()
        """,
        data,
    )
    assert result.returncode != 0
    trace = (data / "stride-planner-crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in trace


def test_an_exception_nobody_caught_in_a_thread_is_logged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_python(
        """
        import threading
        from planner.logs import setup_logging

        setup_logging("window")

        def work():
            raise ValueError("lost in a worker")

        thread = threading.Thread(target=work, name="worker")
        thread.start()
        thread.join()
        """,
        data,
    )
    assert result.returncode == 0
    text = (data / "stride-planner.log").read_text(encoding="utf-8")
    assert "uncaught exception in thread worker" in text
    assert "ValueError: lost in a worker" in text


def _unwritable_folders(tmp_path: Path) -> list[Path]:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    folders = [blocker / "data"]  # cannot be created, even by root
    if os.geteuid() != 0:  # root writes through permission bits, so a read-only folder only holds for others
        read_only = tmp_path / "read-only"
        read_only.mkdir()
        read_only.chmod(0o555)
        folders.append(read_only)
    return folders


def test_a_cli_command_runs_when_the_data_folder_cannot_be_written(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    for folder in _unwritable_folders(tmp_path):
        result = run_python(CLI, folder, "--db", str(db), "library", "list")
        assert result.returncode == 0, result.stderr
        assert "Bulgarian split squat" in result.stdout
        assert "Traceback" not in result.stderr


def test_bad_input_still_exits_2_when_the_data_folder_cannot_be_written(tmp_path: Path) -> None:
    for folder in _unwritable_folders(tmp_path):
        result = run_python(CLI, folder, "--db", str(tmp_path / "p.db"), "plan", "--athlete", str(tmp_path / "no.json"))
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr


def test_an_unexpected_error_with_an_unwritable_data_folder_goes_to_stderr_and_says_so(tmp_path: Path) -> None:
    folder = _unwritable_folders(tmp_path)[0]
    result = run_python(BROKEN_CLI, folder, "--db", str(tmp_path / "p.db"), "library", "list")
    assert result.returncode == 1
    assert "RuntimeError: the library shelf fell over" in result.stderr  # the traceback, since no file took it
    assert result.stderr.strip().endswith(
        "stride-planner: unexpected error: the library shelf fell over "
        "(details in the error output (the log file could not be written))"
    )


def test_setting_up_twice_adds_no_second_log_handler() -> None:
    setup_logging("cli")
    setup_logging("cli")
    handlers = [h for h in logging.getLogger("planner").handlers if isinstance(h, logging.FileHandler)]
    assert [h.baseFilename for h in handlers] == [str(log_path())]


def test_a_worker_hands_over_a_formatted_traceback_and_it_is_logged_as_given() -> None:
    try:
        raise KeyError("missing dose")
    except KeyError as exc:
        text = logs.format_exception(exc)
    path = logs.log_exception(context="building the preview", text=text)
    assert path == log_path()
    logged = path.read_text(encoding="utf-8")
    assert "building the preview" in logged
    assert "KeyError: 'missing dose'" in logged


def test_the_crash_file_lives_beside_the_log_in_the_data_folder() -> None:
    assert crash_path().parent == log_path().parent == Path(os.environ["STRIDE_PLANNER_DATA_DIR"])


def test_help_about_shows_the_log_file_s_path_to_copy(qtbot: Any) -> None:
    from planner.ui.about_dialog import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.log_path.text() == str(log_path())
    assert dialog.log_path.isReadOnly()


def test_open_log_folder_opens_the_data_folder(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    from planner.ui.about_dialog import AboutDialog

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.open_log_folder.click()
    assert opened == [str(log_path().parent)]
    assert log_path().parent.is_dir()


def test_help_about_links_the_clinical_basis(qtbot: Any) -> None:
    from planner.paths import clinical_basis_doc
    from planner.ui.about_dialog import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    url = dialog.basis_url.toLocalFile() if dialog.basis_url.isLocalFile() else dialog.basis_url.toString()
    assert url.endswith("docs/clinical-basis.md")
    assert url in dialog.text.text()
    if clinical_basis_doc().is_file():  # a checkout or an install that ships docs/ links the file itself
        assert url == str(clinical_basis_doc())
