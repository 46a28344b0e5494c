"""Packaging tests build real artifacts (a wheel in a fresh venv, the PyInstaller bundle): slow, so opt-in.

Run them with `pytest tests/packaging --run-bundle` (or `make bundle-test`), or set STRIDE_BUILD_BUNDLE=1.
They run the built app as a user would: in a subprocess, from outside the checkout, with a clean HOME and
none of the STRIDE_PLANNER_* folders the autouse fixture of tests/conftest.py sets for in-process tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUNDLE_DIR = REPO / "packaging" / "dist" / "stride-planner"
BUNDLE_EXE = BUNDLE_DIR / "stride-planner"
# What the bundle is made of: when any of it is newer than the bundle, the bundle is rebuilt.
BUNDLE_SOURCES = (
    "planner",
    "resources",
    "db",
    "packaging/stride-planner.spec",
    "packaging/launcher.py",
    "pyproject.toml",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-bundle",
        action="store_true",
        default=False,
        help="run the slow packaging tests (build the wheel and the PyInstaller bundle)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-bundle") or os.environ.get("STRIDE_BUILD_BUNDLE") == "1":
        return
    skip = pytest.mark.skip(reason="packaging test: pass --run-bundle or set STRIDE_BUILD_BUNDLE=1")
    for item in items:
        if item.get_closest_marker("bundle"):
            item.add_marker(skip)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: PATH, a fresh HOME and a UTF-8 locale; no STRIDE_PLANNER_* overrides."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8", **extra}


def _files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            yield path


def bundle_is_current() -> bool:
    """True when the bundle exists and is newer than every file it is built from."""
    if not BUNDLE_EXE.is_file():
        return False
    built = BUNDLE_EXE.stat().st_mtime
    return all(f.stat().st_mtime <= built for f in _files(REPO / s for s in BUNDLE_SOURCES))


@pytest.fixture(scope="session")
def bundle_dir() -> Path:
    """The one-folder bundle, built with packaging/build_bundle.sh unless the one in packaging/dist is current."""
    if not bundle_is_current():
        # Build with the tools of the venv running the tests, so the bundle matches what was tested in-process.
        env = {**os.environ, "VENV": sys.prefix}
        result = subprocess.run(
            ["bash", str(REPO / "packaging" / "build_bundle.sh")],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, f"bundle build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert BUNDLE_EXE.is_file()
    return BUNDLE_DIR


@pytest.fixture
def user_home(tmp_path: Path) -> Path:
    """An empty home folder for one run of the built app, outside the checkout."""
    home = tmp_path / "home"
    home.mkdir()
    return home
