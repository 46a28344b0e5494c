"""The wheel carries resources/ and db/: installed into a fresh venv it runs from anywhere with a clean HOME."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from planner import __version__
from tests.export.pdf_reader import flat_text, needs_poppler
from tests.packaging.conftest import REPO, clean_env

pytestmark = pytest.mark.bundle

BIN = "Scripts" if sys.platform == "win32" else "bin"


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with only the wheel (built from a fresh sdist, as `python -m build` does) installed."""
    dist = tmp_path_factory.mktemp("wheel-dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)], capture_output=True, text=True, timeout=600
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (wheel,) = dist.glob("stride_planner-*.whl")
    env_dir = tmp_path_factory.mktemp("wheel-venv")
    venv.create(env_dir, with_pip=True)
    installed = subprocess.run(
        [str(env_dir / BIN / "python"), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    return env_dir


def run_installed(env_dir: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script from the home folder, outside the checkout."""
    return subprocess.run(
        [str(env_dir / BIN / "stride-planner"), *args],
        cwd=home,
        env=clean_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_installed_wheel_reports_its_version(installed_venv: Path, user_home: Path) -> None:
    result = run_installed(installed_venv, user_home, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"stride-planner {__version__}"


def test_installed_wheel_uses_its_own_copy_of_resources_and_migrations(installed_venv: Path, user_home: Path) -> None:
    code = "from planner.paths import resources_dir, migrations_dir; print(resources_dir()); print(migrations_dir())"
    result = subprocess.run(
        [str(installed_venv / BIN / "python"), "-c", code],
        cwd=user_home,
        env=clean_env(user_home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    resources, migrations = (Path(line) for line in result.stdout.splitlines())
    assert resources.name == "_resources"
    assert (resources / "exercises.json").is_file()
    assert migrations.name == "_db"
    assert {p.name for p in (migrations / "versions").glob("*.py")} == {
        p.name for p in (REPO / "db" / "versions").glob("*.py")
    }
    assert REPO not in resources.parents


@needs_poppler
def test_installed_wheel_demo_writes_the_pdf(installed_venv: Path, user_home: Path) -> None:
    out = user_home / "demo"
    result = run_installed(installed_venv, user_home, "demo", "--out", str(out))
    assert result.returncode == 0, result.stderr
    athlete = json.loads((out / "athlete.json").read_text(encoding="utf-8"))
    assert athlete["name"] in flat_text(out / "plan.pdf")
    assert list(user_home.glob(".local/share/stride-planner/*.db"))
