"""Where the app finds its shipped data and keeps the user's files.

Every folder can be moved with an environment variable, so tests and portable installs never touch
the real user folders: STRIDE_PLANNER_DATA_DIR, STRIDE_PLANNER_CONFIG_DIR, STRIDE_PLANNER_DB.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "stride-planner"
APP_AUTHOR = "StridePlanner"

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent


def _shipped(installed: str, in_repo: str) -> Path:
    # A wheel or bundle carries the folder inside the package; a source checkout has it beside it.
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _REPO / in_repo


def resources_dir() -> Path:
    return _shipped("_resources", "resources")


def migrations_dir() -> Path:
    return _shipped("_db", "db")


def docs_dir() -> Path:
    return _shipped("_docs", "docs")


def clinical_basis_doc() -> Path:
    """docs/clinical-basis.md: what the symptom check rests on, shown from Help ▸ About."""
    return docs_dir() / "clinical-basis.md"


def data_dir() -> Path:
    override = os.environ.get("STRIDE_PLANNER_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    override = os.environ.get("STRIDE_PLANNER_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, APP_AUTHOR))


def default_database() -> str:
    """The database the app opens without --db: STRIDE_PLANNER_DB, else a file in the data folder."""
    return os.environ.get("STRIDE_PLANNER_DB") or str(data_dir() / "stride-planner.db")


def log_file() -> Path:
    """The rotating log file: tracebacks of errors that are ours, not the user's."""
    return data_dir() / "stride-planner.log"


def crash_file() -> Path:
    """Where faulthandler writes when the process dies hard (a segfault or an abort in Qt)."""
    return data_dir() / "stride-planner-crash.log"
